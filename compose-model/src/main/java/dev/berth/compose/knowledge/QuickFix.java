package dev.berth.compose.knowledge;

import dev.berth.compose.edit.TextEdit;
import java.util.List;

/**
 * One fix for one problem: what it does, in words a menu can show, and the text edits that do it (offsets into
 * the text the fix was computed on). An editor applies the edits to its own buffer, so undo takes the fix back.
 */
public record QuickFix(String title, List<TextEdit> edits) {

    public QuickFix {
        edits = List.copyOf(edits);
    }

    /** The text after the fix. */
    public String applyTo(String text) {
        return TextEdit.apply(text, edits);
    }
}
