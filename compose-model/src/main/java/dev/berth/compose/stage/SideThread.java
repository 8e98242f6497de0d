package dev.berth.compose.stage;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One piece of a load done on a second thread while the loading thread does another; the loader's stages use it
 * to overlap on two cores. A platform thread, not a virtual one: the first virtual thread of a JVM sets up their
 * scheduler, 15-25 ms of a cold start.
 */
public final class SideThread<T> {
    private final FutureTask<T> task;

    private SideThread(FutureTask<T> task) {
        this.task = task;
    }

    public static <T> SideThread<T> start(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofPlatform().name(name).daemon().start(task);
        return new SideThread<>(task);
    }

    /** The work's result; its failure (a bug, never bad input) is rethrown here. Interrupts are kept for later. */
    public T join() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
