package dev.berth.compose.model;

import java.nio.file.Path;
import java.util.Map;

/** {@code build:}, short or long form. {@code context} is absolute; {@code dockerfile} relative to it. */
public record BuildSpec(Path context, String dockerfile, Map<String, String> args, String target) {
}
