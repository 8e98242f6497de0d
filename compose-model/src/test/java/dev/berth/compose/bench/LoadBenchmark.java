package dev.berth.compose.bench;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.LoadResult;
import dev.berth.compose.edit.LiveDocument;
import dev.berth.compose.edit.TextEdit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 4's speed goals on a generated 1,000-service project: a warm load + validate (goal under 150 ms) and
 * the re-validation after one character typed in one service (goal under 20 ms), with the full load after
 * the same edit as the baseline. Run by {@code scripts/bench-compose-model.sh}, never by the tests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LoadBenchmark {

    static final int SERVICES = 1000;
    static final Map<String, String> ENV = Map.of("HOME", "/home/bench");

    private LoadOptions options;
    private LiveDocument live;
    private int editAt;
    private boolean flip;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("berth-bench");
        Path file = LargeProject.write(dir, SERVICES);
        options = LoadOptions.discover(dir, ENV);
        live = LiveDocument.open(options, file);
        // the `o` of `MODE: prod` in the middle service
        editAt = live.text().indexOf("MODE: prod", live.text().indexOf("  svc500:")) + "MODE: pr".length();
    }

    @Benchmark
    public LoadResult loadAndValidate1000Services() {
        return ComposeLoader.load(options);
    }

    /** One character replaced (prod ↔ prad), as typing does; the live document re-parses one service. */
    @Benchmark
    public LoadResult revalidateAfterOneCharacter() {
        flip = !flip;
        LoadResult result = live.apply(new TextEdit(editAt, 1, flip ? "a" : "o"));
        if (!live.lastWasIncremental()) {
            throw new IllegalStateException("the benchmark edit fell back to a full load");
        }
        return result;
    }
}
