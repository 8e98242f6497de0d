package dev.berth.app.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work away from the UI thread and hands the result back on it. View-models talk to this
 * interface; {@link FxTaskExecutor} is the real one, tests may run everything on the calling thread.
 */
public interface TaskExecutor {

    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure);

    /** Runs {@code action} on the UI thread (later, when called from elsewhere). */
    void onUiThread(Runnable action);
}
