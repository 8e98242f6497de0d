package dev.berth.compose.rules.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlReader;
import dev.berth.compose.stage.Interpolator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden cases under {@code src/test/resources/structure/<case>/}: {@code compose.yaml} and
 * {@code expected-errors.txt} (one {@code line:column message} per error, in order). Only the structure and
 * value checks run, so semantic checks added elsewhere do not change these files; where the official schema is
 * present, its verdict on each case must match too.
 */
class StructureCasesTest {

    static Path casesFolder() {
        try {
            return Path.of(StructureCasesTest.class.getResource("/structure").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Diagnostic> structureAndValueErrors(Path file) throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        new YamlReader(diagnostics).read(file).filter(YamlMap.class::isInstance).ifPresent(root -> {
            YamlMap interpolated = (YamlMap) new Interpolator(Map.of(), diagnostics).interpolate(root);
            new StructureCheck(diagnostics).check(interpolated);
            new ValueFormats(diagnostics).check(interpolated);
        });
        return diagnostics.all().stream().filter(Diagnostic::isError).toList();
    }

    private static List<Path> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(casesFolder())) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> eachCaseReportsExactlyItsExpectedErrors() throws IOException {
        return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            List<String> actual = structureAndValueErrors(dir.resolve("compose.yaml")).stream()
                    .sorted(java.util.Comparator.comparingInt((Diagnostic d) -> d.position().line())
                            .thenComparingInt(d -> d.position().column()))
                    .map(d -> d.position().line() + ":" + d.position().column() + " " + d.message()).toList();
            List<String> expected = Files.readAllLines(dir.resolve("expected-errors.txt")).stream()
                    .filter(l -> !l.isBlank()).toList();
            assertThat(actual).containsExactlyElementsOf(expected);
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachCaseHasTheSchemasVerdict() throws IOException {
        var shared = SchemaOracle.sharedFolder();
        Assumptions.assumeTrue(shared.isPresent(), "the official schema is not present; skipped");
        SchemaOracle oracle = new SchemaOracle(shared.get());
        return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Path file = dir.resolve("compose.yaml");
            List<String> schema = oracle.schemaErrors(Files.readString(file), SchemaOracle.interpolation(Map.of()));
            List<Diagnostic> berth = SchemaOracle.berthErrors(file.toString(), Files.readString(file), Map.of());
            assertThat(berth.isEmpty()).as("schema %s, Berth %s", schema, berth).isEqualTo(schema.isEmpty());
        }));
    }
}
