package dev.berth.engine.api;

import java.time.Instant;

/**
 * Which part of a container's output to stream. The engine is always asked for timestamps, so each
 * output line starts with an RFC 3339 timestamp and a space.
 *
 * @param tail  lines from the end to start with; -1 = all
 * @param since only output from this instant on, or null (the engine counts in whole seconds)
 * @param until only output before this instant, or null; a followed stream ends there
 */
public record LogRequest(boolean follow, int tail, Instant since, Instant until) {
    public LogRequest(boolean follow, int tail, Instant since) {
        this(follow, tail, since, null);
    }
}
