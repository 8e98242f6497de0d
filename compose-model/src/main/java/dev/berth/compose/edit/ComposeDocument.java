package dev.berth.compose.edit;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.edit.SourceTree.Alias;
import dev.berth.compose.edit.SourceTree.Entry;
import dev.berth.compose.edit.SourceTree.MapNode;
import dev.berth.compose.edit.SourceTree.Node;
import dev.berth.compose.edit.SourceTree.Quoting;
import dev.berth.compose.edit.SourceTree.Scalar;
import dev.berth.compose.edit.SourceTree.SeqNode;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One compose file as read: its text, line-ending style, a fingerprint of the bytes on disk and, on demand,
 * its YAML with positions. Edits change the text surgically and return a new document plus the
 * {@link TextEdit}s that made it; every character outside those edits stays as it was (comments, blank lines,
 * quoting, indentation, CRLF, a missing final newline, flow style, anchors elsewhere).
 *
 * <p>Removing a key or list item takes with it: its whole block, a comment on its lines, the comment lines
 * directly above it at its own indentation (no blank line between: they describe it), and comment lines
 * right after it indented deeper than it (they sit inside its block). A blank line that would be left
 * doubled is removed too. Other comments stay.
 *
 * <p>Edits inside a value that an alias uses ({@code &anchor} with {@code *anchor} elsewhere), through an
 * alias, or of a key that comes from a merge ({@code <<}) are refused: they would change other places.
 * Adding a key to a map that has a {@code <<} is allowed, since an explicit key wins over merged ones.
 */
public final class ComposeDocument {

    private final Path file;
    private final String fileName;
    private final String text;
    private final LineEnding lineEnding;
    private final Fingerprint fingerprint;
    private SourceTree source;
    private Optional<YamlNode> tree;
    private List<Diagnostic> parseDiagnostics;

    private ComposeDocument(Path file, String fileName, String text, Fingerprint fingerprint) {
        this.file = file;
        this.fileName = fileName;
        this.text = text;
        this.lineEnding = LineEnding.of(text);
        this.fingerprint = fingerprint;
    }

