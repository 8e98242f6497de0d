package dev.berth.compose.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a value sits in a compose file: {@code services.web.ports[0]}. Keys that contain a dot, a bracket
 * or a quote are written in double quotes ({@code services."my.app".image}), so every key can be named.
 */
public record KeyPath(List<Segment> segments) {

    /** One step: a mapping key or a list index. */
    public sealed interface Segment permits Key, Index {
    }

    public record Key(String name) implements Segment {
        @Override
        public String toString() {
            return needsQuotes(name) ? "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : name;
        }
    }

    public record Index(int index) implements Segment {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    public static final KeyPath ROOT = new KeyPath(List.of());

    public KeyPath {
        segments = List.copyOf(segments);
    }

    /**
     * Parses {@code services.web.ports[0]} or {@code services."a.b".image}.
     *
     * @throws IllegalArgumentException naming the column where the text stops being a path
     */
    public static KeyPath parse(String text) {
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        boolean expectKey = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw bad(text, i, "a `[` without its `]`");
                }
                try {
                    segments.add(new Index(Integer.parseInt(text.substring(i + 1, close))));
                } catch (NumberFormatException e) {
                    throw bad(text, i, "a list index must be a number");
                }
                i = close + 1;
                expectKey = false;
            } else if (c == '.') {
                if (expectKey) {
                    throw bad(text, i, "an empty key");
                }
                i++;
                expectKey = true;
            } else if (c == '"') {
                StringBuilder name = new StringBuilder();
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != '"') {
                    if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                        j++;
                    }
                    name.append(text.charAt(j++));
                }
                if (j >= text.length()) {
                    throw bad(text, i, "a quoted key without its closing quote");
                }
                segments.add(new Key(name.toString()));
                i = j + 1;
                expectKey = false;
            } else {
                int j = i;
                while (j < text.length() && text.charAt(j) != '.' && text.charAt(j) != '[') {
                    j++;
                }
                segments.add(new Key(text.substring(i, j)));
                i = j;
                expectKey = false;
            }
        }
        if (expectKey && !segments.isEmpty()) {
            throw bad(text, text.length(), "a path cannot end with `.`");
        }
        return new KeyPath(segments);
    }

    private static IllegalArgumentException bad(String text, int at, String why) {
        return new IllegalArgumentException("not a key path: \"" + text + "\" at column " + (at + 1) + ": " + why);
    }

    private static boolean needsQuotes(String name) {
        return name.isEmpty() || name.contains(".") || name.contains("[") || name.contains("\"");
    }

    public KeyPath key(String name) {
        return append(new Key(name));
    }

    public KeyPath index(int index) {
        return append(new Index(index));
    }

    private KeyPath append(Segment segment) {
        List<Segment> more = new ArrayList<>(segments);
        more.add(segment);
        return new KeyPath(more);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public KeyPath parent() {
        if (isRoot()) {
            throw new IllegalStateException("the root has no parent");
        }
        return new KeyPath(segments.subList(0, segments.size() - 1));
    }

    public Segment last() {
        return segments.getLast();
    }

    public int size() {
        return segments.size();
    }

    public Segment get(int i) {
        return segments.get(i);
    }

    public boolean startsWith(KeyPath prefix) {
        return prefix.size() <= size() && segments.subList(0, prefix.size()).equals(prefix.segments);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            if (s instanceof Key && !sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(s);
        }
        return sb.toString();
    }
}
