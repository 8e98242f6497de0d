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
        Position position) {
}
