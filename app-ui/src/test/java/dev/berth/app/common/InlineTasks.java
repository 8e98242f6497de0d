package dev.berth.app.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs the work on the calling thread and hands the result back at once; one call at a time (Berth's VM's port
 * watch refreshes a view-model from a thread of its own), as the FX thread would. Tests read the view-model's
 * lists while holding this object's lock.
 */
public final class InlineTasks implements TaskExecutor {
    @Override
    public synchronized <T> void run(Callable<T> work, Consumer<? super T> onSuccess,
                                     Consumer<? super Exception> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }
}
