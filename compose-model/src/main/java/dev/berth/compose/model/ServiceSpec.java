package dev.berth.compose.model;

import dev.berth.compose.source.Position;
import java.util.List;
import java.util.Map;

/**
 * One service after normalisation. {@code null} means "not set in the file" for optional scalars
 * and for {@code entrypoint}/{@code command} (so the image's own is used); collections are never null.
 *
 * @param networks the networks the service joins, by project-level key (always at least the default
 *                 network unless {@code network_mode} is set)
 * @param scale    number of replicas ({@code scale} or {@code deploy.replicas}; 1 when unset)
 * @param deploy   {@code deploy:}, null when unset
 * @param secrets  {@code secrets:} uses, short syntax expanded
 * @param configs  {@code configs:} uses, short syntax expanded
 * @param settings the container-level settings (ulimits, dns, capabilities, sizes...)
 * @param unmodelled the keys of the spec that Berth reads and prints but does not act on ({@code develop},
 *                   {@code provider}, {@code models}, {@code post_start}/{@code pre_stop}, {@code x-*}, ...),
 *                   as plain values (maps, lists, strings, numbers, booleans, nulls) in file order
 */
public record ServiceSpec(
        String name,
        String image,
        BuildSpec build,
        List<String> entrypoint,
        List<String> command,
        Map<String, String> environment,
        List<PortSpec> ports,
        List<VolumeMountSpec> volumes,
        String user,
        String workingDir,
        List<DependencySpec> dependsOn,
        Map<String, ServiceNetwork> networks,
        String networkMode,
        Map<String, String> labels,
        String restart,
        String containerName,
        HealthcheckSpec healthcheck,
        int scale,
        List<String> profiles,
        Position position,
        DeploySpec deploy,
        List<ServiceFileRef> secrets,
        List<ServiceFileRef> configs,
        ContainerSettings settings,
        Map<String, Object> unmodelled) {

    /** Without unmodelled keys. */
    public ServiceSpec(String name, String image, BuildSpec build, List<String> entrypoint, List<String> command,
                       Map<String, String> environment, List<PortSpec> ports, List<VolumeMountSpec> volumes,
                       String user, String workingDir, List<DependencySpec> dependsOn,
                       Map<String, ServiceNetwork> networks, String networkMode, Map<String, String> labels,
                       String restart, String containerName, HealthcheckSpec healthcheck, int scale,
                       List<String> profiles, Position position, DeploySpec deploy, List<ServiceFileRef> secrets,
                       List<ServiceFileRef> configs, ContainerSettings settings) {
        this(name, image, build, entrypoint, command, environment, ports, volumes, user, workingDir, dependsOn,
                networks, networkMode, labels, restart, containerName, healthcheck, scale, profiles, position,
                deploy, secrets, configs, settings, Map.of());
    }

    /** The components known before deploy/secrets/configs/settings were modelled: those stay unset. */
    public ServiceSpec(String name, String image, BuildSpec build, List<String> entrypoint, List<String> command,
                       Map<String, String> environment, List<PortSpec> ports, List<VolumeMountSpec> volumes,
                       String user, String workingDir, List<DependencySpec> dependsOn,
                       Map<String, ServiceNetwork> networks, String networkMode, Map<String, String> labels,
                       String restart, String containerName, HealthcheckSpec healthcheck, int scale,
                       List<String> profiles, Position position) {
        this(name, image, build, entrypoint, command, environment, ports, volumes, user, workingDir, dependsOn,
                networks, networkMode, labels, restart, containerName, healthcheck, scale, profiles, position,
                null, List.of(), List.of(), ContainerSettings.NONE, Map.of());
    }

    public ServiceSpec {
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        configs = configs == null ? List.of() : List.copyOf(configs);
        settings = settings == null ? ContainerSettings.NONE : settings;
        unmodelled = unmodelled == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unmodelled));
    }
}
