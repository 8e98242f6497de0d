package dev.berth.compose.bench;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A first load in a fresh JVM, as {@code berth validate} on a 1,000-service project would do it: generates
 * the file (untimed), then times one load + validate and prints the milliseconds. Goal: under 1 s.
 */
public final class ColdLoad {

    private ColdLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("berth-cold");
        LargeProject.write(dir, args.length > 0 ? Integer.parseInt(args[0]) : 1000);
        long start = System.nanoTime();
        LoadResult result = ComposeLoader.load(LoadOptions.discover(dir, LoadBenchmark.ENV));
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("cold load+validate: " + ms + " ms, " + result.project().services().size() + " services, "
                + result.diagnostics().size() + " diagnostics");
    }
}
