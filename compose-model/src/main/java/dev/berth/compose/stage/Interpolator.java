package dev.berth.compose.stage;

import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.source.Position;
import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage 2, interpolate: replaces {@code $VAR}, {@code ${VAR}} and the {@code :-  -  :?  ?  :+  +} forms in
 * every scalar value (never in keys), as compose-go's {@code template} package does. {@code $$} is a literal
 * {@code $}; a {@code $} that starts no variable is kept as is.
 */
public final class Interpolator {

    /** Services from this many on are interpolated in two halves; below, a second thread costs more than it saves. */
    static final int HALVES_FROM = 256;

    private final Map<String, String> variables;
    private final Diagnostics diagnostics;

    public Interpolator(Map<String, String> variables, Diagnostics diagnostics) {
        this.variables = variables;
        this.diagnostics = diagnostics;
    }

    public YamlNode interpolate(YamlNode node) {
        return walk(node, Where.ROOT);
    }

    /**
     * As {@link #interpolate}, with a large {@code services:} mapping done in two halves on two threads: the
     * second half by its own interpolator, whose diagnostics follow the first half's, as in one walk.
     */
    public YamlMap interpolateFile(YamlMap root) {
        if (!(root.get("services") instanceof YamlMap services) || services.entries().size() < HALVES_FROM) {
            return (YamlMap) interpolate(root);
        }
        List<YamlEntry> entries = null;
        for (int i = 0; i < root.entries().size(); i++) {
            YamlEntry e = root.entries().get(i);
            YamlNode done = e.value() == services ? inHalves(services, Where.ROOT.key(e.name()))
                    : walk(e.value(), Where.ROOT.key(e.name()));
            if (done != e.value() && entries == null) {
                entries = new ArrayList<>(root.entries().subList(0, i));
            }
            if (entries != null) {
                entries.add(done == e.value() ? e : new YamlEntry(e.key(), done));
            }
        }
        return entries == null ? root : new YamlMap(entries, root.position());
    }

    private YamlMap inHalves(YamlMap map, Where where) {
        List<YamlEntry> all = map.entries();
        int half = all.size() / 2;
        Diagnostics secondDiagnostics = new Diagnostics();
        Interpolator second = new Interpolator(variables, secondDiagnostics);
        SideThread<List<YamlEntry>> later =
                SideThread.start("berth-interpolate", () -> second.entries(all.subList(half, all.size()), where));
        List<YamlEntry> first = entries(all.subList(0, half), where);
        List<YamlEntry> rest = later.join();
        secondDiagnostics.all().forEach(diagnostics::add);
        if (first == null && rest == null) {
            return map;
        }
        List<YamlEntry> joined = new ArrayList<>(all.size());
        joined.addAll(first == null ? all.subList(0, half) : first);
        joined.addAll(rest == null ? all.subList(half, all.size()) : rest);
        return new YamlMap(joined, map.position());
    }

    /** The entries with their values interpolated, or null when none changed. */
    private List<YamlEntry> entries(List<YamlEntry> entries, Where where) {
        List<YamlEntry> done = null;
        for (int i = 0; i < entries.size(); i++) {
            YamlEntry e = entries.get(i);
            YamlNode value = walk(e.value(), where.key(e.name()));
            if (value != e.value() && done == null) {
                done = new ArrayList<>(entries.subList(0, i));
            }
            if (done != null) {
                done.add(value == e.value() ? e : new YamlEntry(e.key(), value));
            }
        }
        return done;
    }

    /** Where a value is, spelt out as a path ("services.web.ports[0]") only when a message needs it. */
    private record Where(Where parent, String key, int index) {
        static final Where ROOT = new Where(null, null, -1);

        Where key(String name) {
            return new Where(this, name, -1);
        }

