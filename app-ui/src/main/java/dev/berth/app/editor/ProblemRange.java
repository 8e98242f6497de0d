package dev.berth.app.editor;

/**
 * The stretch of text to underline for a problem reported at a line and column. Diagnostics point at the
 * start of what they are about: a key, a scalar, a list item or a mapping. The underline covers that token:
 * a quoted scalar to its closing quote, a flow collection to its closing bracket on the same line, a key to
 * its colon, a plain scalar to the end of its line (a comment excluded). Read from the text, not the parser,
 * so that half-typed YAML still gets a sensible range.
 */
record ProblemRange(int start, int end) {

    static ProblemRange at(TextLines lines, int line, int offset) {
        String text = lines.text();
        int lineEnd = lines.lineEnd(line);
        if (offset >= lineEnd) {
            // nothing after the position on its line: mark the last character before it, if any
            int lineStart = lines.lineStart(line);
            return lineEnd > lineStart ? new ProblemRange(lineEnd - 1, lineEnd) : new ProblemRange(offset, Math.min(offset + 1, text.length()));
        }
        char c = text.charAt(offset);
        int end;
        if (c == '"' || c == '\'') {
            end = closingQuote(text, offset, lineEnd);
        } else if (c == '[' || c == '{') {
            end = closingBracket(text, offset, lineEnd);
        } else {
            end = plainEnd(text, offset, lineEnd);
        }
        return new ProblemRange(offset, Math.max(end, offset + 1));
    }

    boolean contains(int offset) {
        return offset >= start && offset < end;
    }

    private static int closingQuote(String text, int open, int lineEnd) {
        char quote = text.charAt(open);
        for (int i = open + 1; i < lineEnd; i++) {
            char c = text.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        return lineEnd;
    }

    private static int closingBracket(String text, int open, int lineEnd) {
        int depth = 0;
        for (int i = open; i < lineEnd; i++) {
            char c = text.charAt(i);
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return lineEnd;
    }

    /** A key ends at its {@code :}; a plain value at a comment or the line's end; trailing spaces are left out. */
    private static int plainEnd(String text, int start, int lineEnd) {
        int i = start;
        if (text.charAt(i) == '-' && i + 1 < lineEnd && text.charAt(i + 1) == ' ') {
            return i + 1; // a list item marker: the dash alone
        }
        while (i < lineEnd) {
            char c = text.charAt(i);
            if (c == ':' && (i + 1 == lineEnd || text.charAt(i + 1) == ' ')) {
                break;
            }
            if (c == '#' && i > start && text.charAt(i - 1) == ' ') {
                break;
            }
            i++;
        }
        while (i > start && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
