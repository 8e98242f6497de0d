package dev.berth.compose.knowledge;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.edit.ComposeDocument;
import dev.berth.compose.edit.EditResult;
import dev.berth.compose.edit.KeyPath;
import dev.berth.compose.edit.SourceTree;
import dev.berth.compose.edit.SourceTree.MapNode;
import dev.berth.compose.edit.SourceTree.Node;
import dev.berth.compose.edit.SourceTree.Quoting;
import dev.berth.compose.edit.SourceTree.Scalar;
import dev.berth.compose.edit.SourceTree.SeqNode;
import dev.berth.compose.rules.ComposeKeys;
import dev.berth.compose.rules.ComposeKeys.Scope;
import dev.berth.compose.rules.ProjectChecks;
import dev.berth.compose.source.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fixes for the problems the editor shows, each made with {@link ComposeDocument}'s comment-preserving edits:
 * rename an unknown key to the known one it is closest to, define a network, volume, secret or config that a
 * service uses but the file does not declare, and move a host port that two services publish to the next port
 * no service in the file publishes.
 *
 * <p>A fix is derived from what a {@link Diagnostic} already carries, its position and path, read against the
 * document as it is now (never from the message's wording): the node written at that position, the key path
 * of that node, and whether the document still has the problem there. A diagnostic from an older text whose
 * position no longer holds the same thing gets no fix.
 */
public final class QuickFixes {

    private static final Set<String> REFERENCE_SECTIONS = Set.of("networks", "volumes", "secrets", "configs");

    private QuickFixes() {
    }

    /** The fixes for {@code diagnostic} in {@code document}; empty when Berth knows none. */
    public static List<QuickFix> of(ComposeDocument document, Diagnostic diagnostic) {
        Position at = diagnostic.position();
        if (!at.isKnown()) {
            return List.of();
        }
        SourceTree source = document.source();
        Optional<Node> root = source.root();
        int offset = offset(document.text(), at);
        if (root.isEmpty() || offset < 0) {
            return List.of();
        }
        Optional<Found> found = find(root.get(), KeyPath.ROOT, offset);
        if (found.isEmpty()) {
            return List.of();
        }
        Found f = found.get();
        List<QuickFix> fixes = new ArrayList<>();
        if (f.isKey()) {
            unknownKey(document, f).ifPresent(fixes::add);
        }
        undefinedReference(document, asMap(root.get()), f).ifPresent(fixes::add);
        if (ProjectChecks.isPortCollision(diagnostic)) {
            hostPortClash(document, asMap(root.get()), f).ifPresent(fixes::add);
        }
        return fixes;
    }

    // ---------------------------------------------------------------- did you mean

    private static Optional<QuickFix> unknownKey(ComposeDocument document, Found f) {
        String name = ((KeyPath.Key) f.path().last()).name();
        if (name.startsWith("x-")) {
            return Optional.empty();
        }
        Optional<Scope> scope = ComposeKeys.scopeAt(segments(f.path().parent()));
        if (scope.isEmpty() || ComposeKeys.lookup(scope.get(), name).isPresent()) {
            return Optional.empty();
        }
        return ComposeKeys.suggest(scope.get(), name).flatMap(known ->
                fix("Change `" + name + "` to `" + known + "`", document.renameKey(f.path(), known)));
    }

    // ---------------------------------------------------------------- define what is used

    private static Optional<QuickFix> undefinedReference(ComposeDocument document, MapNode root, Found f) {
        KeyPath path = f.path();
        if (root == null || path.size() < 4 || !(path.get(0) instanceof KeyPath.Key top) || !top.name().equals("services")
                || !(path.get(2) instanceof KeyPath.Key sectionKey) || !REFERENCE_SECTIONS.contains(sectionKey.name())) {
            return Optional.empty();
        }
        String section = sectionKey.name();
        String name = referencedName(section, path, f);
        if (name == null || name.isEmpty() || defined(root, section, name)) {
            return Optional.empty();
        }
        String kind = section.substring(0, section.length() - 1);
        Map<String, Object> definition = new LinkedHashMap<>();
        String detail = "";
        if (section.equals("secrets") || section.equals("configs")) {
            // a secret or config needs a source; a file next to the compose file is the usual one
            definition.put("file", "./" + name + ".txt");
            detail = " (read from ./" + name + ".txt)";
        }
        return fix("Define " + kind + " `" + name + "`" + detail, document.addTopLevel(section, name, definition));
    }

    /** The name a service's reference at {@code f} uses, or null when {@code f} is not such a reference. */
    private static String referencedName(String section, KeyPath path, Found f) {
        boolean item = path.size() == 4 && path.get(3) instanceof KeyPath.Index;
        switch (f.node()) {
            case Scalar s when section.equals("networks") && path.size() == 4 -> {
                return s.value(); // `networks: [back]` or the key of `networks: {back: ...}`
            }
            case Scalar s when section.equals("volumes") && item -> {
                int colon = s.value().indexOf(':');
                String source = colon < 0 ? null : s.value().substring(0, colon);
                return source == null || source.startsWith(".") || source.startsWith("/") || source.startsWith("~")
                        || source.startsWith("$") ? null : source;
            }
            case Scalar s when section.equals("volumes") && path.size() == 5 && path.last() instanceof KeyPath.Key k
                    && k.name().equals("source") -> {
                return s.value();
            }
            case Scalar s when item -> {
                return s.value();
            }
            case MapNode m when item && !section.equals("volumes") -> {
                return m.entry("source").map(e -> e.value() instanceof Scalar s ? s.value() : null).orElse(null);
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean defined(MapNode root, String section, String name) {
        return root.entry(section).map(e -> e.value() instanceof MapNode m && m.entry(name).isPresent()).orElse(false);
    }

    // ---------------------------------------------------------------- host port clash

    private static Optional<QuickFix> hostPortClash(ComposeDocument document, MapNode root, Found f) {
        KeyPath path = f.path();
        if (root == null || path.size() != 4 || !(path.get(0) instanceof KeyPath.Key top) || !top.name().equals("services")
                || !(path.get(1) instanceof KeyPath.Key service) || !(path.get(2) instanceof KeyPath.Key ports)
                || !ports.name().equals("ports") || !(path.get(3) instanceof KeyPath.Index)) {
            return Optional.empty();
        }
        HostPort mine = hostPort(document.text(), f.node()).orElse(null);
        if (mine == null) {
            return Optional.empty();
        }
        Map<Integer, String> firstHolder = new LinkedHashMap<>();
        Set<Integer> used = new TreeSet<>();
        if (root.entry("services").orElse(null) instanceof SourceTree.Entry services && services.value() instanceof MapNode all) {
            for (SourceTree.Entry s : all.entries()) {
                if (s.value() instanceof MapNode body && body.entry("ports").orElse(null) instanceof SourceTree.Entry p
                        && p.value() instanceof SeqNode list) {
                    for (Node item : list.items()) {
                        hostPort(document.text(), item).ifPresent(h -> {
                            for (int port = h.first(); port <= h.last(); port++) {
                                used.add(port);
                                if (!s.key().value().equals(service.name())) {
                                    firstHolder.putIfAbsent(port, s.key().value());
                                }
                            }
                        });
                    }
                }
            }
        }
        String holder = firstHolder.get(mine.first());
        if (holder == null || mine.first() != mine.last()) {
            return Optional.empty();
        }
        int free = mine.first() + 1;
        while (used.contains(free) && free < 65535) {
            free++;
        }
        if (used.contains(free)) {
            return Optional.empty();
        }
        EditResult edit;
        if (f.node() instanceof Scalar s) {
            String value = s.value().substring(0, mine.valueStart()) + free + s.value().substring(mine.valueEnd());
            edit = document.set(path, value);
        } else {
            Scalar published = (Scalar) ((MapNode) f.node()).entry("published").orElseThrow().value();
            edit = document.set(path.key("published"), published.quoting() == Quoting.PLAIN ? (Object) free : String.valueOf(free));
        }
        return fix("Change host port " + mine.first() + " → " + free + " (" + mine.first() + " is also published by `"
                + holder + "`)", edit);
    }

    /** A published host port (or range) and where its digits are in the scalar's value. */
    private record HostPort(int first, int last, int valueStart, int valueEnd) {
    }

    /** {@code [ip:]host[-end]:container[/proto]} in short syntax, or {@code published:} in long syntax. */
    private static Optional<HostPort> hostPort(String text, Node item) {
        if (item instanceof MapNode m) {
            return m.entry("published").flatMap(e -> e.value() instanceof Scalar s ? range(s.value(), 0, s.value().length())
                    : Optional.empty());
        }
        if (!(item instanceof Scalar s)) {
            return Optional.empty();
        }
        String value = s.value();
        int slash = value.indexOf('/');
        String spec = slash < 0 ? value : value.substring(0, slash);
        int last = spec.lastIndexOf(':');
        if (last <= 0) {
            return Optional.empty(); // a container port only: the engine picks the host port
        }
        int before = spec.lastIndexOf(':', last - 1);
        int bracket = spec.lastIndexOf(']', last - 1);
        int start = Math.max(before, bracket) + 1;
        return range(value, start, last);
    }

    private static Optional<HostPort> range(String value, int start, int end) {
        String digits = value.substring(start, end);
        int dash = digits.indexOf('-');
        try {
            int first = Integer.parseInt(dash < 0 ? digits : digits.substring(0, dash));
            int last = dash < 0 ? first : Integer.parseInt(digits.substring(dash + 1));
            return first > 0 && last >= first && last <= 65535 ? Optional.of(new HostPort(first, last, start, end)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- finding the node at a position

    /** The node written at an offset: a key ({@code isKey}), a scalar value, or a list item. */
    private record Found(KeyPath path, Node node, boolean isKey) {
    }

    private static Optional<Found> find(Node node, KeyPath path, int offset) {
        if (offset < node.start() || offset > node.end()) {
            return Optional.empty();
        }
        switch (node) {
            case Scalar s -> {
                return s.start() == offset ? Optional.of(new Found(path, s, false)) : Optional.empty();
            }
            case MapNode m -> {
                for (SourceTree.Entry e : m.entries()) {
                    KeyPath child = path.key(e.key().value());
                    if (e.key().start() == offset) {
                        return Optional.of(new Found(child, e.key(), true));
                    }
                    Optional<Found> inner = find(e.value(), child, offset);
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
                return Optional.empty();
            }
            case SeqNode q -> {
                for (int i = 0; i < q.items().size(); i++) {
                    Node item = q.items().get(i);
                    if (item.start() == offset) {
                        return Optional.of(new Found(path.index(i), item, false));
                    }
                    Optional<Found> inner = find(item, path.index(i), offset);
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static MapNode asMap(Node node) {
        return node instanceof MapNode m ? m : null;
    }

    private static List<String> segments(KeyPath path) {
        return path.segments().stream().map(s -> s instanceof KeyPath.Key k ? k.name() : "[]").toList();
    }

    /** The UTF-16 offset of a 1-based line and a column counted in code points; -1 when outside the text. */
    static int offset(String text, Position position) {
        int start = 0;
        for (int line = 1; line < position.line(); line++) {
            start = text.indexOf('\n', start) + 1;
            if (start == 0) {
                return -1;
            }
        }
        int lineEnd = text.indexOf('\n', start);
        int end = lineEnd < 0 ? text.length() : lineEnd;
        int column = position.column() - 1;
        if (column < 0 || text.codePointCount(start, end) < column) {
            return -1;
        }
        return text.offsetByCodePoints(start, column);
    }

    private static Optional<QuickFix> fix(String title, EditResult result) {
        return result instanceof EditResult.Applied applied ? Optional.of(new QuickFix(title, applied.edits())) : Optional.empty();
    }
}
