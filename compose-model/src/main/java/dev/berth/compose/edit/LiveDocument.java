package dev.berth.compose.edit;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.LoadResult;
import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.source.Position;
import dev.berth.compose.source.ProjectLocator;
import dev.berth.compose.source.ProjectSources;
import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlReader;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.stage.FileParser;
import dev.berth.compose.stage.Interpolator;
import dev.berth.compose.stage.ParsedFile;
import dev.berth.compose.stage.ServiceMemo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The editor's live view of a project while one of its files is being typed in: after each {@link TextEdit}
 * it gives the same {@link LoadResult} as {@code ComposeLoader.load} would for the edited text, but re-parses
 * only the service whose block the edit falls in. The parse dominates a load, so this is where time goes;
 * interpolation is cached per service. The spliced tree goes to {@link ComposeLoader} as a stand-in for the
 * file, so every stage after the parse (include, extends, merge, validation, normalisation, project checks)
 * is the loader's own code, run on the whole project, since references and port clashes cross services.
 *
 * <p>It falls back to a full parse when the edit is outside a service's body (top-level keys, a service's own
 * key line), when the block holds anchors or aliases or merge tags ({@code !reset}, {@code !override}), when
 * the block no longer parses alone into the same service, when the file had YAML problems, or when the
 * project has more than one compose file.
 * Not thread-safe: one editor, one thread.
 */
public final class LiveDocument {

    private final LoadOptions options;
    private final ProjectSources sources;
    private final List<Diagnostic> locateDiagnostics;
    private final Path file;
    private final String fileName;
    private String text;
    private LoadResult result;
    private boolean lastIncremental;
    /** Per-service results of the last load, reused for the services an edit did not touch. */
    private final ServiceMemo memo = new ServiceMemo();

    // Cache of the last parse, present only when incremental updates are possible.
    private Structure structure;

    /** The file split around its services, each part parsed and interpolated with its own diagnostics. */
    private static final class Structure {
        List<YamlEntry> topBefore;
        List<YamlEntry> topAfter;
        List<Diagnostic> topBeforeDiagnostics;
        List<Diagnostic> topAfterDiagnostics;
        YamlScalar servicesKey;
        Position servicesPosition;
        Position rootPosition;
        int keyColumn;
        List<Block> blocks;
        int[] lineStarts;
    }

    /** One service: its lines, its parsed entry, its interpolated entry and the interpolation's diagnostics. */
    private record Block(String name, int firstLine, int lastLine, YamlEntry parsed, YamlEntry interpolated,
                         List<Diagnostic> diagnostics) {
    }

    private LiveDocument(LoadOptions options, ProjectSources sources, List<Diagnostic> locateDiagnostics, Path file,
                         String text) {
        this.options = options;
        this.sources = sources;
        this.locateDiagnostics = locateDiagnostics;
        this.file = file;
        this.fileName = file.toString();
        this.text = text;
    }

    /**
     * Opens the project {@code options} describe, with {@code text} standing in for the compose file
     * {@code file} (one of the project's files, as discovery or {@code -f} names it).
     *
     * @throws IllegalArgumentException when {@code file} is not one of the project's compose files
     */
    public static LiveDocument open(LoadOptions options, Path file, String text) {
        Diagnostics located = new Diagnostics();
        Optional<ProjectSources> sources = new ProjectLocator(located).locate(options);
        Path normal = file.toAbsolutePath().normalize();
        if (sources.isPresent() && !sources.get().files().contains(normal)) {
            throw new IllegalArgumentException(normal + " is not a compose file of this project (its files: "
                    + sources.get().files() + ")");
        }
        LiveDocument live = new LiveDocument(options, sources.orElse(null), located.all(), normal, text);
        live.fullLoad();
        return live;
    }

    public String text() {
        return text;
    }

    public LoadResult result() {
        return result;
    }

    public List<Diagnostic> diagnostics() {
        return result.diagnostics();
    }

    /** How many per-service stage results the last load reused from the one before (for tests and benchmarks). */
    public int reusedServiceResults() {
        return memo.reusedLastRound();
    }

    /** Whether the last {@link #apply} re-parsed only one service (for tests and benchmarks). */
    public boolean lastWasIncremental() {
        return lastIncremental;
    }

    /** Applies an edit made in the editor and returns the new result. */
    public LoadResult apply(TextEdit edit) {
        String edited = text.substring(0, edit.offset()) + edit.replacement() + text.substring(edit.end());
        boolean done = structure != null && incremental(edit, edited);
        text = edited;
        lastIncremental = done;
        if (!done) {
            fullLoad();
        }
        return result;
    }

    // ---------------------------------------------------------------- full

