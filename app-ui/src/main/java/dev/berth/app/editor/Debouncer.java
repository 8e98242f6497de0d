package dev.berth.app.editor;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs an action once the pokes stop for a while: each poke pushes the run back by the delay. */
final class Debouncer {
    private final Duration delay;
    private final ScheduledExecutorService timer;
    private final Runnable action;
    private ScheduledFuture<?> next;

    Debouncer(Duration delay, ScheduledExecutorService timer, Runnable action) {
        this.delay = delay;
        this.timer = timer;
        this.action = action;
    }

    synchronized void poke() {
        if (next != null) {
            next.cancel(false);
        }
        next = timer.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs the action now (e.g. right after opening), cancelling a pending run. */
    synchronized void now() {
        if (next != null) {
            next.cancel(false);
        }
        next = timer.schedule(action, 0, TimeUnit.NANOSECONDS);
    }

    synchronized void cancel() {
        if (next != null) {
            next.cancel(false);
        }
    }
}
