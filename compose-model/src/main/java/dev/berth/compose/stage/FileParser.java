package dev.berth.compose.stage;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stages 1 and 2 for one file: parse with positions, check that the root is a mapping, interpolate with
 * one set of variables. Files are read once per load (extends may name the same file many times).
 * A {@link StandIn} replaces what is on disk for one path: the editor's unsaved text, or a tree it has
 * already parsed and interpolated (with the diagnostics that took), so every stage after it is the loader's.
 */
public final class FileParser {

    /** What stands in for a file on disk. */
    public sealed interface StandIn {
    }

    /** Unsaved text, parsed here as the file would be. */
    public record Text(String text) implements StandIn {
    }

    /** A file already parsed and interpolated elsewhere; its diagnostics are reported when the loader reaches it. */
    public record Parsed(ParsedFile file, List<Diagnostic> diagnostics) implements StandIn {
        public Parsed {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private final Map<String, String> variables;
    private final Diagnostics diagnostics;
    private final Map<Path, StandIn> standIns;
    private final Map<Path, Optional<ParsedFile>> cache = new HashMap<>();

    public FileParser(Map<String, String> variables, Diagnostics diagnostics) {
        this(variables, Map.of(), diagnostics);
    }

    /** {@code standIns} are keyed by absolute, normalised path. */
    public FileParser(Map<String, String> variables, Map<Path, StandIn> standIns, Diagnostics diagnostics) {
        this.variables = variables;
        this.standIns = Map.copyOf(standIns);
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
        StandIn standIn = standIns.get(file);
        if (standIn instanceof Parsed parsed) {
            parsed.diagnostics().forEach(diagnostics::add);
            return Optional.of(parsed.file());
        }
        YamlReader reader = new YamlReader(diagnostics);
        Optional<YamlNode> node = standIn instanceof Text t ? reader.read(file.toString(), t.text()) : reader.read(file);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!(node.get() instanceof YamlMap root)) {
            diagnostics.error(node.get().position(), "", "a compose file must be a mapping with keys such as "
                    + "`services:`, not " + node.get().describe());
            return Optional.empty();
        }
        YamlMap interpolated = new Interpolator(variables, diagnostics).interpolateFile(root);
        return Optional.of(new ParsedFile(file, interpolated, reader.tags()));
    }
}
