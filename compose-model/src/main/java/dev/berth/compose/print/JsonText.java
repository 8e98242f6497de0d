package dev.berth.compose.print;

import java.util.List;
import java.util.Map;

/** Writes the printer's tree (maps, lists, strings, numbers, booleans, null) as JSON. */
final class JsonText {

    private JsonText() {
    }

    /** Two-space indentation, as Go's {@code json.MarshalIndent(v, "", "  ")}. */
    static String pretty(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, "  ", 0);
        return sb.append('\n').toString();
    }

    /** No whitespace at all: the canonical form used for hashing. */
    static String compact(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, null, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, String indent, int depth) {
        switch (value) {
            case null -> sb.append("null");
            case Boolean b -> sb.append(b);
            case Double d when !Double.isFinite(d) -> write(sb, d.toString(), indent, depth);   // JSON has no .inf
            case Number n -> sb.append(n);
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    sb.append(first ? "" : ",");
                    first = false;
                    newline(sb, indent, depth + 1);
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(indent == null ? ":" : ": ");
                    write(sb, e.getValue(), indent, depth + 1);
                }
                newline(sb, indent, depth);
                sb.append('}');
            }
            case List<?> list -> {
                if (list.isEmpty()) {
                    sb.append("[]");
                    return;
                }
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    sb.append(i == 0 ? "" : ",");
                    newline(sb, indent, depth + 1);
                    write(sb, list.get(i), indent, depth + 1);
                }
                newline(sb, indent, depth);
                sb.append(']');
            }
            default -> string(sb, value.toString());
        }
    }

    private static void newline(StringBuilder sb, String indent, int depth) {
        if (indent != null) {
            sb.append('\n').append(indent.repeat(depth));
        }
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
