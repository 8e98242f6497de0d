package dev.berth.engine.project;

import dev.berth.engine.api.LogLine;
import java.time.Duration;
import java.util.Collection;

/**
 * The merged output of a project's containers. Lines wait in a bounded queue; when nobody takes them,
 * the readers stop reading from the engine (back-pressure) instead of buffering without limit.
 */
public interface LogStream extends AutoCloseable {

    /** The next line, or null when none arrives within {@code timeout} (or the thread is interrupted). */
    LogLine poll(Duration timeout);

    /** Moves up to {@code max} waiting lines into {@code target} without waiting; returns how many. */
    int drainTo(Collection<? super LogLine> target, int max);

    /** True once every source has ended and every line has been taken; never while following. */
    boolean isFinished();

    /** Stops every reader and frees their connections. */
    @Override
    void close();
}
