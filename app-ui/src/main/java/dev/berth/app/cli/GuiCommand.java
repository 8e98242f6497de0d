package dev.berth.app.cli;

import dev.berth.app.shell.BerthApp;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.source.ProjectLocator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "gui", description = {"Open Berth's window on the project (the default when a display is present).",
        "With no project given and no compose file found from the current directory, it opens on the start screen:",
        "recent projects, open a folder, clone a repository, or try the sample."})
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
        LoadOptions project = options.toLoadOptions();
        if (nothingNamed(project)) {
            BerthApp.launchOnStartScreen();
        } else {
            BerthApp.launchWith(project);
        }
    }

    /** No -f, no directory, no COMPOSE_FILE, and discovery from the current directory finds nothing. */
    static boolean nothingNamed(LoadOptions project) {
        return project.files().isEmpty() && project.projectDirectory() == null
                && !project.environment().containsKey("COMPOSE_FILE")
                && ProjectLocator.discover(project.workingDirectory()).isEmpty();
    }

    static boolean displayAvailable() {
        return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null
                || "Monocle".equals(System.getProperty("glass.platform"));
    }
}
