package dev.berth.compose.knowledge;

import dev.berth.compose.edit.ComposeDocument;
import dev.berth.compose.edit.KeyPath;
import dev.berth.compose.knowledge.CaretContext.Role;
import dev.berth.compose.rules.ComposeKeys;
import dev.berth.compose.rules.ComposeKeys.Scope;
import dev.berth.compose.rules.KeyDoc;
import dev.berth.compose.rules.Shape;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completion and hover for the compose editor: the key path at a caret, the keys allowed there, the values
 * known for the key there and its description, all from {@link ComposeKeys}, the table validation uses.
 *
 * <p>The caret is placed by indentation, line by line, not by the parser: an editor's text is half-typed most
 * of the time, and indentation still says where a line belongs when the YAML does not parse. Flow collections
 * ({@code [a, b]}) are understood on the caret's own line only.
 */
public final class EditorKnowledge {

    private static final Pattern KEY = Pattern.compile("(\"[^\"]*\"|'[^']*'|[^\\s#'\"{\\[\\-][^:#]*?|-[^\\s:#][^:#]*?)\\s*:(?=\\s|$)");
    private static final List<String> REFERENCE_SECTIONS = List.of("services", "networks", "volumes", "secrets", "configs");

    private EditorKnowledge() {
    }

    public static CaretContext at(ComposeDocument document, int line, int column) {
        return at(document.text(), line, column);
    }

    /** {@code line} and {@code column} are 1-based, the column counting characters before the caret plus one. */
    public static CaretContext at(String text, int line, int column) {
        List<Line> lines = Line.split(text);
        if (line < 1 || line > lines.size()) {
            return new CaretContext(KeyPath.ROOT, Role.KEY, Optional.of(Scope.TOP_LEVEL), allowed(Scope.TOP_LEVEL, keysAt(lines, 0, 0)),
                    List.of(), Optional.empty());
        }
        int row = line - 1;
        Line current = lines.get(row);
        int caret = Math.min(Math.max(column - 1, 0), current.text().length());
        if (current.commentStart() >= 0 && caret > current.commentStart()) {
            return new CaretContext(KeyPath.ROOT, Role.COMMENT, Optional.empty(), List.of(), List.of(), Optional.empty());
        }

        // What the caret's own line says: list items, then a key, then the caret's place against them.
        List<KeyPath.Segment> tail = new ArrayList<>();
        int limit;
        boolean limitFromDash = false;
        List<Integer> dashes = current.dashes().stream().filter(d -> d < caret).toList();
        for (int i = 0; i < dashes.size(); i++) {
            tail.add(new KeyPath.Index(i == 0 ? itemIndex(lines, row, dashes.getFirst()) : 0));
        }
        Role role;
        int mapColumn;
        boolean onKey = false;
        boolean valueIsListItem = false;
        if (current.key() != null && caret >= current.keyColumn()) {
            mapColumn = current.keyColumn();
            tail.add(new KeyPath.Key(current.key()));
            if (caret <= current.colon()) {
                role = Role.KEY;
                onKey = true;
            } else {
                role = Role.VALUE;
                String before = current.text().substring(current.colon() + 1, caret);
                valueIsListItem = before.lastIndexOf('[') > before.lastIndexOf(']');
            }
        } else if (!dashes.isEmpty()) {
            role = Role.VALUE;
            mapColumn = dashes.getLast() + 2;
        } else {
            role = Role.KEY;
            int wordStart = caret;
            while (wordStart > 0 && !Character.isWhitespace(current.text().charAt(wordStart - 1))) {
                wordStart--;
            }
            mapColumn = wordStart;
        }
        if (!dashes.isEmpty()) {
            limit = dashes.getFirst();
            limitFromDash = true;
        } else {
            limit = mapColumn;
        }

        // Ancestors: going up, each line that starts left of everything below it holds what is below.
        List<KeyPath.Segment> head = new ArrayList<>();
        for (int j = row - 1; j >= 0 && limit > 0; j--) {
            Line l = lines.get(j);
            if (l.isBlankOrComment()) {
                continue;
            }
            int content = l.contentColumn();
            boolean parentKeyOfCompactList = limitFromDash && l.dashes().isEmpty() && l.key() != null && l.keyColumn() == limit;
            if (content >= limit && !parentKeyOfCompactList) {
                continue;
            }
            List<KeyPath.Segment> found = new ArrayList<>();
            if (!l.dashes().isEmpty()) {
                found.add(new KeyPath.Index(itemIndex(lines, j, l.dashes().getFirst())));
                for (int d = 1; d < l.dashes().size(); d++) {
                    found.add(new KeyPath.Index(0));
                }
                if (l.key() != null && l.keyColumn() < limit) {
                    found.add(new KeyPath.Key(l.key()));
                }
                limit = l.dashes().getFirst();
                limitFromDash = true;
            } else if (l.key() != null) {
                found.add(new KeyPath.Key(l.key()));
                limit = l.keyColumn();
                limitFromDash = false;
            } else {
                continue;
            }
            head.addAll(0, found);
        }
        List<KeyPath.Segment> all = new ArrayList<>(head);
        all.addAll(tail);
        KeyPath path = new KeyPath(all);

        // The mapping whose keys the caret is among, and the key whose value it is in.
        KeyPath mapPath = onKey ? path.parent() : role == Role.KEY ? path : path.isRoot() ? path : path.parent();
        if (role == Role.VALUE && path.size() > 0 && path.last() instanceof KeyPath.Index) {
            mapPath = path; // a list item: its keys when it is a mapping (ports, volumes long syntax)
        }
        Optional<Scope> scope = ScopeOfPath.of(mapPath);
        Set<String> present = keysAt(lines, row, mapColumn);
        List<KeyDoc> allowedKeys = scope.map(s -> allowed(s, present)).orElse(List.of());
        if (onKey) {
            allowedKeys = scope.map(s -> allowed(s, withoutKey(present, current.key()))).orElse(List.of());
        }
        Optional<KeyDoc> hover = onKey ? scope.flatMap(s -> ComposeKeys.lookup(s, current.key())) : Optional.empty();

        List<String> values = new ArrayList<>();
        if (role == Role.VALUE) {
            KeyPath valueOf = path.last() instanceof KeyPath.Index ? path.parent() : path;
            if (valueIsListItem) {
                valueOf = path;
            }
            values.addAll(valuesFor(lines, valueOf));
        } else if (role == Role.KEY) {
            // keys that are names: `depends_on:` and service `networks:` in their mapping form
            values.addAll(referencesFor(lines, onKey ? path.parent() : path));
        }
        return new CaretContext(path, role, scope, allowedKeys, values, hover);
    }

