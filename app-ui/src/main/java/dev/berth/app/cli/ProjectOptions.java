package dev.berth.app.cli;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.LoadResult;
import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.source.ProjectLocator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The global flags of {@code docker compose} that say which project to work on; inherited by every verb. */
public final class ProjectOptions {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Compose configuration file (repeatable; default: compose.yaml found from the current directory up)")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME",
            description = "Project name (default: `name:` of the file, else the project directory's name)")
    String projectName;

    @Option(names = "--project-directory", paramLabel = "DIR",
            description = "Alternate working directory (default: the directory of the first compose file)")
    Path projectDirectory;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Alternate environment file (repeatable; default: .env in the project directory)")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "Enable services of this profile (repeatable)")
    List<String> profiles = new ArrayList<>();

    public LoadOptions toLoadOptions() {
        Path cwd = Path.of("").toAbsolutePath();
        return new LoadOptions(
                files.stream().map(f -> cwd.resolve(f).normalize()).toList(),
                projectDirectory == null ? null : cwd.resolve(projectDirectory).normalize(),
                projectName,
                envFiles.stream().map(f -> cwd.resolve(f).normalize()).toList(),
                new LinkedHashSet<>(profiles),
                System.getenv(),
                cwd);
    }

    /**
     * Loads the project and prints its diagnostics to {@code err}. Warnings are printed and loading goes on;
     * errors stop the command with exit code 1 after all of them have been printed.
     */
    LoadResult loadOrFail(PrintWriter err) {
        return reportOrFail(ComposeLoader.load(toLoadOptions()), err);
    }

    /** Prints {@code result}'s diagnostics to {@code err}; errors stop the command as in {@link #loadOrFail}. */
    static LoadResult reportOrFail(LoadResult result, PrintWriter err) {
        for (Diagnostic d : result.diagnostics()) {
            err.println(d.format());
        }
        err.flush();
        if (result.hasErrors() || result.project() == null) {
            long errors = result.diagnostics().stream().filter(Diagnostic::isError).count();
            throw new UserFacingException("the compose project has " + errors + " error" + (errors == 1 ? "" : "s")
                    + "; fix " + (errors == 1 ? "it" : "them") + " and run again (`berth validate` lists them)");
        }
        return result;
    }

    /**
     * The project name that a verb working by name alone ({@code down}, {@code ps}, {@code stop}, ...) uses without
     * reading any file, as {@code docker compose} v2 does: {@code -p} given and no {@code -f}. Null otherwise.
     */
    String nameAlone() {
        if (projectName == null || !files.isEmpty()) {
            return null;
        }
        ProjectLocator.invalidProjectName(projectName, "-p").ifPresent(message -> {
            throw new UserFacingException(message);
        });
        return projectName;
    }
}
