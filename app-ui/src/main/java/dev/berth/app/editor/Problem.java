package dev.berth.app.editor;

import dev.berth.compose.diag.Diagnostic;

/**
 * A diagnostic as the editor shows it: the stretch of the editor's text to underline ({@code start} to
 * {@code end}, both -1 when the problem is in another file or has no position) and its 1-based line.
 */
public record Problem(Diagnostic diagnostic, int start, int end, int line) {

    public boolean isInThisFile() {
        return start >= 0;
    }

    public boolean isError() {
        return diagnostic.isError();
    }

    /** {@code compose.yaml:12} for the Problems pane; the full path lives in the tooltip. */
    public String where() {
        String file = diagnostic.position().file();
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        String name = slash >= 0 ? file.substring(slash + 1) : file;
        return diagnostic.position().isKnown() ? name + ":" + diagnostic.position().line() : name;
    }
}
