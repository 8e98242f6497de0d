package dev.berth.app.projects;

import dev.berth.engine.api.PublishedPort;
import java.util.List;

/**
 * One line of the services list: a container of a service, or the service alone when it has no container yet.
 *
 * @param containerId the engine's id of the container, or "" when there is none (the key of its stats)
 * @param state       the engine's state word, or "not created"
 * @param progress    the last step that Up/Down reported for it ("building", "starting", …), or ""
 */
public record ServiceRow(String service, String container, String containerId, String state, String health,
                         String image, List<PublishedPort> ports, String progress) {

    public ServiceRow withProgress(String newProgress) {
        return new ServiceRow(service, container, containerId, state, health, image, ports, newProgress);
    }

    /** What the State column shows: health when there is one, else the state, with live progress first. */
    public String stateText() {
        String base = health.isEmpty() ? state : state + " (" + health + ")";
        return progress.isEmpty() ? base : progress;
    }

    public boolean isRunning() {
        return state.equals("running");
    }
}
