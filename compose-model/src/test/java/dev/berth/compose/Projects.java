package dev.berth.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Test fixtures: files written into temp dirs and the cases under src/test/resources. */
final class Projects {

    private Projects() {
    }

    static Path write(Path dir, String relative, String content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path testCase(String name) {
        try {
            return Path.of(Projects.class.getResource("/cases/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads {@code compose.yaml} from {@code dir} with only HOME in the environment. */
    static LoadResult load(Path dir) {
        return ComposeLoader.load(LoadOptions.discover(dir, Map.of("HOME", "/home/tester")));
    }

    static LoadResult loadYaml(Path dir, String yaml) {
        write(dir, "compose.yaml", yaml);
        return load(dir);
    }
}
