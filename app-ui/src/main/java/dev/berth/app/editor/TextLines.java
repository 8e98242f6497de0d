package dev.berth.app.editor;

import dev.berth.compose.source.Position;
import java.util.Arrays;

/** Where each line of a text starts, to turn a diagnostic's line and column into an offset and back. */
final class TextLines {
    private final String text;
    private final int[] starts;

    private TextLines(String text, int[] starts) {
        this.text = text;
        this.starts = starts;
    }

    static TextLines of(String text) {
        int[] starts = new int[64];
        int n = 0;
        starts[n++] = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
            }
            starts[n++] = i + 1;
        }
        return new TextLines(text, Arrays.copyOf(starts, n));
    }

    String text() {
        return text;
    }

    int count() {
        return starts.length;
    }

    /** The offset of 1-based {@code line}, clamped to the text. */
    int lineStart(int line) {
        return starts[Math.clamp(line - 1, 0, starts.length - 1)];
    }

    /** Where the line's text ends, before its line break. */
    int lineEnd(int line) {
        int next = line < starts.length ? starts[line] - 1 : text.length();
        return next > lineStart(line) && text.charAt(next - 1) == '\r' ? next - 1 : next;
    }

    /** 1-based line holding {@code offset}. */
    int lineOf(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** A 1-based line and a column counted in code points (as the parser counts them), clamped to that line. */
    int offset(Position position) {
        int start = lineStart(position.line());
        int end = lineEnd(position.line());
        int columns = text.codePointCount(start, end);
        return text.offsetByCodePoints(start, Math.clamp(position.column() - 1, 0, columns));
    }
}
