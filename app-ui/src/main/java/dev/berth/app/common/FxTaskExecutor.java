package dev.berth.app.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Work on a virtual thread, results on the FX thread: the FX thread only ever touches nodes. */
public final class FxTaskExecutor implements TaskExecutor {

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
        Thread.ofVirtual().name("berth-task").start(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Exception e) {
                Platform.runLater(() -> onFailure.accept(e));
            }
        });
    }

    @Override
    public void onUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }
}
