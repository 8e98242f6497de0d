package dev.berth.app.projects;

import dev.berth.engine.api.PublishedPort;
import java.util.List;
import java.util.Map;

/**
 * One line of the services list: a container of a service, or the service alone when it has no container yet.
 *
 * @param containerId the engine's id of the container, or "" when there is none (the key of its stats)
 * @param state       the engine's state word, or "not created"
 * @param progress    the last step that Up/Down reported for it ("building", "starting", …), or ""
 * @param unreachable of its published ports, those not reachable on this machine ("8080/tcp" → why): ports of
 *                    Berth's VM that cannot be forwarded here
 */
public record ServiceRow(String service, String container, String containerId, String state, String health,
                         String image, List<PublishedPort> ports, String progress, Map<String, String> unreachable) {

    public ServiceRow(String service, String container, String containerId, String state, String health,
                      String image, List<PublishedPort> ports, String progress) {
        this(service, container, containerId, state, health, image, ports, progress, Map.of());
    }

    public ServiceRow withProgress(String newProgress) {
        return new ServiceRow(service, container, containerId, state, health, image, ports, newProgress, unreachable);
    }

    /** Why the port cannot be reached on this machine, or null when it can. */
    public String whyUnreachable(PublishedPort p) {
        return unreachable.get(portKey(p.hostPort(), p.protocol()));
    }

    /** How {@link #unreachable()} names a port: "8080/tcp". */
    static String portKey(int hostPort, String protocol) {
        return hostPort + "/" + (protocol == null || protocol.isEmpty() ? "tcp" : protocol);
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
