package dev.berth.compose.bench;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.LoadResult;
import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.rules.ComposeValidator;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlReader;
import dev.berth.compose.stage.Interpolator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Rough per-stage times of a 1,000-service load, to see where an incremental re-validation must save. */
public final class PhaseTiming {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("berth-phase");
        LargeProject.write(dir, 1000);
        String text = Files.readString(dir.resolve("compose.yaml"));
        Map<String, String> env = Map.of("HOME", "/home/bench");
        for (int round = 0; round < 30; round++) {
            long t0 = System.nanoTime();
            Diagnostics d = new Diagnostics();
            YamlMap root = (YamlMap) new YamlReader(d).read("compose.yaml", text).orElseThrow();
            long t1 = System.nanoTime();
            YamlMap interpolated = (YamlMap) new Interpolator(env, d).interpolate(root);
            long t2 = System.nanoTime();
            new ComposeValidator(d).validate(interpolated);
            long t3 = System.nanoTime();
            LoadResult r = ComposeLoader.load(LoadOptions.discover(dir, env));
            long t4 = System.nanoTime();
            if (round % 10 == 9) {
                System.out.printf("parse %.1f ms, interpolate %.1f ms, validate %.1f ms, full load %.1f ms, diagnostics %d%n",
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, r.diagnostics().size());
                r.diagnostics().stream().limit(3).forEach(x -> System.out.println(x.format()));
            }
        }
    }
}
