package dev.berth.engine.api;

import java.util.List;
import java.util.Map;

/**
 * What {@code inspect} tells about one container, as far as the compose runtime needs it.
 *
 * @param status   created, running, paused, restarting, exited, dead
 * @param health   healthy, unhealthy, starting, or "" when the container has no healthcheck
 * @param exitCode the last exit code (0 while it never ran)
 * @param imageId  the id of the image it was created from
 * @param networks the networks it joined (by engine name) with its aliases on each
 * @param volumes  its volume mounts (named and anonymous, from the file or the image's VOLUME): volume name and
 *                 the path it is mounted at
 */
public record ContainerDetails(String id, String name, String status, boolean running, String health,
                               long exitCode, String imageId, Map<String, String> labels,
                               Map<String, List<String>> networks, List<VolumeMount> volumes) {

    public ContainerDetails {
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    /** A volume mounted into a container. */
    public record VolumeMount(String volume, String target, boolean readOnly) {
    }
}
