package dev.berth.engine.project;

import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineEvent;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.Subscription;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The engine's events about one project's objects, in a bounded queue. When nobody takes them the engine's
 * reader thread waits (and with it the connection: back-pressure) instead of buffering without limit.
 */
public final class ProjectEvents implements AutoCloseable {
    static final int CAPACITY = 1024;

    private final BlockingQueue<EngineEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean closed;
    private Subscription subscription;

    private ProjectEvents() {
    }

    static ProjectEvents start(Engine engine, String project) throws EngineException {
        ProjectEvents events = new ProjectEvents();
        events.subscription = engine.subscribeEvents(Map.of(ComposeLabels.PROJECT, project), events::offer);
        return events;
    }

    private void offer(EngineEvent event) {
        try {
            while (!closed && !queue.offer(event, 100, TimeUnit.MILLISECONDS)) {
                // the consumer is behind: wait for room, checking now and then whether the stream was closed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next event, or null when none arrives within {@code timeout}. */
    public EngineEvent poll(Duration timeout) {
        try {
            return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Moves up to {@code max} waiting events into {@code target} without waiting; returns how many. */
    public int drainTo(Collection<? super EngineEvent> target, int max) {
        return queue.drainTo(target, max);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Ends the engine subscription and frees its connection; waiting events are dropped. */
    @Override
    public void close() {
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
        queue.clear();
    }
}
