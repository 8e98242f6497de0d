package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.print.ConfigPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** load → print → load for every corpus entry Berth loads without errors: the second print equals the first. */
class CorpusRoundTripTest {

    private static final Path CORPUS = Path.of("/work/shared/samples/corpus");

    /** Services with {@code provider:} (run by a plugin, no image) are accepted but not modelled yet. */
    private static boolean usesProvider(Path file) throws IOException {
        return Files.readString(file).contains("provider:");
    }

    @Test
    void printedConfigLoadsBackToTheSamePrint(@TempDir Path out) throws IOException {
        Path index = CORPUS.resolve("INDEX.tsv");
        Assumptions.assumeTrue(Files.isRegularFile(index), "sample corpus not present at " + CORPUS + "; skipped");
        List<String> lines = Files.readAllLines(index);
        List<String> differ = new ArrayList<>();
        int roundTrips = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t");
            if (c.length < 6 || !c[5].equals("entry")) {
                continue;
            }
            Path file = CORPUS.resolve(c[0]);
            Map<String, String> env = Map.of("HOME", "/home/tester");
            LoadResult first = ComposeLoader.load(LoadOptions.builder(file.getParent()).file(file).profile("*")
                    .environment(env).build());
            if (first.project() == null || first.hasErrors() || usesProvider(file)) {
                continue;
            }
            String printed = ConfigPrinter.yaml(first.project());
            Path copy = Projects.write(out, roundTrips + "/compose.yaml", printed);
            LoadResult second = ComposeLoader.load(LoadOptions.builder(copy.getParent()).file(copy).profile("*")
                    .projectDirectory(file.getParent()).environment(env).build());
            roundTrips++;
            if (second.project() == null || second.hasErrors()) {
                differ.add(c[0] + ": the printed form does not load: " + second.errors());
            } else if (!ConfigPrinter.yaml(second.project()).equals(printed)) {
                differ.add(c[0] + ": the second print differs");
            }
        }
        assertThat(roundTrips).isGreaterThan(0);
        assertThat(differ).isEmpty();
    }
}
