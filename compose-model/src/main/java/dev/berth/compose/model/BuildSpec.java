package dev.berth.compose.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code build:}, short or long form. {@code context} is absolute; {@code dockerfile} relative to it.
 *
 * @param dockerfileInline {@code dockerfile_inline}: the Dockerfile's text, used instead of {@code dockerfile}
 * @param unmodelled       the other keys of {@code build} (cache_from, network, ssh, ...) as plain values, printed
 *                         by {@code config} but not passed to the engine's classic builder
 */
public record BuildSpec(Path context, String dockerfile, Map<String, String> args, String target,
                        String dockerfileInline, Map<String, String> labels, Map<String, Object> unmodelled) {

    public BuildSpec(Path context, String dockerfile, Map<String, String> args, String target) {
        this(context, dockerfile, args, target, null, Map.of(), Map.of());
    }

    public BuildSpec {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        unmodelled = unmodelled == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(unmodelled));
    }
}
