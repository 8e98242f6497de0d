package dev.berth.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code docker compose} would be told on its command line, plus the process environment and the
 * current directory, passed in so that loading is a pure function of its inputs.
 *
 * @param files            {@code -f} in order; empty means COMPOSE_FILE or discovery
 * @param projectDirectory {@code --project-directory}, or null
 * @param projectName      {@code -p}, or null
 * @param envFiles         {@code --env-file}; empty means {@code <project dir>/.env} when it exists
 * @param profiles         {@code --profile}
 * @param environment      the process environment (wins over {@code .env})
 * @param workingDirectory the current directory: where discovery starts and relative paths are resolved
 * @param services         the services a command targets ({@code up web}); their dependencies are enabled
 *                         even when their profiles are not. Empty means all.
 */
public record LoadOptions(List<Path> files, Path projectDirectory, String projectName, List<Path> envFiles,
                          Set<String> profiles, Map<String, String> environment, Path workingDirectory,
                          List<String> services) {

    public LoadOptions {
        files = List.copyOf(files);
        envFiles = List.copyOf(envFiles);
        profiles = Set.copyOf(profiles);
        environment = Map.copyOf(environment);
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** Without target services: every service of the active profiles. */
    public LoadOptions(List<Path> files, Path projectDirectory, String projectName, List<Path> envFiles,
                       Set<String> profiles, Map<String, String> environment, Path workingDirectory) {
        this(files, projectDirectory, projectName, envFiles, profiles, environment, workingDirectory, List.of());
    }

    /** Discovery from {@code workingDirectory} with the given environment and nothing else set. */
    public static LoadOptions discover(Path workingDirectory, Map<String, String> environment) {
        return builder(workingDirectory).environment(environment).build();
    }

    public static Builder builder(Path workingDirectory) {
        return new Builder(workingDirectory);
    }

    public static final class Builder {
        private final Path workingDirectory;
        private final List<Path> files = new ArrayList<>();
        private Path projectDirectory;
        private String projectName;
        private final List<Path> envFiles = new ArrayList<>();
        private final Set<String> profiles = new LinkedHashSet<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> services = new ArrayList<>();

        private Builder(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
        }

        public Builder file(Path file) {
            files.add(file);
            return this;
        }

        public Builder files(List<Path> more) {
            files.addAll(more);
            return this;
        }

        public Builder projectDirectory(Path dir) {
            this.projectDirectory = dir;
            return this;
        }

        public Builder projectName(String name) {
            this.projectName = name;
            return this;
        }

        public Builder envFile(Path file) {
            envFiles.add(file);
            return this;
        }

        public Builder profile(String profile) {
            profiles.add(profile);
            return this;
        }

        public Builder environment(Map<String, String> env) {
            environment.putAll(env);
            return this;
        }

        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /** A service the command targets: it and its dependencies are enabled whatever their profiles. */
        public Builder service(String service) {
            services.add(service);
            return this;
        }

        public Builder services(List<String> more) {
            services.addAll(more);
            return this;
        }

        public LoadOptions build() {
            return new LoadOptions(files, projectDirectory, projectName, envFiles, profiles, environment,
                    workingDirectory, services);
        }
    }
}
