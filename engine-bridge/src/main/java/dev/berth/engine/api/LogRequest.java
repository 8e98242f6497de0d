package dev.berth.engine.api;

import java.time.Instant;

/**
 * Which part of a container's output to stream. The engine is always asked for timestamps, so each
 * output line starts with an RFC 3339 timestamp and a space.
 *
 * @param tail  lines from the end to start with; -1 = all
 * @param since only output after this instant, or null
 */
public record LogRequest(boolean follow, int tail, Instant since) {
}