        Where item(int i) {
            return new Where(this, null, i);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "";
            }
            String before = parent.toString();
            return key == null ? before + "[" + index + "]" : before.isEmpty() ? key : before + "." + key;
        }
    }

    /** Subtrees without a {@code $} come back as they were (no copy). */
    private YamlNode walk(YamlNode node, Where where) {
        return switch (node) {
            case YamlScalar s -> s.value() != null && s.value().indexOf('$') >= 0 && !s.isNull()
                    ? s.withValue(substitute(s.value(), s.position(), where.toString())) : s;
            case YamlSeq seq -> {
                List<YamlNode> items = null;
                for (int i = 0; i < seq.items().size(); i++) {
                    YamlNode item = seq.items().get(i);
                    YamlNode done = walk(item, where.item(i));
                    if (done != item && items == null) {
                        items = new ArrayList<>(seq.items().subList(0, i));
                    }
                    if (items != null) {
                        items.add(done);
                    }
                }
                yield items == null ? seq : new YamlSeq(items, seq.position());
            }
            case YamlMap map -> {
                List<YamlEntry> entries = entries(map.entries(), where);
                yield entries == null ? map : new YamlMap(entries, map.position());
            }
        };
    }

    /** Substitutes all variables in {@code text}; problems are reported at {@code position}. */
    public String substitute(String text, Position position, String path) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (isNameStart(next)) {
                int end = nameEnd(text, i + 1);
                out.append(lookup(text.substring(i + 1, end), position, path));
                i = end;
            } else if (next == '{') {
                int close = matchingBrace(text, i + 2);
                if (close < 0) {
                    diagnostics.error(position, path, "invalid interpolation format in \"" + text
                            + "\": `${` is never closed; add the `}` or write `$${` for a literal `${`");
                    return text;
                }
                String replaced = braced(text.substring(i + 2, close), text, position, path);
                if (replaced == null) {
                    return text;
                }
                out.append(replaced);
                i = close + 1;
            } else {
                out.append('$');
                i++;
            }
        }
        return out.toString();
    }

    private String braced(String body, String whole, Position position, String path) {
        int nameEnd = body.isEmpty() || !isNameStart(body.charAt(0)) ? 0 : nameEnd(body, 0);
        String name = body.substring(0, nameEnd);
        String rest = body.substring(nameEnd);
        if (name.isEmpty()) {
            diagnostics.error(position, path, "invalid interpolation format in \"" + whole + "\": `${" + body
                    + "}` does not start with a variable name; use `${NAME}`, or `$$` for a literal `$`");
            return null;
        }
        if (rest.isEmpty()) {
            return lookup(name, position, path);
        }
        String value = variables.get(name);
        boolean colon = rest.startsWith(":");
        String op = colon ? rest.substring(0, Math.min(2, rest.length())) : rest.substring(0, 1);
        String operand = rest.substring(op.length());
        boolean unsetOrEmpty = value == null || (colon && value.isEmpty());
        switch (op) {
            case ":-", "-" -> {
                return unsetOrEmpty ? substitute(operand, position, path) : value;
            }
            case ":+", "+" -> {
                return unsetOrEmpty ? "" : substitute(operand, position, path);
            }
            case ":?", "?" -> {
                if (unsetOrEmpty) {
                    String why = substitute(operand, position, path);
                    diagnostics.error(position, path, "required variable " + name + " is missing a value"
                            + (why.isEmpty() ? "" : ": " + why) + "; set it in the environment or in .env");
                    return null;
                }
                return value;
            }
            default -> {
                diagnostics.error(position, path, "invalid interpolation format in \"" + whole + "\": `${" + body
                        + "}`; supported forms are ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, "
                        + "${VAR?error}, ${VAR:+alternative} and ${VAR+alternative}");
                return null;
            }
        }
    }

    private String lookup(String name, Position position, String path) {
        String value = variables.get(name);
        if (value == null) {
            diagnostics.warning(position, path,
                    "The \"" + name + "\" variable is not set. Defaulting to a blank string.");
            return "";
        }
        return value;
    }

    private static int matchingBrace(String text, int from) {
        int depth = 1;
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int nameEnd(String text, int from) {
        int j = from;
        while (j < text.length() && (isNameStart(text.charAt(j)) || Character.isDigit(text.charAt(j)))) {
            j++;
        }
        return j;
    }
}
