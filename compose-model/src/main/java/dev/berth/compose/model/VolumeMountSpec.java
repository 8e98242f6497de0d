package dev.berth.compose.model;

import dev.berth.compose.source.Position;

/**
 * One entry of a service's {@code volumes:}.
 *
 * @param type   "bind", "volume" or "tmpfs"
 * @param source for bind: an absolute host path; for volume: the project-level volume key
 *               (or null for an anonymous volume); for tmpfs: null
 */
public record VolumeMountSpec(String type, String source, String target, boolean readOnly, Position position) {
}
