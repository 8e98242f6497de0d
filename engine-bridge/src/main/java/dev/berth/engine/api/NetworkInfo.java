package dev.berth.engine.api;

import java.util.Map;

/** An engine network. */
public record NetworkInfo(String id, String name, String driver, Map<String, String> labels) {
}
