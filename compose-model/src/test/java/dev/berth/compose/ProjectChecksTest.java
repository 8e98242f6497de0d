package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.diag.Diagnostic;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden folders {@code loading/checks/<case>/}: {@code compose.yaml} and {@code expected-diagnostics.txt},
 * one {@code severity file:line:col path} line per diagnostic the load must give (all of them, in order),
 * then the messages must say how to fix (each holds a ';' or an instruction after the problem).
 */
class ProjectChecksTest {

    @TestFactory
    Stream<DynamicTest> eachCaseGivesExactlyItsDiagnostics() throws IOException, URISyntaxException {
        Path root = Path.of(ProjectChecksTest.class.getResource("/loading/checks").toURI());
        List<Path> cases;
        try (Stream<Path> list = Files.list(root)) {
            cases = list.filter(Files::isDirectory).sorted().toList();
        }
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            LoadResult result = ComposeLoader.load(LoadOptions.discover(dir, Map.of("HOME", "/home/tester")));
            List<String> actual = result.diagnostics().stream().map(d -> line(dir, d)).toList();
            Path expected = dir.resolve("expected-diagnostics.txt");
            assertThat(Files.exists(expected)).as("missing %s; the load gave:%n%s", expected, String.join("\n", actual))
                    .isTrue();
            assertThat(actual).containsExactlyElementsOf(Files.readAllLines(expected).stream()
                    .filter(l -> !l.isBlank()).toList());
            assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.message()).containsAnyOf(";", " — "));
        }));
    }

    private static String line(Path dir, Diagnostic d) {
        String file = d.position().file().isEmpty() ? "-" : dir.relativize(Path.of(d.position().file())).toString();
        return d.severity().label() + " " + file + ":" + d.position().line() + ":" + d.position().column() + " "
                + d.path();
    }
}
