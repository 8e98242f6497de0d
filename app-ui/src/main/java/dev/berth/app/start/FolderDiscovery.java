package dev.berth.app.start;

import dev.berth.compose.LoadOptions;
import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.source.ProjectLocator;
import dev.berth.compose.source.ProjectSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a folder the user picked holds, by the model's discovery rules ({@link ProjectLocator}: the same files
 * {@code docker compose} would use when run in that folder). File I/O: run off the FX thread.
 */
public final class FolderDiscovery {

    private FolderDiscovery() {
    }

    /** The outcome of looking into a folder: a project to open, or what is wrong and what to do about it. */
    public sealed interface Outcome permits Found, NotFound {
    }

    /**
     * A project: its compose files in load order, its {@code .env} (null when there is none), and the options
     * that load it as {@code docker compose} run in {@code folder} would.
     */
    public record Found(Path folder, Path projectDirectory, List<Path> composeFiles, Path envFile,
                        LoadOptions options) implements Outcome {
        public Found {
            composeFiles = List.copyOf(composeFiles);
        }

        /** The name the recent-projects list shows: the folder's own name. */
        public String displayName() {
            Path name = projectDirectory.getFileName();
            return name == null ? projectDirectory.toString() : name.toString();
        }
    }

    /** Nothing to open: {@code message} says what was looked for and what to do next. */
    public record NotFound(Path folder, String message) implements Outcome {
    }

    /** What {@code docker compose} run in {@code folder} would find there. */
    public static Outcome look(Path folder, Map<String, String> environment) {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            return new NotFound(dir, "The folder " + dir + " does not exist any more. It may have been moved, "
                    + "renamed or deleted: open it from its new place with Open folder…, or remove it from the list.");
        }
        return look(LoadOptions.builder(dir).environment(environment).build());
    }

    /** What discovery finds for {@code options} (as the command line gives them: -f, --project-directory…). */
    public static Outcome look(LoadOptions options) {
        Path dir = options.projectDirectory() != null ? options.workingDirectory().resolve(options.projectDirectory())
                : options.workingDirectory();
        Diagnostics diagnostics = new Diagnostics();
        Optional<ProjectSources> sources = new ProjectLocator(diagnostics).locate(options);
        if (sources.isEmpty()) {
            if (options.files().isEmpty() && ProjectLocator.discover(dir).isEmpty()
                    && !options.environment().containsKey("COMPOSE_FILE")) {
                return new NotFound(dir, "No compose file in " + dir + ". Berth looks there (and in the folders "
                        + "above it) for " + String.join(", ", ProjectLocator.DEFAULT_FILE_NAMES)
                        + ". Create compose.yaml in this folder, or open the folder that holds your project's "
                        + "compose file.");
            }
            String problems = diagnostics.all().stream().filter(Diagnostic::isError).map(Diagnostic::message)
                    .collect(Collectors.joining("\n"));
            return new NotFound(dir, "Berth could not open " + dir + ":\n" + problems);
        }
        ProjectSources found = sources.get();
        Path envFile = options.envFiles().isEmpty() ? found.projectDirectory().resolve(".env")
                : options.workingDirectory().resolve(options.envFiles().getFirst());
        return new Found(dir, found.projectDirectory(), found.files(), Files.isRegularFile(envFile) ? envFile : null,
                options);
    }
}
