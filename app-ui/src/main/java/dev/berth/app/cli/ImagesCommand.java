package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.ServiceImage;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "images", description = "List the images the project's containers run.")
final class ImagesCommand extends EngineCommand {

    @Override
    boolean worksByNameAlone() {
        return true;
    }

    @Option(names = {"-q", "--quiet"}, description = "Only print the image IDs")
    boolean quiet;

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        var out = out();
        if (quiet) {
            runtime.images(p).stream().map(i -> i.imageId().replaceFirst("^sha256:", "")).distinct()
                    .forEach(out::println);
            out.flush();
            return 0;
        }
        String row = "%-32s %-32s %-10s %-14s %s%n";
        out.printf(row, "CONTAINER", "REPOSITORY", "TAG", "IMAGE ID", "SIZE");
        for (ServiceImage i : runtime.images(p)) {
            String id = i.imageId().replaceFirst("^sha256:", "");
            out.printf(row, i.container(), i.repository(), i.tag(), id.substring(0, Math.min(12, id.length())),
                    size(i.size()));
        }
        out.flush();
        return 0;
    }

    /** As the docker CLI prints sizes: decimal units, three significant digits. */
    static String size(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.3g", v).replaceFirst("\\.?0+$", "") + units[u];
    }
}
