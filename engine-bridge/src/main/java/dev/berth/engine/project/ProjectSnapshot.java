package dev.berth.engine.project;

import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's containers as one list call sees them, shared by every service that waits during one {@code up}.
 * Twenty services waiting on their dependencies would otherwise inspect each dependency every poll; with a
 * snapshot one list call serves them all.
 * <p>
 * Planning reads ({@link #current()}) take the list as it is until the runtime changes something and says so
 * ({@link #invalidate()}): a no-op {@code up} lists the containers once, whatever the engine's speed.
 * <p>
 * Waiting reads ({@link #containers()} between {@link #awaitChange}s) follow the engine's events about the project's
 * containers from the first wait on: a wait ends the moment a container is created, starts, dies or changes health
 * (or someone else has listed since the caller looked), and the list is taken again only then, instead of at the
 * next poll. A list that no event has changed for a quiet second is taken again anyway, once for all waiters, so
 * a lost event stream slows a wait down but never hangs it; when the engine gives no events at all, the list is
 * taken again once it is older than {@code maxAge}.
 */
final class ProjectSnapshot implements AutoCloseable {
    /** The container events after which a list shows something new (health_status covers each health state). */
    static final Set<String> CHANGES = Set.of("create", "start", "die", "destroy", "health_status", "pause",
            "unpause");
    /** A list no event has changed is taken again after this, so a lost stream cannot hang a wait. */
    static final Duration QUIET_LIMIT = Duration.ofSeconds(1);
    /** How long the first wait gives the engine to take the event subscription before polling instead. */
    private static final Duration SUBSCRIBE_LIMIT = Duration.ofSeconds(3);
    /** Events since this long before the subscription are replayed: the engine registers it after answering. */
    private static final Duration REPLAY = Duration.ofSeconds(5);

    private final Engine engine;
    private final String project;
    private final Duration maxAge;
    private final Duration quietLimit;
    private List<ContainerInfo> containers;
    private List<ContainerInfo> oneOffs;
    private long takenAt;
    /** Events heard so far; a list taken at generation g is current while no later event came. */
    private long generation;
    private long listedGeneration;
    private Subscription watch;
    private boolean watchTried;
    private boolean closed;

    ProjectSnapshot(Engine engine, String project, Duration maxAge) {
        this(engine, project, maxAge, QUIET_LIMIT);
    }

    /** @param quietLimit how long a list no event changed serves waits (tests make it long, to see events work) */
    ProjectSnapshot(Engine engine, String project, Duration maxAge, Duration quietLimit) {
        this.engine = engine;
        this.project = project;
        this.maxAge = maxAge;
        this.quietLimit = quietLimit;
    }

    /**
     * The containers (one-off ones excluded, stopped ones included): listed again when an event changed them since
     * the last list, or, without events, when the list is older than {@code maxAge}.
     */
    synchronized List<ContainerInfo> containers() throws EngineException {
        boolean stale = watch != null ? listedGeneration != generation
                : System.nanoTime() - takenAt > maxAge.toNanos();
        if (containers == null || stale) {
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

    /**
     * Waits until the list {@code seen} (what the caller last had from {@link #containers()}) is out of date: the
     * engine reported a change since it was taken, someone listed again, or no event came for the quiet limit; at
     * most until {@code deadline}. Without events it sleeps {@code poll}. The next {@link #containers()} then
     * has the news.
     */
    void awaitChange(List<ContainerInfo> seen, Duration poll, Instant deadline) throws EngineException {
        if (!watching()) {
            Duration left = Duration.between(Instant.now(), deadline);
            ComposeRuntime.sleep(ComposeRuntime.clamp(left, Duration.ZERO, poll));
            return;
        }
        synchronized (this) {
            try {
                while (containers == seen && listedGeneration == generation) {
                    long quiet = takenAt + quietLimit.toNanos() - System.nanoTime();
                    if (quiet <= 0) {
                        containers = null;   // nothing heard for a while: look again, once for every waiter
                        return;
                    }
                    Instant now = Instant.now();
                    long untilDeadline = deadline.isAfter(now.plus(quietLimit)) ? Long.MAX_VALUE
                            : Duration.between(now, deadline).toNanos();
                    if (untilDeadline <= 0) {
                        return;
                    }
                    wait(Math.max(1, Math.min(quiet, untilDeadline) / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while waiting", e);
            }
        }
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

    /** The project's one-off ({@code run}) containers, as {@link #current()} last listed them. */
    synchronized List<ContainerInfo> oneOffs() throws EngineException {
        current();
        return oneOffs;
    }

    /** A service's containers, from {@link #current()}. */
    List<ContainerInfo> ofService(String service) throws EngineException {
        return current().stream().filter(c -> c.service().equals(service)).toList();
    }

    /** Ends the event stream, if a wait started one. */
    @Override
    public synchronized void close() {
        closed = true;
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    /** Starts following the project's events at the first wait; false when the engine gives none. */
    private boolean watching() {
        synchronized (this) {
            if (watchTried) {
                return watch != null;
            }
            watchTried = true;
        }
        Subscription s;
        try {
            // replayed from a little before now: what changed after the last list and before the engine
            // registered the subscription is heard too (a replayed event costs one list more, nothing else)
            s = engine.watchContainers(Map.of(ComposeLabels.PROJECT, project), CHANGES,
                    Instant.now().minus(REPLAY), SUBSCRIBE_LIMIT, event -> changed());
        } catch (EngineException | RuntimeException e) {
            return false;   // waits poll the list instead
        }
        synchronized (this) {
            if (closed) {
                s.close();
                return false;
            }
            watch = s;
            containers = null;   // list again now that changes are heard
            return true;
        }
    }

    /** How many of the project's container events the snapshot has heard (tests ask). */
    synchronized long eventsHeard() {
        return generation;
    }

    private synchronized void changed() {
        generation++;
        notifyAll();
    }

    private void refresh() throws EngineException {
        long at = generation;
        List<ContainerInfo> all = engine.listContainers(Map.of(ComposeLabels.PROJECT, project), true);
        // a new list object each time, even when empty (toList() shares one empty list): waits tell lists apart
        // by it
        containers = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(all.stream()
                .filter(c -> "False".equals(c.labels().get(ComposeLabels.ONEOFF))).toList()));
        oneOffs = all.stream().filter(c -> "True".equals(c.labels().get(ComposeLabels.ONEOFF))).toList();
        takenAt = System.nanoTime();
        listedGeneration = at;
    }
}
