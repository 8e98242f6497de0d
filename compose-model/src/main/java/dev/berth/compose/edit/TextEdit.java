package dev.berth.compose.edit;

import java.util.Comparator;
import java.util.List;

/**
 * Replace {@code length} characters at {@code offset} (a UTF-16 index into the text as read) with
 * {@code replacement}. An editor applies these to its own buffer so that undo and the caret stay sane.
 */
public record TextEdit(int offset, int length, String replacement) {

    public TextEdit {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("a text edit needs offset >= 0 and length >= 0, not " + offset + "/" + length);
        }
    }

    public static TextEdit insert(int offset, String text) {
        return new TextEdit(offset, 0, text);
    }

    public int end() {
        return offset + length;
    }

    /** Applies non-overlapping edits (offsets of the original text) from last to first. */
    public static String apply(String text, List<TextEdit> edits) {
        StringBuilder sb = new StringBuilder(text);
        edits.stream().sorted(Comparator.comparingInt(TextEdit::offset).reversed())
                .forEach(e -> sb.replace(e.offset(), e.end(), e.replacement()));
        return sb.toString();
    }
}
