package dev.berth.compose.model;

import java.util.Map;

/**
 * A top-level network. {@code name} is the engine-side name: {@code <project>_<key>} unless the file
 * sets {@code name:} or the network is external.
 */
public record NetworkSpec(String key, String name, boolean external, String driver, Map<String, String> labels) {
}
