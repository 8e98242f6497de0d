package dev.berth.compose.edit;

import dev.berth.compose.edit.SourceTree.Quoting;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Spells Java values as YAML for insertion: {@code String}, {@code Number}, {@code Boolean}, {@code null},
 * {@code Map} (insertion order kept) and {@code List}. Strings stay strings: plain only when the YAML core
 * schema would read them back as the same string, quoted otherwise.
 */
final class ValueWriter {

    private static final CoreSchema SCHEMA = new CoreSchema();

    private final String eol;
    private final int step;

    ValueWriter(LineEnding lineEnding, int step) {
        this.eol = lineEnding.text();
        this.step = step;
    }

    int step() {
        return step;
    }

    /** A scalar, keeping {@code preferred} quoting when the value allows it. */
    static String scalar(Object value, Quoting preferred, boolean inFlow) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean || value instanceof Number) {
            // The author quoted this value, so it was meant as a string: keep it one.
            String s = value.toString();
            return switch (preferred) {
                case DOUBLE -> "\"" + s + "\"";
                case SINGLE -> "'" + s + "'";
                default -> s;
            };
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("a scalar must be a String, Number or Boolean, not "
                    + value.getClass().getSimpleName());
        }
        return switch (preferred) {
            case DOUBLE -> doubleQuoted(s);
            case SINGLE -> s.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? doubleQuoted(s) : "'" + s.replace("'", "''") + "'";
            default -> isSafePlain(s, inFlow) ? s : doubleQuoted(s);
        };
    }

    /** A mapping key: plain when possible. */
    static String key(String name, Quoting preferred) {
        return scalar(name, preferred == Quoting.LITERAL || preferred == Quoting.FOLDED ? Quoting.PLAIN : preferred, false);
    }

    static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Plain when YAML reads it back as this very string, in block or flow context. */
    static boolean isSafePlain(String s, boolean inFlow) {
        if (s.isEmpty() || s.strip().length() != s.length()) {
            return false;
        }
        char first = s.charAt(0);
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(first) >= 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\uFEFF') {
                return false;
            }
            if (inFlow && ",[]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":")) {
            return false;
        }
        // YAML 1.1 booleans (yes, no, on, off) are strings in the core schema, but some readers and people
        // take them as booleans: `restart: no` is the classic trap, so they are quoted.
        if (s.matches("(?i)y|n|yes|no|on|off")) {
            return false;
        }
        return Tag.STR.equals(SCHEMA.getScalarResolver().resolve(s, true));
    }

    /** What follows {@code key:} in a block mapping whose children sit at {@code childIndent}. */
    String afterColon(Object value, int childIndent) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty() ? " {}" : eol + blockMap(m, childIndent);
        }
        if (value instanceof List<?> l) {
            return l.isEmpty() ? " []" : eol + blockSeq(l, childIndent);
        }
        return " " + scalar(value, Quoting.PLAIN, false);
    }

    /** What follows {@code - } of a block list item whose dash is at {@code dashIndent}. */
    String afterDash(Object value, int dashIndent) {
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            String block = blockMap(m, dashIndent + 2);
            return " " + block.substring(dashIndent + 2);
        }
        return " " + flow(value);
    }

    /** Lines of a block mapping at {@code indent}, no line break after the last. */
    String blockMap(Map<?, ?> map, int indent) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append(eol);
            }
            sb.append(" ".repeat(indent)).append(key(String.valueOf(e.getKey()), Quoting.PLAIN)).append(':')
                    .append(afterColon(e.getValue(), indent + step));
        }
        return sb.toString();
    }

    /** Lines of a block list with dashes at {@code indent}. */
    String blockSeq(List<?> list, int indent) {
        StringBuilder sb = new StringBuilder();
        for (Object item : list) {
            if (!sb.isEmpty()) {
                sb.append(eol);
            }
            sb.append(" ".repeat(indent)).append('-').append(afterDash(item, indent));
        }
        return sb.toString();
    }

    /** One-line flow style: {@code {a: 1, b: [x, y]}}. */
    static String flow(Object value) {
        if (value instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(scalar(String.valueOf(e.getKey()), Quoting.PLAIN, true)).append(": ").append(flow(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (value instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object item : l) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(flow(item));
            }
            return sb.append(']').toString();
        }
        return scalar(value, Quoting.PLAIN, true);
    }
}
