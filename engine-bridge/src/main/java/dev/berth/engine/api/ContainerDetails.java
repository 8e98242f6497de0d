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
 */
public record ContainerDetails(String id, String name, String status, boolean running, String health,
                               long exitCode, String imageId, Map<String, String> labels,
                               Map<String, List<String>> networks) {
}
