package dev.berth.compose.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What discovery settled: the compose files in load order (absolute), the project directory and the
 * variables available for interpolation ({@code .env} values overridden by the process environment).
 */
public record ProjectSources(List<Path> files, Path projectDirectory, Map<String, String> variables) {

    public ProjectSources {
        files = List.copyOf(files);
        variables = Map.copyOf(variables);
    }
}