    private static Set<String> withoutKey(Set<String> keys, String key) {
        Set<String> copy = new LinkedHashSet<>(keys);
        copy.remove(key);
        return copy;
    }

    private static List<KeyDoc> allowed(Scope scope, Set<String> present) {
        return ComposeKeys.keys(scope).values().stream().filter(k -> !present.contains(k.name())).toList();
    }

    /** Values for the key at {@code path}: its enum, booleans for a boolean key, names for reference keys. */
    private static List<String> valuesFor(List<Line> lines, KeyPath path) {
        if (path.isRoot() || !(path.last() instanceof KeyPath.Key key)) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        Optional<Scope> scope = ScopeOfPath.of(path.parent());
        scope.ifPresent(s -> {
            ComposeKeys.lookup(s, key.name()).filter(d -> d.shape() == Shape.BOOL).ifPresent(d -> values.addAll(List.of("true", "false")));
            values.addAll(KnownValues.of(s, key.name()));
            if (s == Scope.SERVICE && key.name().equals("network_mode")) {
                definedNames(lines, "services").forEach(n -> values.add("service:" + n));
            }
        });
        values.addAll(referencesFor(lines, path));
        return values;
    }

    /** Names defined in this file that fit a reference position such as {@code services.web.depends_on}. */
    private static List<String> referencesFor(List<Line> lines, KeyPath path) {
        if (path.size() != 3 || !(path.get(0) instanceof KeyPath.Key root) || !root.name().equals("services")
                || !(path.get(2) instanceof KeyPath.Key key)) {
            return List.of();
        }
        String self = path.get(1) instanceof KeyPath.Key k ? k.name() : "";
        return switch (key.name()) {
            case "depends_on", "links", "extends", "volumes_from" ->
                    definedNames(lines, "services").stream().filter(n -> !n.equals(self)).toList();
            case "networks" -> definedNames(lines, "networks");
            case "volumes" -> definedNames(lines, "volumes");
            case "secrets" -> definedNames(lines, "secrets");
            case "configs" -> definedNames(lines, "configs");
            default -> List.of();
        };
    }