    private void fullLoad() {
        structure = null;
        if (sources == null) {
            result = new LoadResult(null, locateDiagnostics);
            return;
        }
        FileParser.StandIn standIn = new FileParser.Text(text);
        if (sources.files().size() == 1) {
            Diagnostics parse = new Diagnostics();
            YamlReader reader = new YamlReader(parse);
            Optional<YamlNode> parsed = reader.read(fileName, text);
            // Merge tags, YAML problems and odd roots: the loader parses the text itself.
            if (parse.all().isEmpty() && reader.tags().isEmpty() && parsed.isPresent()
                    && parsed.get() instanceof YamlMap root) {
                structure = split(root, sources.variables());
                if (structure != null) {
                    standIn = standIn(structure);
                }
            }
        }
        load(standIn);
    }

    /** Everything after the parse of the edited file is {@code ComposeLoader}'s own code. */
    private void load(FileParser.StandIn standIn) {
        Diagnostics diagnostics = new Diagnostics();
        locateDiagnostics.forEach(diagnostics::add);
        result = ComposeLoader.load(options, sources, Map.of(file, standIn), diagnostics, memo);
    }

    private FileParser.Parsed standIn(Structure s) {
        List<Diagnostic> interpolation = new ArrayList<>(s.topBeforeDiagnostics);
        s.blocks.forEach(b -> interpolation.addAll(b.diagnostics()));
        interpolation.addAll(s.topAfterDiagnostics);
        return new FileParser.Parsed(new ParsedFile(file, assemble(s), List.of()), interpolation);
    }

    // ---------------------------------------------------------------- incremental

    private boolean incremental(TextEdit edit, String edited) {
        Structure s = structure;
        int editLine = lineOf(s.lineStarts, edit.offset());
        int editEndLine = lineOf(s.lineStarts, edit.end());
        int index = -1;
        for (int i = 0; i < s.blocks.size(); i++) {
            Block b = s.blocks.get(i);
            // the body only: the service's key line names it, and renaming is a full reload
            if (editLine > b.firstLine() && editEndLine <= b.lastLine()
                    && edit.end() < lineStart(s.lineStarts, b.lastLine() + 1, text.length())) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            return false;
        }
        Block block = s.blocks.get(index);
        int blockStart = s.lineStarts[block.firstLine() - 1];
        int blockEnd = lineStart(s.lineStarts, block.lastLine() + 1, text.length());
        String oldBlock = text.substring(blockStart, blockEnd);
        int newEnd = blockEnd + edit.replacement().length() - edit.length();
        String newBlock = edited.substring(blockStart, newEnd);
        if (hasAnchorsOrAliases(oldBlock) || hasAnchorsOrAliases(newBlock) || !bodyStaysInside(newBlock, s.keyColumn)) {
            return false;
        }
        Diagnostics parse = new Diagnostics();
        YamlReader reader = new YamlReader(parse);
        Optional<YamlNode> parsed = reader.read(fileName, newBlock);
        if (!parse.all().isEmpty() || !reader.tags().isEmpty() || parsed.isEmpty() || !(parsed.get() instanceof YamlMap alone)
                || alone.entries().size() != 1 || !alone.entries().getFirst().name().equals(block.name())
                || alone.entries().getFirst().key().position().column() != s.keyColumn + 1) {
            return false;
        }
        int shift = block.firstLine() - 1;
        YamlEntry entry = PositionShift.entry(alone.entries().getFirst(), shift);
        Diagnostics interpolation = new Diagnostics();
        YamlEntry interpolated = interpolate(entry, sources.variables(), interpolation);
        int lineDelta = lineBreaks(edit.replacement()) - lineBreaks(text.substring(edit.offset(), edit.end()));

        List<Block> blocks = new ArrayList<>(s.blocks.size());
        for (int i = 0; i < s.blocks.size(); i++) {
            Block b = s.blocks.get(i);
            if (i < index) {
                blocks.add(b);
            } else if (i == index) {
                blocks.add(new Block(b.name(), b.firstLine(), b.lastLine() + lineDelta, entry, interpolated, interpolation.all()));
            } else if (lineDelta == 0) {
                blocks.add(b);
            } else {
                blocks.add(new Block(b.name(), b.firstLine() + lineDelta, b.lastLine() + lineDelta,
                        PositionShift.entry(b.parsed(), lineDelta), PositionShift.entry(b.interpolated(), lineDelta),
                        shifted(b.diagnostics(), lineDelta)));
            }
        }
        s.blocks = blocks;
        if (lineDelta != 0) {
            s.topAfter = s.topAfter.stream().map(e -> PositionShift.entry(e, lineDelta)).toList();
            s.topAfterDiagnostics = shifted(s.topAfterDiagnostics, lineDelta);
        }
        s.lineStarts = lineStarts(edited);
        load(standIn(s));
        return true;
    }

