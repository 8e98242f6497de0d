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
 * <p>
 * Planning reads ({@link #current()}) take the list as it is until the runtime changes something and says so
 * ({@link #invalidate()}): a no-op {@code up} lists the containers once, whatever the engine's speed. Polling
 * reads ({@link #containers()}) list again once the list is older than {@code maxAge}.
 */
final class ProjectSnapshot {
    private final Engine engine;
    private final String project;
    private final Duration maxAge;
    private List<ContainerInfo> containers;
    private List<ContainerInfo> oneOffs;
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

    /** The containers as last listed, listed again only after {@link #invalidate()} (or for the first reader). */
    synchronized List<ContainerInfo> current() throws EngineException {
        if (containers == null) {
            refresh();
        }
        return containers;
    }

    /**
     * Lists now on a thread of its own, so that the list is there when planning starts; a failure is left for
     * the first reader, who lists again and reports it.
     */
    void prefetch() {
        Thread.ofVirtual().name("berth-list-containers").start(() -> {
            try {
                current();
            } catch (EngineException | RuntimeException e) {
                // the first reader lists again and reports it
            }
        });
    }

    /** Forgets a list older than {@code age} (taken before a long build or pull, say). */
    synchronized void forgetIfOlderThan(Duration age) {
        if (containers != null && System.nanoTime() - takenAt > age.toNanos()) {
            containers = null;
        }
    }

    /** Forgets the snapshot: after this service created or removed containers the next reader lists again. */
    synchronized void invalidate() {
        containers = null;
    }

    private void refresh() throws EngineException {
        List<ContainerInfo> all = engine.listContainers(Map.of(ComposeLabels.PROJECT, project), true);
        containers = all.stream().filter(c -> "False".equals(c.labels().get(ComposeLabels.ONEOFF))).toList();
        oneOffs = all.stream().filter(c -> "True".equals(c.labels().get(ComposeLabels.ONEOFF))).toList();
        takenAt = System.nanoTime();
    }

    /** The project's one-off ({@code run}) containers, as {@link #current()} last listed them. */
    synchronized List<ContainerInfo> oneOffs() throws EngineException {
        current();
        return oneOffs;
    }

    /** A service's containers, from {@link #current()}. */
    List<ContainerInfo> ofService(String service) throws EngineException {
        return current().stream().filter(c -> c.service().equals(service)).toList();
    }
}
