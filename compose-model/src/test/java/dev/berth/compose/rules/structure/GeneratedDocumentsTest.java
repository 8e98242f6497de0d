package dev.berth.compose.rules.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.LoadResult;
import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.rules.ComposeKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Random compose documents, valid ones generated from the key table and mutated ones (wrong kinds, unknown or
 * misspelt keys, bad fixed values, numbers where quotes were dropped): loading never throws and reports only
 * positioned diagnostics, and Berth's structural verdict is the official schema's (when the schema is present).
 */
class GeneratedDocumentsTest {

    private static final Optional<SchemaOracle> ORACLE = SchemaOracle.sharedFolder().map(SchemaOracle::new);

    @Property(tries = 300)
    void loadingNeverThrowsAndEveryDiagnosticHasAPosition(@ForAll long seed, @ForAll boolean mutate) throws IOException {
        String yaml = document(seed, mutate);
        Path dir = Files.createTempDirectory("berth-generated");
        try {
            Files.writeString(dir.resolve("compose.yaml"), yaml);
            LoadResult result = ComposeLoader.load(LoadOptions.builder(dir).file(dir.resolve("compose.yaml"))
                    .projectName("generated").environment(Map.of("HOME", "/home/tester")).build());
            assertThat(result.diagnostics()).as(yaml).allSatisfy(d -> assertThat(d.position().isKnown()).isTrue());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    @Property(tries = 400)
    @AddLifecycleHook(SkipWithoutSchema.class)
    void berthsStructuralVerdictIsTheSchemas(@ForAll long seed, @ForAll boolean mutate) {
        String yaml = document(seed, mutate);
        List<String> schema = ORACLE.get().schemaErrors(yaml, UnaryOperator.identity());
        List<Diagnostic> berth = SchemaOracle.berthErrors("generated.yaml", yaml, Map.of());
        assertThat(berth.isEmpty())
                .as("schema says %s, Berth says %s, for:%n%s", schema, berth.stream().map(Diagnostic::format).toList(), yaml)
                .isEqualTo(schema.isEmpty());
    }

    /** The official schema lives in the shared folder; without it there is nothing to compare with. */
    static final class SkipWithoutSchema implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return ORACLE.isPresent() ? SkipResult.doNotSkip()
                    : SkipResult.skip("the official schema is not present (../shared or /work/shared)");
        }
    }

    /** A generated document as YAML text; {@code mutate} breaks it in one random way. */
    static String document(long seed, boolean mutate) {
        Random random = new Random(seed);
        DocumentGenerator generator = new DocumentGenerator(random);
        Object tree = generator.value(ComposeKeys.fileForm(), 0);
        if (mutate) {
            tree = generator.mutate(tree);
        }
        DumpSettings settings = DumpSettings.builder().setSchema(new CoreSchema())
                .setDefaultFlowStyle(random.nextBoolean() ? FlowStyle.BLOCK : FlowStyle.AUTO).build();
        return new Dump(settings).dumpToString(tree);
    }

    /** Builds plain Java values (maps, lists, scalars) that snakeyaml-engine writes as YAML. */
    static final class DocumentGenerator {
        private static final List<String> NAMES = List.of("web", "db", "cache.1", "api_v2", "front-end");
        private static final List<String> WORDS = List.of("alpha", "nginx:1.27", "8080:80", "/data", "1m30s", "512m",
                "KEY=value", "on-failure:3", "always", "1000:1000", "./src", "tcp");
        private static final int MAX_DEPTH = 5;

        private final Random random;

        DocumentGenerator(Random random) {
            this.random = random;
        }

        Object value(Form form, int depth) {
            return switch (form) {
                case Form.Anything a -> pick(WORDS);
                case Form.Scalar s -> scalar(s);
                case Form.ListOf l -> {
                    List<Object> items = new ArrayList<>();
                    int n = depth >= MAX_DEPTH ? 0 : random.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        items.add(value(l.item(), depth + 1));
                    }
                    yield items;
                }
                case Form.MapOf m -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    int n = depth >= MAX_DEPTH ? 0 : random.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        String key = m.keys().pattern().equals("^[a-z]+$") ? pick(List.of("nofile", "nproc", "core"))
                                : m.keys().pattern().equals(".+") ? pick(List.of("KEY", "max-size", "com.example.x"))
                                : pick(NAMES);
                        map.put(key, value(m.value(), depth + 1));
                    }
                    yield map;
                }
                case Form.Section s -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    List<String> keys = new ArrayList<>(ComposeKeys.keys(s.scope()).keySet());
                    int n = depth >= MAX_DEPTH ? 0 : random.nextInt(Math.min(5, keys.size()) + 1);
                    for (int i = 0; i < n; i++) {
                        String key = pick(keys);
                        map.put(key, value(ComposeKeys.form(s.scope(), key).orElseThrow(), depth + 1));
                    }
                    for (String required : s.required()) {
                        map.putIfAbsent(required, value(ComposeKeys.form(s.scope(), required).orElseThrow(), depth + 1));
                    }
                    yield map;
                }
                case Form.AnyOf any -> value(pick(any.choices()), depth);
            };
        }

        private Object scalar(Form.Scalar s) {
            if (!s.values().isEmpty()) {
                return pick(s.values());
            }
            if (s.pattern() != null) {
                return s.pattern().pattern().startsWith("always") ? pick(List.of("always", "missing", "every_12h"))
                        : pick(List.of("web-1", "db_main"));
            }
            return switch (pick(new ArrayList<>(s.kinds()))) {
                case STRING -> pick(WORDS);
                case INTEGER -> random.nextInt(70000);
                case NUMBER -> random.nextInt(8) / 2.0;
                case BOOLEAN -> random.nextBoolean();
                case NULL -> null;
            };
        }

        /** One random break somewhere in the tree. */
        @SuppressWarnings("unchecked")
        Object mutate(Object tree) {
            List<Object> containers = new ArrayList<>();
            collect(tree, containers);
            Object target = pick(containers);
            int kind = random.nextInt(4);
            if (target instanceof Map<?, ?> raw) {
                Map<String, Object> map = (Map<String, Object>) raw;
                if (map.isEmpty() || kind == 1) {
                    map.put(misspell(map.isEmpty() ? "image" : pick(new ArrayList<>(map.keySet()))), pick(WORDS));
                } else {
                    String key = pick(new ArrayList<>(map.keySet()));
                    map.put(key, broken(map.get(key), kind));
                }
            } else if (target instanceof List<?> raw && !raw.isEmpty()) {
                List<Object> list = (List<Object>) raw;
                int i = random.nextInt(list.size());
                list.set(i, broken(list.get(i), kind));
            }
            return tree;
        }

        private Object broken(Object value, int kind) {
            return switch (kind) {
                case 0 -> pick(List.of("text", 42, true, List.of("a"), Map.of("k", "v"), 2.5)); // wrong kind
                case 2 -> value instanceof String s ? misspell(s) : "x" + value;                  // bad fixed value
                default -> pick(List.of(1000, 80, false));                                      // quotes dropped
            };
        }

        private String misspell(String word) {
            if (word.length() < 2 || random.nextBoolean()) {
                return Character.toUpperCase(word.charAt(0)) + word.substring(1) + (word.length() < 2 ? "x" : "");
            }
            int i = random.nextInt(word.length() - 1);
            return word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
        }

        private void collect(Object node, List<Object> containers) {
            if (node instanceof Map<?, ?> map) {
                containers.add(map);
                map.values().forEach(v -> collect(v, containers));
            } else if (node instanceof List<?> list) {
                containers.add(list);
                list.forEach(v -> collect(v, containers));
            }
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }
    }
}
