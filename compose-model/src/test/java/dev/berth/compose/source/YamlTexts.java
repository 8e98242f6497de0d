package dev.berth.compose.source;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every YAML file of the shared samples (when present) and of this module's test resources, as text. */
final class YamlTexts {
    private static final List<Path> FOLDERS = List.of(Path.of("/work/shared/samples"), Path.of("src/test/resources"));

    private YamlTexts() {
    }

    static List<String> all() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path folder : FOLDERS) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                        .sorted().toList()) {
                    try {
                        texts.add(Files.readString(file, StandardCharsets.UTF_8));
                    } catch (MalformedInputException e) {
                        // not UTF-8: the readers never get such a file as text
                    }
                }
            }
        }
        return texts;
    }
}
