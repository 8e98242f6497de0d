package dev.berth.compose.model;

import dev.berth.compose.source.Position;

/**
 * A top-level secret or config. Exactly one source is set: {@code file} (absolute), {@code environment}
 * (a variable name), {@code content} (configs only) or {@code external}.
 *
 * @param name the engine-side name: {@code <project>_<key>} unless {@code name:} or external says otherwise
 */
public record FileObjectSpec(String key, String name, String file, String environment, String content,
                             boolean external, Position position) {
}