    /** Splits a parsed file around its block-style services; null when its shape does not allow it. */
    private Structure split(YamlMap root, Map<String, String> variables) {
        if (hasAnchorsOrAliases(text)) {
            return null;
        }
        Optional<YamlEntry> services = root.entry("services");
        if (services.isEmpty() || !(services.get().value() instanceof YamlMap servicesMap)
                || servicesMap.entries().isEmpty()) {
            return null;
        }
        Structure s = new Structure();
        s.lineStarts = lineStarts(text);
        s.rootPosition = root.position();
        s.servicesKey = services.get().key();
        s.servicesPosition = servicesMap.position();
        int at = root.entries().indexOf(services.get());
        s.topBefore = root.entries().subList(0, at);
        s.topAfter = root.entries().subList(at + 1, root.entries().size());
        s.keyColumn = servicesMap.entries().getFirst().key().position().column() - 1;
        if (s.keyColumn <= s.servicesKey.position().column() - 1) {
            return null;
        }
        int endOfServices = s.topAfter.isEmpty() ? s.lineStarts.length : s.topAfter.getFirst().key().position().line() - 1;
        Diagnostics before = new Diagnostics();
        s.topBefore = interpolateTop(s.topBefore, variables, before);
        s.topBeforeDiagnostics = before.all();
        List<Block> blocks = new ArrayList<>();
        List<YamlEntry> entries = servicesMap.entries();
        for (int i = 0; i < entries.size(); i++) {
            Position key = entries.get(i).key().position();
            int next = i + 1 < entries.size() ? entries.get(i + 1).key().position().line() - 1 : endOfServices;
            if (key.column() - 1 != s.keyColumn || next < key.line()
                    || !isFirstOnLine(s.lineStarts, key)) {
                return null; // flow style or keys sharing lines: no line blocks
            }
            Diagnostics d = new Diagnostics();
            blocks.add(new Block(entries.get(i).name(), key.line(), next, entries.get(i),
                    interpolate(entries.get(i), variables, d), d.all()));
        }
        s.blocks = blocks;
        Diagnostics after = new Diagnostics();
        s.topAfter = interpolateTop(s.topAfter, variables, after);
        s.topAfterDiagnostics = after.all();
        return s;
    }

    private boolean isFirstOnLine(int[] lineStarts, Position key) {
        int start = lineStarts[key.line() - 1];
        return text.substring(start, Math.min(text.length(), start + key.column() - 1)).isBlank();
    }

    private static YamlMap assemble(Structure s) {
        List<YamlEntry> services = new ArrayList<>(s.blocks.size());
        s.blocks.forEach(b -> services.add(b.interpolated()));
        List<YamlEntry> root = new ArrayList<>(s.topBefore);
        root.add(new YamlEntry(s.servicesKey, new YamlMap(services, s.servicesPosition)));
        root.addAll(s.topAfter);
        return new YamlMap(root, s.rootPosition);
    }

    /** Interpolates one service inside a stand-in root, so that the paths in messages are the full ones. */
    private static YamlEntry interpolate(YamlEntry service, Map<String, String> variables, Diagnostics d) {
        YamlMap wrapper = new YamlMap(List.of(new YamlEntry(YamlScalar.string("services", Position.UNKNOWN),
                new YamlMap(List.of(service), Position.UNKNOWN))), Position.UNKNOWN);
        YamlMap done = (YamlMap) new Interpolator(variables, d).interpolate(wrapper);
        return ((YamlMap) done.get("services")).entries().getFirst();
    }

    private static List<YamlEntry> interpolateTop(List<YamlEntry> entries, Map<String, String> variables, Diagnostics d) {
        if (entries.isEmpty()) {
            return List.of();
        }
        return ((YamlMap) new Interpolator(variables, d).interpolate(new YamlMap(entries, Position.UNKNOWN))).entries();
    }

    private static List<Diagnostic> shifted(List<Diagnostic> diagnostics, int lines) {
        return diagnostics.stream().map(d -> new Diagnostic(d.severity(), d.position().isKnown()
                ? new Position(d.position().file(), d.position().line() + lines, d.position().column()) : d.position(),
                d.path(), d.message())).toList();
    }

    private static boolean hasAnchorsOrAliases(String text) {
        return text.indexOf('&') >= 0 || text.indexOf('*') >= 0 || text.contains("<<");
    }

    /** Every content line after the key line is indented deeper than the service key: still its body. */
    private static boolean bodyStaysInside(String block, int keyColumn) {
        String[] lines = block.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            if (indent <= keyColumn) {
                return false;
            }
        }
        return true;
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        // indexOf is vectorised by the JIT: a 1.2 MB file is a fraction of a millisecond, charAt by charAt is not
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
            }
            starts[n++] = i + 1;
        }
        return Arrays.copyOf(starts, n);
    }

    /** 1-based line of an offset. */
    private static int lineOf(int[] lineStarts, int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private static int lineStart(int[] lineStarts, int line, int textLength) {
        return line - 1 < lineStarts.length ? lineStarts[line - 1] : textLength;
    }

    private static int lineBreaks(String s) {
        return (int) s.chars().filter(c -> c == '\n').count();
    }

    /** Reads {@code file} from disk and opens it; for tests and the benchmark. */
    public static LiveDocument open(LoadOptions options, Path file) throws IOException {
        return open(options, file, Files.readString(file));
    }
}
