package dev.berth.compose.stage;

import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlTag;
import java.nio.file.Path;
import java.util.List;

/** One compose file after parsing and interpolation, with the merge tags it carries. */
public record ParsedFile(Path path, YamlMap root, List<YamlTag> tags) {

    public ParsedFile {
        tags = List.copyOf(tags);
    }

    public Path directory() {
        return path.toAbsolutePath().getParent();
    }

    public String fileName() {
        return String.valueOf(path.getFileName());
    }
}
