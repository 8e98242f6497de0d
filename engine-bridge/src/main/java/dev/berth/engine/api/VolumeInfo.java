package dev.berth.engine.api;

import java.util.Map;

/** An engine volume. */
public record VolumeInfo(String name, String driver, Map<String, String> labels) {
}
