package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Loads every compose file the shared sample corpus marks schema-VALID; diagnostics are allowed, exceptions are not. */
class CorpusTest {

    private static final Path CORPUS = Path.of("/work/shared/samples/corpus");

    @Test
    void everyValidCorpusFileLoadsWithoutAnException() throws IOException {
        Path index = CORPUS.resolve("INDEX.tsv");
        Assumptions.assumeTrue(Files.isRegularFile(index), "sample corpus not present at " + CORPUS + "; skipped");
        List<String> crashed = new ArrayList<>();
        int loaded = 0;
        for (String line : Files.readAllLines(index).subList(1, Files.readAllLines(index).size())) {
            String[] columns = line.split("\t");
            if (columns.length < 4 || !columns[3].equals("VALID")) {
                continue;
            }
            Path file = CORPUS.resolve(columns[0]);
            try {
                LoadResult result = ComposeLoader.load(LoadOptions.builder(file.getParent()).file(file)
                        .environment(Map.of("HOME", "/home/tester")).build());
                assertThat(result).isNotNull();
                loaded++;
            } catch (RuntimeException e) {
                crashed.add(columns[0] + ": " + e);
            }
        }
        assertThat(crashed).isEmpty();
        assertThat(loaded).isGreaterThan(0);
    }
}
