package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same compose file ({@code v1-comparison.yaml}: most container settings) brought up by Debian's
 * docker-compose 1.29 and by Berth, one after the other (they publish the same host ports), under different
 * project names; each service's container must look the same to {@code docker inspect}, after these
 * normalisations, each an accepted difference of v1's older behaviour:
 * <ul>
 *   <li>project names are replaced by {@code <project>} (the tools run under different ones);</li>
 *   <li>labels: only the file's own are compared; {@code com.docker.compose.*} differ by design (v1's
 *       {@code version} 1.29.2, its own config-hash algorithm, no {@code depends_on}/{@code image} labels);</li>
 *   <li>mounts are compared as the engine reports them at the top level (type, volume name or source,
 *       destination, read-write): v1 asks for them as {@code HostConfig.Binds} plus {@code Config.Volumes},
 *       v2 as {@code HostConfig.Mounts}; the container sees the same;</li>
 *   <li>network aliases: both give the service name and the configured aliases; v1 adds the short container
 *       id and the hostname, v2 the container name; those identity aliases are dropped;</li>
 *   <li>{@code HostConfig.NetworkMode}: both name one of the container's networks, but v1 picks by name
 *       order and v2 the first in file order; only "is one of its networks" is compared.</li>
 * </ul>
 */
@Tag("engine")
class ComposeV1ComparisonEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("web", "worker");
    private static final List<String> CONFIG_FIELDS = List.of("Image", "Entrypoint", "Cmd", "User", "WorkingDir",
            "Hostname", "Domainname", "StopSignal", "StopTimeout", "Healthcheck", "Tty", "OpenStdin");
    private static final List<String> HOST_FIELDS = List.of("PortBindings", "RestartPolicy", "CapAdd", "CapDrop",
            "Dns", "DnsSearch", "ExtraHosts", "Memory", "MemorySwap", "MemoryReservation", "NanoCpus", "PidsLimit",
            "ShmSize", "Ulimits", "Init", "ReadonlyRootfs", "Tmpfs", "Sysctls", "LogConfig", "Privileged", "IpcMode",
            "PidMode", "Devices");

    @Test
    void berthCreatesWhatDockerComposeV1Creates() throws Exception {
        String v1 = v1Binary();
        Assumptions.assumeTrue(v1 != null, "docker-compose (v1) is not installed: apt-get install -y docker-compose"
                + " to run the comparison");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String v1Project = "heng-cmpa-" + suffix;
        String berthProject = "heng-cmpb-" + suffix;
        Path dir = Files.createTempDirectory("heng-v1cmp");
        Files.createDirectories(dir.resolve("data"));
        Path file = dir.resolve("compose.yaml");
        try (InputStream in = getClass().getResourceAsStream("/v1-comparison.yaml")) {
            Files.write(file, in.readAllBytes());
        }

        Map<String, Map<String, String>> byV1 = new TreeMap<>();
        try {
            run(dir, v1, "-f", file.toString(), "-p", v1Project, "up", "-d");
            for (String service : SERVICES) {
                byV1.put(service, normalised(ComposeText.inspect(v1Project + "_" + service + "_1"), v1Project, service));
            }
        } finally {
            run(dir, v1, "-f", file.toString(), "-p", v1Project, "down", "-v", "-t", "0");
        }

        Map<String, Map<String, String>> byBerth = new TreeMap<>();
        ComposeProject project = ComposeText.load(dir, berthProject, Files.readString(file));
        ComposeRuntime runtime = null;
        try {
            runtime = ComposeRuntime.connect(EndpointResolver.resolve());
            runtime.up(project, UpOptions.defaults(), ProgressListener.NONE);
            for (String service : SERVICES) {
                byBerth.put(service, normalised(ComposeText.inspect(berthProject + "-" + service + "-1"),
                        berthProject, service));
            }
        } catch (EngineException e) {
            fail(e.describe());
        } finally {
            if (runtime != null) {
                runtime.down(project, new DownOptions(true, true, Duration.ZERO), ProgressListener.NONE);
                runtime.close();
            }
        }

        for (String service : SERVICES) {
            assertThat(byBerth.get(service)).as("service %s: Berth's container vs docker-compose v1's", service)
                    .containsExactlyInAnyOrderEntriesOf(byV1.get(service));
        }
        // the comparison saw the settings, not a pair of empty containers
        assertThat(byBerth.get("web")).containsEntry("HostConfig.Memory", "67108864")
                .containsEntry("HostConfig.NanoCpus", "500000000")
                .containsEntry("Config.User", "\"1000:1000\"");
        assertThat(byBerth.get("web").get("Networks")).contains("www").contains("web-back");
    }

    /** The fields compared, as JSON text with the project name replaced. */
    private static Map<String, String> normalised(JsonNode c, String project, String service) {
        Map<String, String> out = new TreeMap<>();
        JsonNode config = c.get("Config");
        JsonNode host = c.get("HostConfig");
        for (String f : CONFIG_FIELDS) {
            out.put("Config." + f, text(config.get(f), project));
        }
        for (String f : HOST_FIELDS) {
            out.put("HostConfig." + f, text(host.get(f), project));
        }
        // without hostname: the engine gives the short container id, which differs by nature
        if (config.get("Hostname").asText().equals(c.get("Id").asText().substring(0, 12))) {
            out.put("Config.Hostname", "<short container id>");
        }
        out.put("Config.Env", new TreeSet<>(ComposeText.strings(config.get("Env"))).toString());
        out.put("Config.ExposedPorts", fieldNames(config.get("ExposedPorts")).toString());
        Map<String, String> labels = new TreeMap<>();
        config.get("Labels").fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("com.docker.compose.")) {
                labels.put(e.getKey(), e.getValue().asText());
            }
        });
        out.put("Config.Labels", labels.toString());
        Set<String> mounts = new TreeSet<>();
        for (JsonNode m : c.get("Mounts")) {
            String type = m.get("Type").asText();
            String source = type.equals("volume") ? m.get("Name").asText() : m.get("Source").asText();
            mounts.add(type + " " + source.replace(project, "<project>") + " -> " + m.get("Destination").asText()
                    + (m.get("RW").asBoolean() ? " rw" : " ro"));
        }
        out.put("Mounts", mounts.toString());
        String id = c.get("Id").asText();
        Set<String> identity = new TreeSet<>(List.of(id.substring(0, 12), config.get("Hostname").asText(),
                c.get("Name").asText().replaceFirst("^/", "")));
        Map<String, List<String>> networks = new TreeMap<>();
        JsonNode attached = c.get("NetworkSettings").get("Networks");
        attached.fields().forEachRemaining(e -> {
            List<String> aliases = new ArrayList<>();
            for (String a : ComposeText.strings(e.getValue().get("Aliases"))) {
                if (!identity.contains(a) || a.equals(service)) {
                    aliases.add(a);
                }
            }
            aliases.sort(null);
            networks.put(e.getKey().replace(project, "<project>"), aliases);
        });
        out.put("Networks", networks.toString());
        out.put("HostConfig.NetworkMode is one of its networks",
                String.valueOf(attached.has(host.get("NetworkMode").asText())));
        return out;
    }

    private static String text(JsonNode node, String project) {
        return node == null || node.isNull() ? "null" : node.toString().replace(project, "<project>");
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        if (node != null && !node.isNull()) {
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
        }
        return names;
    }

    private static String v1Binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "docker-compose");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("`" + String.join(" ", command) + "` failed:\n"
                    + new String(out, StandardCharsets.UTF_8));
        }
    }
}
