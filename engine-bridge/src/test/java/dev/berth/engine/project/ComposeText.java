package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.LoadResult;
import dev.berth.compose.model.ComposeProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compose files written by a test and loaded as the CLI loads them; containers read back as docker inspect shows them. */
final class ComposeText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ComposeText() {
    }

    /** Writes {@code yaml} to {@code dir/compose.yaml} and loads it under {@code project}; fails on any error. */
    static ComposeProject load(Path dir, String project, String yaml) throws Exception {
        return load(dir, project, yaml, Set.of());
    }

    /** As {@link #load(Path, String, String)}, with these profiles enabled ({@code --profile}). */
    static ComposeProject load(Path dir, String project, String yaml, Set<String> profiles) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, yaml);
        LoadResult result = ComposeLoader.load(new LoadOptions(List.of(file), dir, project, List.of(), profiles,
                Map.copyOf(System.getenv()), dir));
        assertThat(result.errors()).as("load errors").isEmpty();
        return result.project();
    }

    /** {@code docker inspect NAME}, the first (only) object. */
    static JsonNode inspect(String container) throws Exception {
        return JSON.readTree(DockerWitness.docker("inspect", container)).get(0);
    }

    /** A JSON array of strings as a list (empty for null). */
    static List<String> strings(JsonNode array) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
