package dev.berth.engine.project;

import java.time.Instant;
import java.util.List;

/**
 * Options of {@code logs}. Lines always carry the engine's timestamp; {@code timestamps} tells a printer
 * whether to show it.
 *
 * @param tail     lines per container from the end; -1 = all
 * @param services only these services; empty = all
 * @param since    only lines from this instant on, or null
 * @param until    only lines before this instant, or null; a followed stream ends there
 */
public record LogOptions(boolean follow, boolean timestamps, int tail, List<String> services, Instant since,
                         Instant until) {
    public LogOptions {
        services = services == null ? List.of() : List.copyOf(services);
    }

    public LogOptions(boolean follow, boolean timestamps, int tail, List<String> services) {
        this(follow, timestamps, tail, services, null, null);
    }

    public static LogOptions all() {
        return new LogOptions(false, false, -1, List.of());
    }
}
