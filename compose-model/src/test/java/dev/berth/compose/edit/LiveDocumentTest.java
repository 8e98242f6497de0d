package dev.berth.compose.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.LoadResult;
import dev.berth.compose.bench.LargeProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/** Incremental re-validation must say exactly what a full load of the edited file says. */
class LiveDocumentTest {

    private static final Map<String, String> ENV = Map.of("HOME", "/home/tester");

    /** One character typed, deleted or replaced at a place given as a fraction of the text. */
    record Keystroke(int kind, double where, char c) {
        TextEdit on(String text) {
            int at = Math.min(text.length() - 1, (int) (where * text.length()));
            return switch (kind) {
                case 0 -> TextEdit.insert(at, String.valueOf(c));
                case 1 -> new TextEdit(at, 1, "");
                default -> new TextEdit(at, 1, String.valueOf(c));
            };
        }
    }

    @Provide
    Arbitrary<List<Keystroke>> keystrokes() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.doubles().between(0, 1),
                Arbitraries.of('a', 'Z', '7', ':', ' ', '\n', '#', '"', '-', '$', '{', '[', '\t', '.'))
                .as(Keystroke::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 150)
    void incrementalDiagnosticsEqualAFullLoad(@ForAll("keystrokes") List<Keystroke> keys,
                                              @ForAll @IntRange(min = 2, max = 8) int services) throws IOException {
        Path dir = Files.createTempDirectory("berth-live");
        try {
            Path file = LargeProject.write(dir, services);
            LoadOptions options = LoadOptions.discover(dir, ENV);
            LiveDocument live = LiveDocument.open(options, file);
            assertSameAsFullLoad(live, file, options);
            for (Keystroke k : keys) {
                live.apply(k.on(live.text()));
                Statistics.label("incremental").collect(live.lastWasIncremental());
                assertSameAsFullLoad(live, file, options);
            }
        } finally {
            delete(dir);
        }
        Statistics.label("incremental").coverage(c -> c.check(true).percentage(p -> p > 20));
    }

    @Example
    void aCharacterTypedInAValueIsReparsedAloneAndReported() throws IOException {
        Path dir = Files.createTempDirectory("berth-live");
        try {
            Path file = LargeProject.write(dir, 5);
            LoadOptions options = LoadOptions.discover(dir, ENV);
            LiveDocument live = LiveDocument.open(options, file);
            assertThat(live.diagnostics()).isEmpty();
            int at = live.text().indexOf("condition: service_started", live.text().indexOf("  svc3:"));
            live.apply(new TextEdit(at + "condition: service_".length(), "started".length(), "healthy"));
            assertThat(live.lastWasIncremental()).isTrue();
            live.apply(TextEdit.insert(live.text().indexOf("      svc2:", live.text().indexOf("  svc3:")) + "      svc2".length(), "9"));
            assertThat(live.lastWasIncremental()).isTrue();
            assertThat(live.diagnostics()).extracting(d -> d.message()).anyMatch(m -> m.contains("undefined service `svc29`"));
            assertSameAsFullLoad(live, file, options);
            live.apply(TextEdit.insert(live.text().indexOf("  svc3:") + 5, "x"));
            assertThat(live.lastWasIncremental()).as("renaming a service is a full reload").isFalse();
            assertSameAsFullLoad(live, file, options);
        } finally {
            delete(dir);
        }
    }

    @Example
    void servicesNotTypedInKeepTheirResultsAndTheirProblems() throws IOException {
        Path dir = Files.createTempDirectory("berth-live");
        try {
            Path file = LargeProject.write(dir, 6);
            LoadOptions options = LoadOptions.discover(dir, ENV);
            LiveDocument live = LiveDocument.open(options, file);
            // a misspelt key in svc1, then typing in svc4: svc1's problem must stay, reported from the memo
            int svc1 = live.text().indexOf("  svc1:");
            int image = live.text().indexOf("    image:", svc1);
            live.apply(new TextEdit(image + "    ".length(), "image".length(), "imaeg"));
            assertThat(live.lastWasIncremental()).isTrue();
            int mode = live.text().indexOf("MODE: prod", live.text().indexOf("  svc4:")) + "MODE: pr".length();
            live.apply(new TextEdit(mode, 1, "a"));
            assertThat(live.lastWasIncremental()).isTrue();
            assertThat(live.reusedServiceResults()).as("the five untouched services' three stages").isGreaterThanOrEqualTo(5 * 2);
            assertThat(live.diagnostics()).extracting(d -> d.message())
                    .anyMatch(m -> m.contains("unknown key `imaeg`") && m.contains("did you mean `image`"));
            assertSameAsFullLoad(live, file, options);
            // fixing svc1 clears it; the memo must not bring the old problem back
            live.apply(new TextEdit(image + "    ".length(), "imaeg".length(), "image"));
            assertThat(live.diagnostics()).extracting(d -> d.message()).noneMatch(m -> m.contains("imaeg"));
            assertSameAsFullLoad(live, file, options);
        } finally {
            delete(dir);
        }
    }

    private static void assertSameAsFullLoad(LiveDocument live, Path file, LoadOptions options) throws IOException {
        Files.writeString(file, live.text());
        LoadResult full = ComposeLoader.load(options);
        assertThat(live.diagnostics()).as("diagnostics of\n%s", live.text()).isEqualTo(full.diagnostics());
        assertThat(live.result().project()).isEqualTo(full.project());
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
