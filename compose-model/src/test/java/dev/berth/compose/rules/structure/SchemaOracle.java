package dev.berth.compose.rules.structure;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.stage.Interpolator;
import dev.berth.compose.source.Position;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two verdicts on a compose file's structure that must agree: the official Compose schema's (read from the
 * shared folder, never copied into the repository) on the file parsed independently by snakeyaml-engine into
 * JSON, and Berth's (its YAML reader plus {@link StructureCheck}). Both see the file after interpolation.
 */
final class SchemaOracle {

    /** Where the shared samples and the oracle schema live, or empty when this machine has none. */
    static Optional<Path> sharedFolder() {
        Path beside = Path.of(System.getProperty("berth.repo.root", "..")).resolve("../shared").normalize();
        for (Path candidate : List.of(beside, Path.of("/work/shared"))) {
            if (Files.isRegularFile(candidate.resolve("oracle/compose-spec.json"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private final Schema schema;

    SchemaOracle(Path shared) {
        try {
            JsonNode schemaJson = new ObjectMapper().readTree(Files.readString(shared.resolve("oracle/compose-spec.json")));
            // its relative $id ("compose_spec.json") is no URI networknt accepts; refs are all local (#/definitions)
            ((ObjectNode) schemaJson).remove("$id");
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's errors for a YAML text after {@code interpolate}; a YAML the parser refuses is one error. */
    List<String> schemaErrors(String yaml, UnaryOperator<String> interpolate) {
        Object document;
        try {
            // compose-go's `!reset` removes a value; the schema then sees nothing there (null where allowed)
            ConstructNode reset = node -> null;
            LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema())
                    .setTagConstructors(Map.of(new Tag("!reset"), reset))
                    .setAllowDuplicateKeys(false).setMaxAliasesForCollections(100).build();
            document = new Load(settings).loadFromString(yaml);
        } catch (RuntimeException e) {
            return List.of("YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<Error> errors = schema.validate(json(document, interpolate));
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    /** Berth's structural errors for the same text: YAML reading and {@link StructureCheck} only. */
    static List<Diagnostic> berthErrors(String fileName, String yaml, Map<String, String> variables) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<YamlNode> tree = new YamlReader(diagnostics).read(fileName, yaml);
        if (tree.isPresent()) {
            if (tree.get() instanceof YamlMap root) {
                YamlMap interpolated = (YamlMap) new Interpolator(variables, new Diagnostics()).interpolate(root);
                new StructureCheck(diagnostics).check(interpolated);
            } else {
                diagnostics.error(tree.get().position(), "", "not a mapping");
            }
        }
        return diagnostics.all().stream().filter(Diagnostic::isError).toList();
    }

    /** Interpolation as Berth does it, for the schema's side (values only, never keys). */
    static UnaryOperator<String> interpolation(Map<String, String> variables) {
        Interpolator interpolator = new Interpolator(variables, new Diagnostics());
        return text -> interpolator.substitute(text, Position.UNKNOWN, "");
    }

    private static JsonNode json(Object value, UnaryOperator<String> interpolate) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (value) {
            case null -> f.nullNode();
            case Map<?, ?> map -> {
                ObjectNode node = f.objectNode();
                map.forEach((k, v) -> node.set(String.valueOf(k), json(v, interpolate)));
                yield node;
            }
            case List<?> list -> {
                ArrayNode node = f.arrayNode();
                list.forEach(v -> node.add(json(v, interpolate)));
                yield node;
            }
            case String s -> f.textNode(s.indexOf('$') >= 0 ? interpolate.apply(s) : s);
            case Boolean b -> f.booleanNode(b);
            case Integer i -> f.numberNode(i);
            case Long l -> f.numberNode(l);
            case java.math.BigInteger big -> f.numberNode(big);
            case Double d -> d.isNaN() || d.isInfinite() ? f.textNode(String.valueOf(d)) : f.numberNode(d);
            case byte[] bytes -> f.textNode(new String(bytes));
            default -> f.textNode(String.valueOf(value));
        };
    }
}