    /** Keys directly under a top-level section (block form), by indentation. */
    static List<String> definedNames(List<Line> lines, String section) {
        if (!REFERENCE_SECTIONS.contains(section)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (l.keyColumn() == 0 && l.dashes().isEmpty() && section.equals(l.key())) {
                int childColumn = -1;
                for (int j = i + 1; j < lines.size(); j++) {
                    Line c = lines.get(j);
                    if (c.isBlankOrComment()) {
                        continue;
                    }
                    if (c.contentColumn() == 0) {
                        break;
                    }
                    if (childColumn < 0) {
                        childColumn = c.contentColumn();
                    }
                    if (c.key() != null && c.keyColumn() == childColumn && c.dashes().isEmpty()) {
                        names.add(c.key());
                    }
                }
            }
        }
        return names;
    }

    /** Keys already written in the mapping at {@code column} that holds line {@code row}. */
    private static Set<String> keysAt(List<Line> lines, int row, int column) {
        Set<String> keys = new LinkedHashSet<>();
        if (row >= lines.size()) {
            return keys;
        }
        for (int j = row; j >= 0; j--) {
            Line l = lines.get(j);
            if (l.isBlankOrComment()) {
                continue;
            }
            if (l.key() != null && l.keyColumn() == column) {
                keys.add(l.key());
                if (!l.dashes().isEmpty()) {
                    break; // `- key:` opens the item mapping
                }
            } else if (l.contentColumn() < column) {
                break;
            }
        }
        for (int j = row + 1; j < lines.size(); j++) {
            Line l = lines.get(j);
            if (l.isBlankOrComment()) {
                continue;
            }
            if (l.contentColumn() < column) {
                break;
            }
            if (l.key() != null && l.keyColumn() == column && l.dashes().isEmpty()) {
                keys.add(l.key());
            }
        }
        return keys;
    }

    /** How many items of the same list come before the one whose dash is at {@code column} on line {@code row}. */
    private static int itemIndex(List<Line> lines, int row, int column) {
        int index = 0;
        for (int j = row - 1; j >= 0; j--) {
            Line l = lines.get(j);
            if (l.isBlankOrComment()) {
                continue;
            }
            if (!l.dashes().isEmpty() && l.dashes().getFirst() == column) {
                index++;
            } else if (l.contentColumn() <= column) {
                break;
            }
        }
        return index;
    }

    /** One line of text as indentation sees it. */
    record Line(String text, List<Integer> dashes, String key, int keyColumn, int colon, int commentStart, int indent) {

        static List<Line> split(String text) {
            List<Line> lines = new ArrayList<>();
            for (String raw : text.split("\n", -1)) {
                lines.add(of(raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw));
            }
            return lines;
        }

        static Line of(String text) {
            int i = 0;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            int indent = i;
            List<Integer> dashes = new ArrayList<>();
            while (i < text.length() && text.charAt(i) == '-' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                dashes.add(i);
                i++;
                while (i < text.length() && text.charAt(i) == ' ') {
                    i++;
                }
            }
            int comment = commentStart(text, i);
            String key = null;
            int keyColumn = -1;
            int colon = -1;
            Matcher m = KEY.matcher(text);
            m.region(i, comment >= 0 ? comment : text.length());
            if (m.lookingAt()) {
                String k = m.group(1).strip();
                key = (k.startsWith("\"") || k.startsWith("'")) && k.length() >= 2 ? k.substring(1, k.length() - 1) : k;
                keyColumn = i;
                colon = m.end() - 1;
            }
            return new Line(text, dashes, key, keyColumn, colon, comment, indent);
        }

        /** Where a {@code #} comment starts (outside quotes, after a space or at the start), or -1. */
        private static int commentStart(String text, int from) {
            char quote = 0;
            for (int i = from; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                    return i;
                }
            }
            return -1;
        }

        boolean isBlankOrComment() {
            return text.isBlank() || (dashes.isEmpty() && commentStart == indent);
        }

        int contentColumn() {
            return dashes.isEmpty() ? indent : dashes.getFirst();
        }
    }
}
