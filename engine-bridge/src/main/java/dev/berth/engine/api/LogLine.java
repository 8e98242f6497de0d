package dev.berth.engine.api;

import java.time.Instant;

/** One line of a container's output; {@code timestamp} is the engine's, {@code text} has no line end. */
public record LogLine(String service, String container, Instant timestamp, boolean stderr, String text) {
}
