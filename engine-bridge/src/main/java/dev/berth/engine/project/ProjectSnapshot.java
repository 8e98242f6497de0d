package dev.berth.engine.project;

import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The project's containers as one list call sees them, shared by every service that waits during one {@code up}.
 * Twenty services waiting on their dependencies would otherwise inspect each dependency every poll; with a
 * snapshot at most one list call per {@code maxAge} reaches the engine, however many threads wait.
 */
final class ProjectSnapshot {
    private final Engine engine;
    private final String project;
    private final Duration maxAge;
    private List<ContainerInfo> containers;
    private long takenAt;

    ProjectSnapshot(Engine engine, String project, Duration maxAge) {
        this.engine = engine;
        this.project = project;
        this.maxAge = maxAge;
    }

    /** The containers (one-off ones excluded, stopped ones included), no older than {@code maxAge}. */
    synchronized List<ContainerInfo> containers() throws EngineException {
        if (containers == null || System.nanoTime() - takenAt > maxAge.toNanos()) {
            refresh();
        }
        return containers;
    }

    /** Forgets the snapshot: after this service created or removed containers the next reader lists again. */
    synchronized void invalidate() {
        containers = null;
    }

    private void refresh() throws EngineException {
        containers = List.copyOf(engine.listContainers(Map.of(ComposeLabels.PROJECT, project,
                ComposeLabels.ONEOFF, "False"), true));
        takenAt = System.nanoTime();
    }

    List<ContainerInfo> ofService(String service) throws EngineException {
        return containers().stream().filter(c -> c.service().equals(service)).toList();
    }
}
