package dev.berth.compose.model;

import dev.berth.compose.source.Position;

/**
 * A top-level secret or config. Exactly one source is set: {@code file} (absolute), {@code environment}
 * (a variable name), {@code content} (configs only) or {@code external}.
 *
 * @param name             the engine-side name: {@code <project>_<key>} unless {@code name:} or external says otherwise
 * @param environmentValue the value of the {@code environment} variable as the project sees it (the process
 *                         environment over {@code .env}, as v2 reads it), or null when unset; never printed
 */
public record FileObjectSpec(String key, String name, String file, String environment, String content,
                             boolean external, Position position, String environmentValue) {

    /** Without a resolved environment value. */
    public FileObjectSpec(String key, String name, String file, String environment, String content, boolean external,
                          Position position) {
        this(key, name, file, environment, content, external, position, null);
    }

    /** Leaves the value of a secret out of logs and messages. */
    @Override
    public String toString() {
        return "FileObjectSpec[key=" + key + ", name=" + name + ", file=" + file + ", environment=" + environment
                + ", content=" + (content == null ? null : "(" + content.length() + " characters)") + ", external="
                + external + ", position=" + position + "]";
    }
}