    /**
     * Reads {@code file} as UTF-8.
     *
     * @throws IOException with a message naming the file and what to do (missing, unreadable, not UTF-8)
     */
    public static ComposeDocument read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + file + ": the file does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read " + file + ": permission denied", e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("cannot edit " + file + ": it is not UTF-8 text; Berth leaves it untouched", e);
        }
        return new ComposeDocument(file, file.toString(), text, Fingerprint.of(file, bytes));
    }

    /** Text that is not (yet) a file, e.g. an editor buffer; positions name {@code fileName}. */
    public static ComposeDocument of(String fileName, String text) {
        return new ComposeDocument(null, fileName, text, null);
    }

    /** The same file with other text (the user typed): writing still checks against what was read. */
    public ComposeDocument withText(String newText) {
        return new ComposeDocument(file, fileName, newText, fingerprint);
    }

    public ComposeDocument apply(List<TextEdit> edits) {
        return withText(TextEdit.apply(text, edits));
    }

    public String text() {
        return text;
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public String fileName() {
        return fileName;
    }

    public LineEnding lineEnding() {
        return lineEnding;
    }

    /** Of the bytes on disk when read (or last written); empty for a document made from text. */
    public Optional<Fingerprint> fingerprint() {
        return Optional.ofNullable(fingerprint);
    }

    /** The YAML as written, with character ranges. */
    public synchronized SourceTree source() {
        if (source == null) {
            source = SourceTree.parse(text);
        }
        return source;
    }

    /** The loader's positioned tree (aliases and merges expanded); empty when the YAML does not parse. */
    public synchronized Optional<YamlNode> tree() {
        if (tree == null) {
            Diagnostics diagnostics = new Diagnostics();
            tree = new YamlReader(diagnostics).read(fileName, text);
            parseDiagnostics = diagnostics.all();
        }
        return tree;
    }

    /** YAML problems found while building {@link #tree()}. */
    public synchronized List<Diagnostic> parseDiagnostics() {
        tree();
        return parseDiagnostics;
    }

    // ---------------------------------------------------------------- edits

    /** Sets the value at {@code path}; a missing last key or the next list index is added. */
    public EditResult set(KeyPath path, Object value) {
        return edit(path, () -> {
            Optional<Located> found = find(path);
            if (found.isPresent()) {
                return replaceValue(found.get(), value);
            }
            if (path.isRoot()) {
                throw new Refusal("the file is empty; add a key instead");
            }
            return switch (path.last()) {
                case KeyPath.Key k -> addKeyEdits(path.parent(), k.name(), value);
                case KeyPath.Index i -> {
                    Located list = find(path.parent()).orElseThrow(() -> missing(path.parent()));
                    if (list.node() instanceof SeqNode q && q.items().size() == i.index()) {
                        yield addItemEdits(path.parent(), value);
                    }
                    throw missing(path);
                }
            };
        });
    }

    public EditResult set(String path, Object value) {
        return withPath(path, p -> set(p, value));
    }

    /** Adds {@code key: value} at the end of the mapping at {@code mapPath}, creating missing parents. */
    public EditResult addKey(KeyPath mapPath, String key, Object value) {
        return edit(mapPath.key(key), () -> addKeyEdits(mapPath, key, value));
    }

    public EditResult addKey(String mapPath, String key, Object value) {
        return withPath(mapPath, p -> addKey(p, key, value));
    }

    /** Removes a key with its whole block, or a list item. */
    public EditResult remove(KeyPath path) {
        return edit(path, () -> removeEdits(path));
    }

    public EditResult remove(String path) {
        return withPath(path, p -> remove(p));
    }

    /** Appends an item to the list at {@code listPath}, creating the list when it is missing or empty. */
    public EditResult addListItem(KeyPath listPath, Object value) {
        return edit(listPath, () -> addItemEdits(listPath, value));
    }

    public EditResult addListItem(String listPath, Object value) {
        return withPath(listPath, p -> addListItem(p, value));
    }

    /** Renames the key at {@code path} (a "did you mean" fix), keeping its value and its quoting. */
    public EditResult renameKey(KeyPath path, String newName) {
        return edit(path, () -> {
            Located loc = find(path).orElseThrow(() -> missing(path));
            if (loc.entry() == null) {
                throw new Refusal("`" + path + "` is a list item, not a key");
            }
            MapNode map = (MapNode) loc.container();
            if (map.entry(newName).isPresent()) {
                throw new Refusal("`" + path.parent().key(newName) + "` already exists" + at(map.entry(newName).get().key())
                        + "; renaming would make a duplicate key");
            }
            Scalar key = loc.entry().key();
            String spelled = map.flow() ? ValueWriter.scalar(newName, key.quoting(), true) : ValueWriter.key(newName, key.quoting());
            int start = bodyStart(key);
            return List.of(new TextEdit(start, key.end() - start, spelled));
        });
    }

    public EditResult renameKey(String path, String newName) {
        return withPath(path, p -> renameKey(p, newName));
    }

    /** Adds a service at the end of {@code services:} (creating the section when missing). */
    public EditResult addService(String name, Map<String, ?> definition) {
        return addKey(KeyPath.ROOT.key("services"), name, definition);
    }

    /** Adds {@code name} under a top-level section such as {@code volumes}, creating the section when missing. */
    public EditResult addTopLevel(String section, String name, Map<String, ?> definition) {
        return addKey(KeyPath.ROOT.key(section), name, definition);
    }

    /** A path typed as text: a malformed one is refused with the column where it goes wrong. */
    private static EditResult withPath(String text, java.util.function.Function<KeyPath, EditResult> edit) {
        KeyPath path;
        try {
            path = KeyPath.parse(text);
        } catch (IllegalArgumentException e) {
            return new EditResult.Refused(KeyPath.ROOT, e.getMessage());
        }
        return edit.apply(path);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes the text back to the file it was read from: atomically (a temporary file in the same directory,
     * then a rename), keeping the file's permissions, and only when the file still holds what was read.
     */
    public WriteResult write() {
        if (file == null) {
            return new WriteResult.Failed(Path.of(fileName), "this text was not read from a file; nothing to write back to");
        }
        Path target;
        try {
            // Write through a symlink to the real file, instead of replacing the link with a copy.
            target = Files.exists(file) ? file.toRealPath() : file;
            if (fingerprint != null && !fingerprint.matches(target)) {
                return new WriteResult.ChangedOnDisk(file, file + " changed on disk since Berth read it; reload it "
                        + "(your edits are kept in the editor) and apply them again, so the other change is not lost");
            }
        } catch (IOException e) {
            return new WriteResult.Failed(file, "cannot check " + file + " before writing: " + describe(e));
        }
        Path tmp = null;
        try {
            Path dir = target.toAbsolutePath().getParent();
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".berth-tmp");
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Files.write(tmp, bytes);
            PosixFileAttributeView posix = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (posix != null && Files.exists(target)) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            return new WriteResult.Written(new ComposeDocument(file, fileName, text, Fingerprint.of(target, bytes)));
        } catch (IOException e) {
            return new WriteResult.Failed(file, "cannot write " + file + ": " + describe(e) + "; the file is unchanged");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and harmless; the original is intact
                }
            }
        }
    }

    private static String describe(IOException e) {
        return switch (e) {
            case AccessDeniedException a -> "permission denied";
            case NoSuchFileException n -> "no such file or directory " + n.getFile();
            default -> e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        };
    }

    // ---------------------------------------------------------------- machinery

    /** Thrown inside an edit to refuse it; never leaves this class. */
    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private interface EditPlan {
        List<TextEdit> edits();
    }

    private EditResult edit(KeyPath path, EditPlan plan) {
        Optional<SourceTree.SyntaxError> broken = source().syntaxError();
        if (broken.isPresent()) {
            SourceTree.SyntaxError e = broken.get();
            return new EditResult.Refused(path, "the file has a YAML error at line " + e.line() + ", column " + e.column()
                    + " (" + e.message() + "); fix it first, Berth edits only YAML it can read");
        }
        List<TextEdit> edits;
        try {
            edits = plan.edits();
        } catch (Refusal r) {
            return new EditResult.Refused(path, r.getMessage());
        } catch (IllegalArgumentException e) {
            return new EditResult.Refused(path, e.getMessage());
        }
        ComposeDocument edited = apply(edits);
        Optional<SourceTree.SyntaxError> after = edited.source().syntaxError();
        if (after.isPresent()) {
            // A safety net: Berth never hands back a file it has broken.
            return new EditResult.Refused(path, "Berth could not make this edit without breaking the YAML (line "
                    + after.get().line() + ": " + after.get().message() + "); nothing was changed");
        }
        return new EditResult.Applied(edited, edits);
    }

    /** A value found by path: its node, the entry or list that holds it. */
    private record Located(Node node, Entry entry, Node container, int index) {
    }

    private Optional<Located> find(KeyPath path) {
        Optional<Node> root = source().root();
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Node current = root.get();
        checkShared(current, KeyPath.ROOT);
        Entry entry = null;
        Node container = null;
        int index = -1;
        KeyPath walked = KeyPath.ROOT;
        for (KeyPath.Segment segment : path.segments()) {
            switch (segment) {
                case KeyPath.Key k -> {
                    if (!(current instanceof MapNode m)) {
                        return Optional.empty();
                    }
                    Optional<Entry> e = m.entry(k.name());
                    walked = walked.key(k.name());
                    if (e.isEmpty()) {
                        Optional<Entry> merge = m.entries().stream().filter(Entry::isMerge).findFirst();
                        if (merge.isPresent() && mergedKeys(m).contains(k.name())) {
                            throw new Refusal("`" + walked + "` comes from the merge `<<`" + at(merge.get().key())
                                    + "; editing it would change the anchor it is merged from and every other place "
                                    + "that merges it. Add the key explicitly to override it here");
                        }
                        return Optional.empty();
                    }
                    entry = e.get();
                    container = m;
                    index = m.entries().indexOf(entry);
                    current = entry.value();
                }
                case KeyPath.Index i -> {
                    walked = walked.index(i.index());
                    if (!(current instanceof SeqNode q) || i.index() < 0 || i.index() >= q.items().size()) {
                        return Optional.empty();
                    }
                    entry = null;
                    container = q;
                    index = i.index();
                    current = q.items().get(i.index());
                }
            }
            checkShared(current, walked);
        }
        return Optional.of(new Located(current, entry, container, index));
    }

    private java.util.Set<String> mergedKeys(MapNode map) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Entry e : map.entries()) {
            if (e.isMerge()) {
                List<Node> sources = e.value() instanceof SeqNode q ? q.items() : List.of(e.value());
                for (Node s : sources) {
                    Node target = s instanceof Alias a ? anchored(a.name()) : s;
                    if (target instanceof MapNode m) {
                        m.entries().forEach(x -> keys.add(x.key().value()));
                    }
                }
            }
        }
        return keys;
    }

    /** The last node defining {@code &name} before use; null when there is none. */
    private Node anchored(String name) {
        Node[] found = {null};
        source().root().ifPresent(r -> visit(r, n -> {
            if (name.equals(n.anchor())) {
                found[0] = n;
            }
        }));
        return found[0];
    }

    private static void visit(Node node, java.util.function.Consumer<Node> action) {
        action.accept(node);
        switch (node) {
            case MapNode m -> m.entries().forEach(e -> visit(e.value(), action));
            case SeqNode q -> q.items().forEach(i -> visit(i, action));
            default -> {
            }
        }
    }

    private void checkShared(Node node, KeyPath path) {
        if (node instanceof Alias a) {
            throw new Refusal("`" + path + "` is the alias *" + a.name() + at(a) + "; editing through it would change "
                    + "the value of &" + a.name() + " and every other place that uses it. Edit the anchor's value, "
                    + "or replace the alias with its own value first");
        }
        int uses = source().aliasesOf(node.anchor());
        if (uses > 0) {
            throw new Refusal("`" + path + "` is the anchor &" + node.anchor() + at(node) + ", used by " + uses
                    + (uses == 1 ? " alias" : " aliases") + "; editing it would change those places too");
        }
    }

    private Refusal missing(KeyPath path) {
        return new Refusal("there is no `" + path + "` in " + fileName);
    }

    private String at(Node node) {
        return " (line " + lineOf(node.start()) + ")";
    }

    // ---- set

    private List<TextEdit> replaceValue(Located loc, Object value) {
        Node node = loc.node();
        boolean collection = value instanceof Map<?, ?> || value instanceof List<?>;
        boolean inFlow = (loc.container() instanceof MapNode m && m.flow()) || (loc.container() instanceof SeqNode q && q.flow());
        if (!collection) {
            if (node instanceof Scalar s) {
                if (s.isEmpty()) {
                    return List.of(TextEdit.insert(s.start(), " " + ValueWriter.scalar(value, Quoting.PLAIN, inFlow)));
                }
                Quoting keep = s.quoting() == Quoting.LITERAL || s.quoting() == Quoting.FOLDED ? Quoting.PLAIN : s.quoting();
                int start = bodyStart(s);
                return List.of(new TextEdit(start, contentEnd(s) - start, ValueWriter.scalar(value, keep, inFlow)));
            }
            String spelled = ValueWriter.scalar(value, Quoting.PLAIN, inFlow);
            if (inFlow || isFlow(node)) {
                int start = bodyStart(node);
                return List.of(new TextEdit(start, node.end() - start, spelled));
            }
            return replaceBlockValue(loc, node, " " + spelled);
        }
        if (inFlow || isFlow(node)) {
            int start = bodyStart(node);
            int end = node instanceof Scalar s && s.isEmpty() ? start : contentEnd(node);
            String lead = node instanceof Scalar s && s.isEmpty() ? " " : "";
            return List.of(new TextEdit(start, end - start, lead + ValueWriter.flow(value)));
        }
        ValueWriter writer = writer();
        if (node instanceof MapNode || node instanceof SeqNode) {
            int start = bodyStart(node);
            int indent = columnOf(start);
            if (value instanceof List<?> l && loc.entry() != null && node instanceof MapNode) {
                indent = columnOf(loc.entry().key().start()) + writer.step();
            }
            String block = value instanceof Map<?, ?> m ? (m.isEmpty() ? null : writer.blockMap(m, indent))
                    : (((List<?>) value).isEmpty() ? null : writer.blockSeq((List<?>) value, indent));
            if (block == null) {
                return replaceBlockValue(loc, node, value instanceof Map<?, ?> ? " {}" : " []");
            }
            return List.of(new TextEdit(start, contentEnd(node) - start, block.substring(indent)));
        }
        if (loc.entry() != null) {
            int childIndent = columnOf(loc.entry().key().start()) + writer.step();
            return replaceBlockValue(loc, node, writer.afterColon(value, childIndent));
        }
        if (loc.container() instanceof SeqNode) {
            int dash = dashBefore(node.start());
            int start = bodyStart(node);
            return List.of(new TextEdit(start, contentEnd(node) - start, writer.afterDash(value, columnOf(dash)).substring(1)));
        }
        throw new Refusal("Berth does not replace the whole document; edit its keys");
    }

    /** Replaces everything from just after {@code key:} (or {@code -}) to the end of the value. */
    private List<TextEdit> replaceBlockValue(Located loc, Node node, String replacement) {
        int from;
        if (loc.entry() != null) {
            from = colonAfter(loc.entry().key()) + 1;
        } else if (loc.container() instanceof SeqNode) {
            from = dashBefore(node.start()) + 1;
        } else {
            throw new Refusal("Berth does not replace the whole document; edit its keys");
        }
        int to = node instanceof Scalar s && s.isEmpty() ? from : contentEnd(node);
        // A comment on the key's own line stays there.
        String comment = "";
        int keyLineEnd = lineEnd(from);
        if (to > keyLineEnd) {
            String rest = text.substring(from, keyLineEnd).strip();
            if (rest.startsWith("#")) {
                comment = " " + rest;
            }
        }
        if (!comment.isEmpty() && replacement.startsWith(" ") && !replacement.contains(lineEnding.text())) {
            return List.of(new TextEdit(from, to - from, replacement + comment));
        }
        return List.of(new TextEdit(from, to - from, replacement));
    }

    // ---- add

    private List<TextEdit> addKeyEdits(KeyPath mapPath, String key, Object value) {
        Optional<Located> found = find(mapPath);
        if (found.isEmpty()) {
            if (mapPath.isRoot()) {
                String spelled = ValueWriter.key(key, Quoting.PLAIN) + ":" + writer().afterColon(value, writer().step());
                String lead = text.isEmpty() || endsWithLineBreak() ? "" : lineEnding.text();
                return List.of(TextEdit.insert(text.length(), lead + spelled + (text.isEmpty() ? lineEnding.text() : "")));
            }
            if (!(mapPath.last() instanceof KeyPath.Key parentKey)) {
                throw missing(mapPath);
            }
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put(key, value);
            return addKeyEdits(mapPath.parent(), parentKey.name(), wrapped);
        }
        Located loc = found.get();
        if (loc.node() instanceof Scalar s && (s.isEmpty() || (s.quoting() == Quoting.PLAIN && s.value().matches("null|Null|NULL|~")))) {
            Map<String, Object> fresh = new LinkedHashMap<>();
            fresh.put(key, value);
            return replaceValue(loc, fresh);
        }
        if (!(loc.node() instanceof MapNode map)) {
            throw new Refusal("`" + mapPath + "` is " + describe(loc.node()) + at(loc.node()) + ", not a mapping; "
                    + "cannot add `" + key + "` to it");
        }
        Optional<Entry> existing = map.entry(key);
        if (existing.isPresent()) {
            throw new Refusal("`" + mapPath.key(key) + "` already exists" + at(existing.get().key()) + "; set its value instead");
        }
        if (map.flow()) {
            String spelled = ValueWriter.scalar(key, Quoting.PLAIN, true) + ": " + ValueWriter.flow(value);
            if (map.entries().isEmpty()) {
                return List.of(TextEdit.insert(map.end() - 1, spelled));
            }
            return List.of(TextEdit.insert(contentEnd(map.entries().getLast().value()), ", " + spelled));
        }
        int indent = columnOf(map.entries().getFirst().key().start());
        Entry last = map.entries().getLast();
        int insertAt = lineEnd(Math.max(contentEnd(last.value()), last.key().end()));
        String line = " ".repeat(indent) + ValueWriter.key(key, Quoting.PLAIN) + ":" + writer().afterColon(value, indent + writer().step());
        return List.of(TextEdit.insert(insertAt, lineEnding.text() + line));
    }

    private List<TextEdit> addItemEdits(KeyPath listPath, Object value) {
        Optional<Located> found = find(listPath);
        if (found.isEmpty()) {
            if (listPath.isRoot() || !(listPath.last() instanceof KeyPath.Key k)) {
                throw missing(listPath);
            }
            return addKeyEdits(listPath.parent(), k.name(), new ArrayList<>(List.of(value)));
        }
        Located loc = found.get();
        if (loc.node() instanceof Scalar s && (s.isEmpty() || (s.quoting() == Quoting.PLAIN && s.value().matches("null|Null|NULL|~")))) {
            return replaceValue(loc, new ArrayList<>(List.of(value)));
        }
        if (!(loc.node() instanceof SeqNode list)) {
            throw new Refusal("`" + listPath + "` is " + describe(loc.node()) + at(loc.node()) + ", not a list");
        }
        if (list.flow()) {
            if (list.items().isEmpty()) {
                return List.of(TextEdit.insert(list.end() - 1, ValueWriter.flow(value)));
            }
            return List.of(TextEdit.insert(list.items().getLast().end(), ", " + ValueWriter.flow(value)));
        }
        int dash = dashBefore(list.items().getFirst().start());
        int indent = columnOf(dash);
        int insertAt = lineEnd(contentEnd(list.items().getLast()));
        return List.of(TextEdit.insert(insertAt, lineEnding.text() + " ".repeat(indent) + "-" + writer().afterDash(value, indent)));
    }

    // ---- remove

    private List<TextEdit> removeEdits(KeyPath path) {
        if (path.isRoot()) {
            throw new Refusal("Berth does not remove the whole document");
        }
        Located loc = find(path).orElseThrow(() -> missing(path));
        Node value = loc.node();
        if (loc.container() instanceof MapNode map) {
            Entry entry = loc.entry();
            if (map.flow()) {
                return removeFlowElement(map.entries().stream().map(e -> new int[]{bodyStart(e.key()), contentEnd(e.value())}).toList(), loc.index());
            }
            int start = bodyStart(entry.key());
            if (!isFirstOnLine(start)) {
                // `- first: x` in a list item: the next key moves up behind the dash.
                if (map.entries().size() > 1 && loc.index() == 0) {
                    return List.of(new TextEdit(start, bodyStart(map.entries().get(1).key()) - start, ""));
                }
                if (map.entries().size() == 1) {
                    return List.of(new TextEdit(start, contentEnd(value) - start, "{}"));
                }
            }
            return removeLines(start, Math.max(contentEnd(value), entry.key().end()));
        }
        SeqNode list = (SeqNode) loc.container();
        if (list.flow()) {
            return removeFlowElement(list.items().stream().map(i -> new int[]{i.start(), contentEnd(i)}).toList(), loc.index());
        }
        int dash = dashBefore(value.start());
        if (!isFirstOnLine(dash)) {
            throw new Refusal("`" + path + "` shares its line with another list's dash" + at(value)
                    + "; Berth removes only items that start their own line");
        }
        return removeLines(dash, contentEnd(value));
    }

    private static List<TextEdit> removeFlowElement(List<int[]> ranges, int i) {
        if (i < ranges.size() - 1) {
            return List.of(new TextEdit(ranges.get(i)[0], ranges.get(i + 1)[0] - ranges.get(i)[0], ""));
        }
        if (i > 0) {
            return List.of(new TextEdit(ranges.get(i - 1)[1], ranges.get(i)[1] - ranges.get(i - 1)[1], ""));
        }
        return List.of(new TextEdit(ranges.get(i)[0], ranges.get(i)[1] - ranges.get(i)[0], ""));
    }

    /** Removes whole lines from the one holding {@code start} to the one holding {@code end}, see the class comment. */
    private List<TextEdit> removeLines(int start, int end) {
        int indent = columnOf(start);
        int from = lineStart(start);
        // comment lines directly above, at the same indentation, describe this key
        while (from > 0) {
            int prev = lineStart(from - 1);
            String line = text.substring(prev, lineEnd(prev));
            if (!line.isBlank() && line.strip().startsWith("#") && indentOf(line) == indent) {
                from = prev;
            } else {
                break;
            }
        }
        int to = nextLineStart(end);
        // comment lines right after, indented deeper, sit inside the removed block
        while (to < text.length()) {
            String line = text.substring(to, lineEnd(to));
            if (!line.isBlank() && line.strip().startsWith("#") && indentOf(line) > indent) {
                to = nextLineStart(to);
            } else {
                break;
            }
        }
        boolean blankBefore = from == 0 || text.substring(lineStart(from - 1), lineEnd(from - 1)).isBlank();
        if (blankBefore && to < text.length() && text.substring(to, lineEnd(to)).isBlank()) {
            to = nextLineStart(to);
        } else if (blankBefore && from > 0 && to >= text.length() && endsWithLineBreak()) {
            from = lineStart(from - 1); // the blank line separated this block from the one above; it would trail
        }
        if (to >= text.length() && !endsWithLineBreak() && from > 0) {
            // keep a missing final newline missing: take the line break before instead
            from = lineEnd(from - 1);
            to = text.length();
        }
        return List.of(new TextEdit(from, to - from, ""));
    }

    // ---- text geometry

    private ValueWriter writer() {
        return new ValueWriter(lineEnding, indentStep());
    }

    /** The indentation step the file uses (first nested block mapping), 2 when it has none. */
    private int indentStep() {
        if (source().root().orElse(null) instanceof MapNode root && !root.flow()) {
            for (Entry e : root.entries()) {
                if (e.value() instanceof MapNode m && !m.flow() && !m.entries().isEmpty()) {
                    int step = columnOf(m.entries().getFirst().key().start()) - columnOf(e.key().start());
                    if (step > 0) {
                        return step;
                    }
                }
            }
        }
        return 2;
    }

    private static boolean isFlow(Node node) {
        return (node instanceof MapNode m && m.flow()) || (node instanceof SeqNode q && q.flow());
    }

    private static String describe(Node node) {
        return switch (node) {
            case MapNode m -> "a mapping";
            case SeqNode q -> "a list";
            case Alias a -> "an alias";
            case Scalar s -> "the value " + (s.value().length() > 30 ? s.value().substring(0, 30) + "…" : s.value());
        };
    }

    /** Where the value itself starts, after an anchor or tag ({@code &a !!str}) and the space after them. */
    private int bodyStart(Node node) {
        int i = node.start();
        if (node instanceof Alias) {
            return i;
        }
        while (i < node.end() && (text.charAt(i) == '&' || text.charAt(i) == '!')) {
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
        }
        return i;
    }

    /** Where the value's text ends, without the line breaks a block scalar ({@code |}) swallows. */
    private int contentEnd(Node node) {
        return switch (node) {
            case Scalar s when s.quoting() == Quoting.LITERAL || s.quoting() == Quoting.FOLDED -> {
                int e = s.end();
                while (e > s.start() && Character.isWhitespace(text.charAt(e - 1))) {
                    e--;
                }
                yield e;
            }
            case MapNode m when !m.flow() && !m.entries().isEmpty() ->
                    Math.max(contentEnd(m.entries().getLast().value()), m.entries().getLast().key().end());
            case SeqNode q when !q.flow() && !q.items().isEmpty() -> contentEnd(q.items().getLast());
            default -> node.end();
        };
    }

    private int colonAfter(Scalar key) {
        int i = key.end();
        while (i < text.length() && text.charAt(i) != ':') {
            i++;
        }
        return i;
    }

    private int dashBefore(int offset) {
        int i = offset - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\n' || text.charAt(i) == '\r')) {
            i--;
        }
        // an anchored item `- &a value` starts at the anchor already, so i is at the dash
        if (i < 0 || text.charAt(i) != '-') {
            throw new Refusal("Berth could not find the `-` of the list item at line " + lineOf(offset));
        }
        return i;
    }

    private boolean isFirstOnLine(int offset) {
        return text.substring(lineStart(offset), offset).isBlank();
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private int lineStart(int offset) {
        int i = Math.min(offset, text.length());
        while (i > 0 && text.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    /** The offset of the line break (or end of text) of the line holding {@code offset}. */
    private int lineEnd(int offset) {
        int nl = text.indexOf('\n', offset);
        if (nl < 0) {
            return text.length();
        }
        return nl > 0 && text.charAt(nl - 1) == '\r' && nl - 1 >= offset ? nl - 1 : nl;
    }

    private int nextLineStart(int offset) {
        int nl = text.indexOf('\n', offset);
        return nl < 0 ? text.length() : nl + 1;
    }

    private int columnOf(int offset) {
        return offset - lineStart(offset);
    }

    private int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private boolean endsWithLineBreak() {
        return text.endsWith("\n");
    }
}
