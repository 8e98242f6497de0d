package dev.berth.engine.api;

import java.util.List;
import java.util.Map;

/**
 * A container of a compose project as the engine reports it.
 *
 * @param state  the engine's state word: created, running, paused, restarting, exited, dead
 * @param health healthy, unhealthy, starting, or "" when the container has no healthcheck
 * @param status the engine's human status ("Up 3 seconds", "Exited (1) 2 minutes ago")
 */
public record ContainerInfo(String id, String name, String project, String service, int number,
                            String image, String state, String health, String status,
                            List<PublishedPort> ports, Map<String, String> labels) {
}
