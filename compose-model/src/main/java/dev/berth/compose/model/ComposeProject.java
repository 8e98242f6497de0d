package dev.berth.compose.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A resolved compose project: files loaded, merged, interpolated and normalised.
 * Maps keep the order of the file.
 *
 * @param name        the project name, already normalised (lowercase letters, digits, '-', '_')
 * @param workingDir  the project directory (absolute): relative paths were resolved against it
 * @param configFiles the compose files it was loaded from, absolute, in load order
 * @param unmodelled  top-level keys Berth prints but does not act on ({@code models}, {@code x-*}), as plain values
 * @param disabledServices the services the files define whose profiles are not enabled, with their profiles: not part
 *                    of the project, yet not orphans either (as in {@code docker compose} v2, their containers stay on
 *                    {@code down} and {@code --remove-orphans})
 */
public record ComposeProject(
        String name,
        Path workingDir,
        List<Path> configFiles,
        Map<String, ServiceSpec> services,
        Map<String, NetworkSpec> networks,
        Map<String, VolumeSpec> volumes,
        Map<String, FileObjectSpec> secrets,
        Map<String, FileObjectSpec> configs,
        Map<String, Object> unmodelled,
        Map<String, List<String>> disabledServices) {

    public ComposeProject(String name, Path workingDir, List<Path> configFiles, Map<String, ServiceSpec> services,
                          Map<String, NetworkSpec> networks, Map<String, VolumeSpec> volumes,
                          Map<String, FileObjectSpec> secrets, Map<String, FileObjectSpec> configs,
                          Map<String, Object> unmodelled) {
        this(name, workingDir, configFiles, services, networks, volumes, secrets, configs, unmodelled, Map.of());
    }

    public ComposeProject(String name, Path workingDir, List<Path> configFiles, Map<String, ServiceSpec> services,
                          Map<String, NetworkSpec> networks, Map<String, VolumeSpec> volumes,
                          Map<String, FileObjectSpec> secrets, Map<String, FileObjectSpec> configs) {
        this(name, workingDir, configFiles, services, networks, volumes, secrets, configs, Map.of());
    }

    /** A project without secrets or configs. */
    public ComposeProject(String name, Path workingDir, List<Path> configFiles, Map<String, ServiceSpec> services,
                          Map<String, NetworkSpec> networks, Map<String, VolumeSpec> volumes) {
        this(name, workingDir, configFiles, services, networks, volumes, Map.of(), Map.of());
    }

    public ComposeProject {
        disabledServices = disabledServices == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(disabledServices));
        unmodelled = unmodelled == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unmodelled));
        secrets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secrets));
        configs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(configs));
        configFiles = List.copyOf(configFiles);
        services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
        networks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(networks));
        volumes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(volumes));
    }

    public ServiceSpec service(String name) {
        ServiceSpec s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service '" + name + "' in project " + this.name
                    + " (services: " + String.join(", ", services.keySet()) + ")");
        }
        return s;
    }
}
