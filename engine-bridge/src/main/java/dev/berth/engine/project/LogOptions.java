package dev.berth.engine.project;

import java.util.List;

/**
 * Options of {@code logs}. Lines always carry the engine's timestamp; {@code timestamps} tells a printer
 * whether to show it.
 *
 * @param tail     lines per container from the end; -1 = all
 * @param services only these services; empty = all
 */
public record LogOptions(boolean follow, boolean timestamps, int tail, List<String> services) {
    public LogOptions {
        services = services == null ? List.of() : List.copyOf(services);
    }

    public static LogOptions all() {
        return new LogOptions(false, false, -1, List.of());
    }
}
