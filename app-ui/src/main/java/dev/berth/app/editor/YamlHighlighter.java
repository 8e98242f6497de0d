package dev.berth.app.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * YAML colours for one line at a time: keys, strings, numbers, booleans and null, comments, anchors and
 * aliases, tags, and the punctuation between them. Line by line, so a keystroke restyles only its own line;
 * the price is that the lines of a block scalar ({@code |}) are coloured like any other line.
 */
final class YamlHighlighter {

    static final String KEY = "yaml-key";
    static final String STRING = "yaml-string";
    static final String NUMBER = "yaml-number";
    static final String CONSTANT = "yaml-constant";
    static final String COMMENT = "yaml-comment";
    static final String ANCHOR = "yaml-anchor";
    static final String TAG = "yaml-tag";
    static final String PUNCTUATION = "yaml-punctuation";

    private static final Pattern NUMBER_TEXT = Pattern.compile("[-+]?(\\d[\\d_]*(\\.\\d*)?([eE][-+]?\\d+)?|\\.\\d+|0x[0-9a-fA-F]+|0o[0-7]+|\\.inf|\\.nan)");
    private static final Pattern CONSTANT_TEXT = Pattern.compile("true|false|True|False|TRUE|FALSE|null|Null|NULL|~");

    /** A styled stretch of a line; {@code end} exclusive. */
    record Span(int start, int end, String style) {
    }

    private YamlHighlighter() {
    }

    static List<Span> line(String line) {
        List<Span> spans = new ArrayList<>();
        int n = line.length();
        int i = 0;
        int depth = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                spans.add(new Span(i, n, COMMENT));
                i = n;
            } else if (c == '-' && (i + 1 == n || line.charAt(i + 1) == ' ') && depth == 0) {
                spans.add(new Span(i, i + 1, PUNCTUATION));
                i++;
            } else if (c == '"' || c == '\'') {
                int end = closingQuote(line, i);
                int after = skipSpaces(line, end);
                spans.add(new Span(i, end, after < n && line.charAt(after) == ':' && isKeyColon(line, after, depth) ? KEY : STRING));
                i = end;
            } else if (c == '&' || c == '*') {
                int end = wordEnd(line, i + 1);
                spans.add(new Span(i, end, ANCHOR));
                i = end;
            } else if (c == '!') {
                int end = wordEnd(line, i + 1);
                spans.add(new Span(i, end, TAG));
                i = end;
            } else if (c == '[' || c == '{') {
                depth++;
                spans.add(new Span(i, i + 1, PUNCTUATION));
                i++;
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
                spans.add(new Span(i, i + 1, PUNCTUATION));
                i++;
            } else if (c == ',' && depth > 0) {
                spans.add(new Span(i, i + 1, PUNCTUATION));
                i++;
            } else if (c == ':' && isKeyColon(line, i, depth)) {
                spans.add(new Span(i, i + 1, PUNCTUATION));
                i++;
            } else {
                i = plain(line, i, depth, spans);
            }
        }
        return spans;
    }

    /** A plain scalar: a key when a {@code :} and a space follow, else a number, a constant or text. */
    private static int plain(String line, int start, int depth, List<Span> spans) {
        int n = line.length();
        int i = start;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ':' && isKeyColon(line, i, depth)) {
                spans.add(new Span(start, trimEnd(line, start, i), KEY));
                return i;
            }
            if (c == '#' && Character.isWhitespace(line.charAt(i - 1))) {
                break;
            }
            if (depth > 0 && (c == ',' || c == ']' || c == '}')) {
                break;
            }
            i++;
        }
        int end = trimEnd(line, start, i);
        String word = line.substring(start, end);
        if (NUMBER_TEXT.matcher(word).matches()) {
            spans.add(new Span(start, end, NUMBER));
        } else if (CONSTANT_TEXT.matcher(word).matches()) {
            spans.add(new Span(start, end, CONSTANT));
        }
        return i;
    }

    /** A {@code :} that ends a key: followed by a space or the end of the line (or, in flow, a separator). */
    private static boolean isKeyColon(String line, int at, int depth) {
        if (at + 1 == line.length()) {
            return true;
        }
        char next = line.charAt(at + 1);
        return next == ' ' || next == '\t' || (depth > 0 && (next == ',' || next == '}' || next == ']'));
    }

    private static int closingQuote(String line, int open) {
        char quote = line.charAt(open);
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quote == '"' && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (quote == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                    i += 2; // '' is a quote inside single quotes
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return line.length();
    }

    private static int wordEnd(String line, int from) {
        int i = from;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && ",[]{}".indexOf(line.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int trimEnd(String line, int start, int end) {
        int e = end;
        while (e > start && Character.isWhitespace(line.charAt(e - 1))) {
            e--;
        }
        return e;
    }
}
