package dev.berth.engine.project;

import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.ContainerStats;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stats of a project's running containers, one sample per container about every second, in a bounded queue.
 * A sample is only worth its newest value: when the reader is behind, the oldest waiting sample is dropped
 * (the engine's readers never block and memory never grows).
 */
public final class ProjectStats implements AutoCloseable {
    static final int CAPACITY = 256;

    private final BlockingQueue<ContainerStats> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final List<Subscription> subscriptions = new ArrayList<>();
    private volatile boolean closed;

    private ProjectStats() {
    }

    static ProjectStats start(Engine engine, List<ContainerInfo> running) throws EngineException {
        ProjectStats stats = new ProjectStats();
        try {
            for (ContainerInfo c : running) {
                stats.subscriptions.add(engine.streamStats(c.id(), s -> stats.offer(ContainerStats.of(s))));
            }
        } catch (EngineException | RuntimeException e) {
            stats.close();
            throw e;
        }
        return stats;
    }

    private void offer(ContainerStats sample) {
        while (!closed && !queue.offer(sample)) {
            queue.poll();
        }
    }

    /** The next sample, or null when none arrives within {@code timeout}. */
    public ContainerStats poll(Duration timeout) {
        try {
            return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public int drainTo(Collection<? super ContainerStats> target, int max) {
        return queue.drainTo(target, max);
    }

    /** Ends every container's stream and frees its connection. */
    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(Subscription::close);
        queue.clear();
    }
}
