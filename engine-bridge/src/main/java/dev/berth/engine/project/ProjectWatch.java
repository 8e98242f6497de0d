package dev.berth.engine.project;

import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.Subscription;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Calls {@code onChange} after engine events of a project, at most once per quiet period: an {@code up}
 * produces dozens of events within a second and the UI needs to refresh once, not dozens of times.
 */
final class ProjectWatch implements AutoCloseable {
    static final Duration QUIET_PERIOD = Duration.ofMillis(250);

    private final Runnable onChange;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Thread timer;
    private Subscription subscription;

    private ProjectWatch(Runnable onChange) {
        this.onChange = onChange;
    }

    static ProjectWatch start(Engine engine, String project, Runnable onChange) throws EngineException {
        ProjectWatch watch = new ProjectWatch(onChange);
        watch.subscription = engine.subscribeEvents(Map.of(ComposeLabels.PROJECT, project), event -> watch.changed());
        return watch;
    }

    private void changed() {
        if (closed || !pending.compareAndSet(false, true)) {
            return;
        }
        timer = Thread.ofVirtual().name("berth-watch").start(() -> {
            try {
                Thread.sleep(QUIET_PERIOD);
            } catch (InterruptedException e) {
                return;
            }
            pending.set(false);
            if (!closed) {
                onChange.run();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        subscription.close();
        Thread t = timer;
        if (t != null) {
            t.interrupt();
        }
    }
}
