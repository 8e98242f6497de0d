package dev.berth.engine.api;

/** A running stream from the engine (logs, events); closing it ends the stream and frees its connection. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
