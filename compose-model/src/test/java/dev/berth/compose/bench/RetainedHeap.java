package dev.berth.compose.bench;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.LoadResult;
import dev.berth.compose.edit.LiveDocument;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Heap held by the model of a 1,000-service project (goal under 50 MB): used heap after GCs, with and
 * without the result held. A coarse measure (GC is a request), so it runs several rounds and prints each.
 */
public final class RetainedHeap {

    private RetainedHeap() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("berth-heap");
        Path file = LargeProject.write(dir, 1000);
        LoadOptions options = LoadOptions.discover(dir, LoadBenchmark.ENV);
        ComposeLoader.load(options); // load classes first, so they are not counted
        for (int round = 0; round < 3; round++) {
            long before = used();
            LoadResult held = ComposeLoader.load(options);
            long after = used();
            LiveDocument live = LiveDocument.open(options, file);
            long withLive = used();
            System.out.printf("round %d: LoadResult (project + diagnostics) %.1f MB; LiveDocument (text, trees, result) %.1f MB%n",
                    round, (after - before) / 1e6, (withLive - after) / 1e6);
            if (held.project() == null || live.result() == null) {
                throw new IllegalStateException("nothing loaded");
            }
        }
    }

    private static long used() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
