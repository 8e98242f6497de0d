package dev.berth.engine.api;

/** Receives progress events; called from engine threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = event -> { };

    void onEvent(ProgressEvent event);
}
