package dev.berth.compose.stage;

import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stages 1 and 2 for one file: parse with positions, check that the root is a mapping, interpolate with
 * one set of variables. Files are read once per load (extends may name the same file many times).
 */
public final class FileParser {

    private final Map<String, String> variables;
    private final Diagnostics diagnostics;
    private final Map<Path, Optional<ParsedFile>> cache = new HashMap<>();

    public FileParser(Map<String, String> variables, Diagnostics diagnostics) {
        this.variables = variables;
        this.diagnostics = diagnostics;
    }

    public Map<String, String> variables() {
        return variables;
    }

    public Optional<ParsedFile> parse(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Optional<ParsedFile> known = cache.get(key);
        if (known != null) {
            return known;
        }
        Optional<ParsedFile> parsed = read(key);
        cache.put(key, parsed);
        return parsed;
    }

    private Optional<ParsedFile> read(Path file) {
        YamlReader reader = new YamlReader(diagnostics);
        Optional<YamlNode> node = reader.read(file);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!(node.get() instanceof YamlMap root)) {
            diagnostics.error(node.get().position(), "", "a compose file must be a mapping with keys such as "
                    + "`services:`, not " + node.get().describe());
            return Optional.empty();
        }
        YamlMap interpolated = (YamlMap) new Interpolator(variables, diagnostics).interpolate(root);
        return Optional.of(new ParsedFile(file, interpolated, reader.tags()));
    }
}
