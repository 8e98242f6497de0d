package dev.berth.app.cli;

import dev.berth.app.shell.BerthApp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "gui", description = "Open Berth's window on the project (the default when a display is present).")
final class GuiCommand implements Callable<Integer> {

    @ParentCommand
    BerthCommand parent;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Project directory to open (same as --project-directory)")
    Path directory;

    @Override
    public Integer call() {
        open(parent.project, directory);
        return 0;
    }

    void open(ProjectOptions options, Path dir) {
        if (!displayAvailable()) {
            throw new UserFacingException("no display to open a window on (DISPLAY is not set); "
                    + "use the commands instead, e.g. `berth up -d` and `berth ps`, or run under a desktop session");
        }
        if (dir != null) {
            options.projectDirectory = dir;
        }
        BerthApp.launchWith(options.toLoadOptions());
    }

    static boolean displayAvailable() {
        return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null
                || "Monocle".equals(System.getProperty("glass.platform"));
    }
}
