package dev.berth.engine.api;

/**
 * Receives a container's raw output as the engine sends it (whole frames, not whole lines).
 * Called on an engine transport thread; {@link #onOutput} may block to slow the producer down.
 */
public interface OutputSink {
    void onOutput(boolean stderr, byte[] bytes) throws InterruptedException;

    /** The stream ended: the container stopped, the request was cancelled, or {@code error} broke it. */
    void onEnd(Throwable error);
}
