package dev.berth.compose.model;

import java.util.Map;

/**
 * A top-level named volume. {@code name} is the engine-side name: {@code <project>_<key>} unless the
 * file sets {@code name:} or the volume is external.
 */
public record VolumeSpec(String key, String name, boolean external, String driver, Map<String, String> labels) {
}
