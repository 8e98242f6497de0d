package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMountSpec;
import dev.berth.compose.source.Position;
import dev.berth.compose.stage.PortSyntax;
import dev.berth.compose.stage.VolumeSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * For each corpus file whose docker-compose v1 {@code config} succeeded, Berth's service set, images,
 * environment maps, published ports (host/target) and volume targets equal v1's, after normalising v1's
 * known quirks (it lists services of every profile, keeps env_file apart from environment, keeps some short
 * port and volume strings). v1 predates the Compose Specification: where the two disagree and Berth follows
 * the spec (or v2), the mismatch is listed in {@link #ACCEPTED} with the reason.
 */
class V1ConfigComparisonTest {

    private static final Path SAMPLES = Path.of("/work/shared/samples");
    private static final Path CORPUS = SAMPLES.resolve("corpus");

    private static final String BARE_KEY = "a bare `- KEY` unset in the environment: v1 prints KEY empty, v2 prints "
            + "it null and the container does not get it; Berth drops it (same container)";

    /** Corpus path → why Berth's answer differs from v1's and is still right. */
    private static final Map<String, String> ACCEPTED = Map.ofEntries(
            Map.entry("awesome-compose/apache-php/compose.yaml", "v1 strips the trailing '/' of the container path "
                    + "/var/www/html/; Berth keeps the target as written (the engine mounts both alike)"),
            Map.entry("docker-compose/e2e-fixtures/logs-test/cat.yaml", "`${FILE}:/text_file.txt` with FILE unset: v1 "
                    + "mounts the project directory, v2 refuses the empty source, and so does Berth"),
            Map.entry("docker-compose/e2e-testdata/TestIPC/compose.yaml", "`ipc: container:${EXTERNAL_NAME}` with it "
                    + "unset leaves `container:`: v1 and v2 print it and the engine refuses it at up; Berth reports it "
                    + "at its line, as it does `service:` without a name"),
            Map.entry("docker-compose/e2e-testdata/TestUpContainerNameConflict/compose.yaml", "`container_name: "
                    + "${FIXED_NAME}` with it unset is \"\", which the spec's pattern refuses: v2 and Berth refuse it"),
            Map.entry("docker-compose/e2e-testdata/TestScaleBasicCases/compose.yaml", BARE_KEY),
            Map.entry("docker-compose/e2e-testdata/TestScaleDownRemovesObsolete/compose.yaml", BARE_KEY),
            Map.entry("docker-compose/e2e-testdata/TestScaleUpAndDownPreserveContainerNumber/compose.yaml", BARE_KEY),
            Map.entry("docker-compose/e2e-testdata/TestScaleWithDepsCases/compose.yaml", BARE_KEY),
            Map.entry("docker-compose/e2e-testdata/TestUnsetEnv/compose.yaml", BARE_KEY));

    @Test
    void berthReadsWhatV1ReadWhereV1Succeeded() throws IOException {
        Path index = CORPUS.resolve("INDEX.tsv");
        Assumptions.assumeTrue(Files.isRegularFile(index), "sample corpus not present at " + CORPUS + "; skipped");
        int compared = 0;
        int matched = 0;
        List<String> accepted = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        List<String> lines = Files.readAllLines(index);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t");
            if (c.length < 7 || !c[4].equals("ok") || c[5].equals("referenced")) {
                continue;
            }
            Path oracle = CORPUS.resolve(c[6] + "v1-config.yaml");
            if (!Files.isRegularFile(oracle)) {
                continue;
            }
            compared++;
            String problem = compare(CORPUS.resolve(c[0]), oracle);
            if (problem == null) {
                matched++;
            } else if (ACCEPTED.containsKey(c[0])) {
                accepted.add(c[0] + ": " + ACCEPTED.get(c[0]));
            } else {
                mismatches.add(c[0] + ": " + problem);
            }
        }
        System.out.printf("v1 comparison: %d compared, %d matched, %d accepted mismatches%n", compared, matched,
                accepted.size());
        mismatches.forEach(m -> System.out.println("v1 mismatch: " + m));
        assertThat(compared).isGreaterThan(0);
        assertThat(mismatches).isEmpty();
        assertThat(accepted).as("an accepted mismatch that now matches should leave ACCEPTED")
                .hasSize(ACCEPTED.size());
    }

    private static String compare(Path file, Path oracle) throws IOException {
        String text = Files.readString(oracle).replace("@SAMPLES@", SAMPLES.toString());
        Object parsed = new Load(LoadSettings.builder().build()).loadFromString(text);
        Map<?, ?> v1 = parsed instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> v1Services = v1.get("services") instanceof Map<?, ?> m ? m : Map.of();
        LoadResult result = ComposeLoader.load(LoadOptions.builder(file.getParent()).file(file).profile("*")
                .environment(Map.of("HOME", "/home/tester", "PATH", "/usr/bin:/bin")).build());
        if (result.project() == null || result.hasErrors()) {
            return "Berth refuses it: " + result.errors().stream().map(d -> d.format()).toList();
        }
        ComposeProject p = result.project();
        if (!new TreeSet<>(p.services().keySet()).equals(new TreeSet<>(names(v1Services.keySet())))) {
            return "services " + new TreeSet<>(p.services().keySet()) + " vs v1 " + new TreeSet<>(names(v1Services.keySet()));
        }
        for (ServiceSpec s : p.services().values()) {
            Map<?, ?> v = v1Services.get(s.name()) instanceof Map<?, ?> m ? m : Map.of();
            String where = "service " + s.name() + ": ";
            Object image = v.get("image");
            if (!String.valueOf(image).equals(String.valueOf(s.image()))) {
                return where + "image " + s.image() + " vs v1 " + image;
            }
            Map<String, String> env = environment(v.get("environment"));
            Map<String, String> mine = new TreeMap<>(s.environment());
            if (v.containsKey("env_file") ? !mine.entrySet().containsAll(env.entrySet()) : !mine.equals(env)) {
                return where + "environment " + mine + " vs v1 " + env;
            }
            List<String> ports = new ArrayList<>(s.ports().stream().map(V1ConfigComparisonTest::port).sorted().toList());
            List<String> v1Ports = v1Ports(v.get("ports"));
            if (!ports.equals(v1Ports)) {
                return where + "ports " + ports + " vs v1 " + v1Ports;
            }
            Set<String> targets = new TreeSet<>(s.volumes().stream().map(VolumeMountSpec::target).toList());
            Set<String> v1Targets = v1Targets(v.get("volumes"));
            if (!targets.equals(v1Targets)) {
                return where + "volume targets " + targets + " vs v1 " + v1Targets;
            }
        }
        return null;
    }

    private static List<String> names(Set<?> keys) {
        return keys.stream().map(String::valueOf).toList();
    }

    private static Map<String, String> environment(Object node) {
        Map<String, String> env = new TreeMap<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, val) -> env.put(String.valueOf(k), val == null ? "" : scalar(val)));
        } else if (node instanceof List<?> l) {
            for (Object item : l) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                if (eq > 0) {
                    env.put(s.substring(0, eq), s.substring(eq + 1));
                }
            }
        }
        return env;
    }

    /** v1 writes YAML 1.1 booleans and numbers unquoted where compose keeps their text. */
    private static String scalar(Object value) {
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return String.valueOf(value);
    }

    private static String port(PortSpec p) {
        return (p.published() == null ? "" : p.publishedText()) + ":" + p.target();
    }

    private static List<String> v1Ports(Object node) {
        List<String> out = new ArrayList<>();
        if (node instanceof List<?> l) {
            for (Object item : l) {
                if (item instanceof Map<?, ?> m) {
                    Object published = m.get("published");
                    out.add((published == null ? "" : String.valueOf(published)) + ":" + m.get("target"));
                } else {
                    PortSyntax.parse(String.valueOf(item), Position.UNKNOWN).ports()
                            .forEach(p -> out.add(port(p)));
                }
            }
        }
        return out.stream().sorted().toList();
    }

    private static Set<String> v1Targets(Object node) {
        Set<String> out = new TreeSet<>();
        if (node instanceof List<?> l) {
            for (Object item : l) {
                if (item instanceof Map<?, ?> m) {
                    out.add(String.valueOf(m.get("target")));
                } else {
                    out.add(VolumeSyntax.parse(String.valueOf(item)).target());
                }
            }
        }
        return out;
    }
}
