package dev.berth.compose.source;

import dev.berth.compose.LoadOptions;
import dev.berth.compose.diag.Diagnostics;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Stage 0, discovery, as docker compose v2 (compose-go {@code cli} options) does it: {@code -f} files, else
 * {@code COMPOSE_FILE}, else the first default file name found in the current directory or its parents,
 * plus the first override file next to it; then the project directory and the {@code .env} variables.
 */
public final class ProjectLocator {

    /** compose-go's {@code DefaultFileNames}, in its order of preference. */
    public static final List<String> DEFAULT_FILE_NAMES =
            List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
    /** compose-go's {@code DefaultOverrideFileNames}: the first one found beside the base file is added. */
    public static final List<String> DEFAULT_OVERRIDE_FILE_NAMES = List.of("compose.override.yml",
            "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml");

    private static final Pattern PROJECT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private final Diagnostics diagnostics;

    public ProjectLocator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public Optional<ProjectSources> locate(LoadOptions options) {
        Path cwd = options.workingDirectory();
        Path explicitProjectDir = options.projectDirectory() == null ? null
                : cwd.resolve(options.projectDirectory()).normalize();
        if (explicitProjectDir != null && !Files.isDirectory(explicitProjectDir)) {
            diagnostics.error(new Position(explicitProjectDir.toString(), 0, 0), "",
                    "project directory " + explicitProjectDir + " does not exist; check --project-directory");
            return Optional.empty();
        }
        List<Path> explicitFiles = options.files().stream().map(f -> cwd.resolve(f).normalize()).toList();

        // .env sits in the project directory; before discovery that is the best guess we have.
        Path envDir = explicitProjectDir != null ? explicitProjectDir
                : !explicitFiles.isEmpty() ? explicitFiles.getFirst().getParent() : cwd;
        Map<String, String> dotEnv = readDotEnv(options, envDir);
        Map<String, String> variables = merged(dotEnv, options.environment());

        List<Path> files = new ArrayList<>(explicitFiles);
        if (files.isEmpty()) {
            String composeFile = variables.get("COMPOSE_FILE");
            if (composeFile != null && !composeFile.isBlank()) {
                String separator = variables.getOrDefault("COMPOSE_PATH_SEPARATOR", File.pathSeparator);
                for (String part : composeFile.split(Pattern.quote(separator))) {
                    if (!part.isBlank()) {
                        files.add(envDir.resolve(part.strip()).normalize());
                    }
                }
            } else {
                files.addAll(discover(explicitProjectDir != null ? explicitProjectDir : cwd));
                warnAboutOtherCandidates(files);
                if (files.isEmpty()) {
                    diagnostics.error(new Position(cwd.toString(), 0, 0), "",
                            "no compose file found in " + cwd + " or any parent directory (looked for "
                                    + String.join(", ", DEFAULT_FILE_NAMES) + "); create compose.yaml or pass -f <file>");
                    return Optional.empty();
                }
                Path foundIn = files.getFirst().getParent();
                if (options.envFiles().isEmpty() && !foundIn.equals(envDir)) {
                    dotEnv = readDotEnv(options, foundIn);
                    variables = merged(dotEnv, options.environment());
                }
            }
        }
        boolean missing = false;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                missing = true;
                diagnostics.error(new Position(f.toString(), 0, 0), "",
                        "compose file " + f + " not found; check the path (relative paths are resolved from "
                                + cwd + ") or create the file");
            }
        }
        if (missing) {
            return Optional.empty();
        }
        Path projectDir = explicitProjectDir != null ? explicitProjectDir : files.getFirst().getParent();
        return Optional.of(new ProjectSources(files, projectDir, variables));
    }

    /** compose-go warns when a directory holds several default names and says which one it uses. */
    private void warnAboutOtherCandidates(List<Path> found) {
        if (found.isEmpty()) {
            return;
        }
        Path dir = found.getFirst().getParent();
        List<String> all = DEFAULT_FILE_NAMES.stream().filter(n -> Files.isRegularFile(dir.resolve(n))).toList();
        if (all.size() > 1) {
            diagnostics.warning(new Position(found.getFirst().toString(), 0, 0), "", "found multiple config files "
                    + "with supported names: " + String.join(", ", all) + "; using " + all.getFirst()
                    + " — remove or rename the others to avoid confusion");
        }
    }

    /** The files docker compose would pick in {@code start} or the nearest parent that has one. */
    public static List<Path> discover(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            for (String name : DEFAULT_FILE_NAMES) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    List<Path> found = new ArrayList<>(List.of(candidate));
                    for (String override : DEFAULT_OVERRIDE_FILE_NAMES) {
                        if (Files.isRegularFile(dir.resolve(override))) {
                            found.add(dir.resolve(override));
                            break;
                        }
                    }
                    return found;
                }
            }
        }
        return List.of();
    }

    private Map<String, String> readDotEnv(LoadOptions options, Path envDir) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!options.envFiles().isEmpty()) {
            for (Path envFile : options.envFiles()) {
                Path resolved = options.workingDirectory().resolve(envFile).normalize();
                if (!Files.isRegularFile(resolved)) {
                    diagnostics.error(new Position(resolved.toString(), 0, 0), "",
                            "env file " + resolved + " not found; check the path given to --env-file");
                    continue;
                }
                values.putAll(EnvFile.read(resolved, options.environment()::get, diagnostics));
            }
            return values;
        }
        Path dotEnv = envDir.resolve(".env");
        if (Files.isRegularFile(dotEnv)) {
            values.putAll(EnvFile.read(dotEnv, options.environment()::get, diagnostics));
        }
        return values;
    }

    private static Map<String, String> merged(Map<String, String> dotEnv, Map<String, String> process) {
        Map<String, String> all = new LinkedHashMap<>(dotEnv);
        all.putAll(process);
        return all;
    }

    /** Whether {@code name} may be used as given: compose-go's rule for explicit project names. */
    public static boolean isValidProjectName(String name) {
        return name != null && PROJECT_NAME.matcher(name).matches();
    }

    /**
     * Why {@code name}, given by {@code source} ("-p", "COMPOSE_PROJECT_NAME", ...), cannot be a project name, with a
     * valid one to use instead; empty when it can.
     */
    public static Optional<String> invalidProjectName(String name, String source) {
        if (isValidProjectName(name)) {
            return Optional.empty();
        }
        String suggestion = normalizeProjectName(name);
        return Optional.of("\"" + name + "\" (from " + source + ") is not a valid project name: it must contain only"
                + " lowercase letters, digits, '-' and '_', and start with a letter or digit"
                + (suggestion.isEmpty() ? "" : "; for example \"" + suggestion + "\""));
    }

    /** compose-go's {@code NormalizeProjectName}, for names derived from a directory. */
    public static String normalizeProjectName(String raw) {
        String lower = raw.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        return lower.replaceFirst("^[^a-z0-9]+", "");
    }
}
