package dev.berth.app.editor;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.edit.LiveDocument;
import dev.berth.compose.edit.TextEdit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation of the editor's text as it is typed, with the {@link LiveDocument} kept in step. The FX thread
 * reports each change ({@link #edited}); a validation run ({@link #run}, on another thread) takes every change
 * reported so far, folds them into one edit so the document is re-validated once, not once per keystroke, and
 * returns an {@link Outcome} stamped with how many changes it saw. An outcome whose stamp is behind
 * {@link #typed()} is stale: the text moved on while it ran, and the next run will say what holds now.
 */
final class LiveValidation {

    /**
     * The problems of the text after {@code generation} changes, ordered by place; and, by paragraph (0-based),
     * the problems on it and their underlines in its own columns, so that the FX thread only compares and
     * touches the paragraphs whose underlines or gutter marker changed.
     */
    record Outcome(long generation, List<Problem> problems, Map<Integer, List<Problem>> byParagraph,
                   Map<Integer, List<EditorStyles.Mark>> marks, long validatedNanos) {
        long errors() {
            return problems.stream().filter(Problem::isError).count();
        }
    }

    private final LiveDocument live;
    private final String fileName;
    private final Object lock = new Object();
    private final List<TextEdit> pending = new ArrayList<>();
    private long typed;

    LiveValidation(LiveDocument live, String fileName) {
        this.live = live;
        this.fileName = fileName;
    }

    /** A change the user made: offsets into the text just before it. */
    void edited(TextEdit edit) {
        synchronized (lock) {
            pending.add(edit);
            typed++;
        }
    }

    /** How many changes have been reported. */
    long typed() {
        synchronized (lock) {
            return typed;
        }
    }

    /** The outcome for the text as it is now; also right before any edit ({@code generation} 0). */
    Outcome run() {
        synchronized (live) {
            List<TextEdit> edits;
            long generation;
            synchronized (lock) {
                edits = List.copyOf(pending);
                pending.clear();
                generation = typed;
            }
            long started = System.nanoTime();
            if (!edits.isEmpty()) {
                // one copy of the text for all the edits of the pause, not one per keystroke
                String before = live.text();
                StringBuilder after = new StringBuilder(before);
                for (TextEdit e : edits) {
                    after.replace(e.offset(), e.end(), e.replacement());
                }
                live.apply(difference(before, after.toString()));
            }
            TextLines lines = TextLines.of(live.text());
            List<Problem> problems = problems(lines, live.diagnostics(), fileName);
            Map<Integer, List<Problem>> byParagraph = new HashMap<>();
            Map<Integer, List<EditorStyles.Mark>> marks = new HashMap<>();
            for (Problem p : problems) {
                if (p.isInThisFile()) {
                    int paragraph = p.line() - 1;
                    int lineStart = lines.lineStart(p.line());
                    byParagraph.computeIfAbsent(paragraph, k -> new ArrayList<>()).add(p);
                    marks.computeIfAbsent(paragraph, k -> new ArrayList<>())
                            .add(new EditorStyles.Mark(p.start() - lineStart, p.end() - lineStart, p.isError()));
                }
            }
            return new Outcome(generation, problems, byParagraph, marks, System.nanoTime() - started);
        }
    }

    /** One edit that turns {@code before} into {@code after}: what lies between their common prefix and suffix. */
    static TextEdit difference(String before, String after) {
        int prefix = 0;
        int max = Math.min(before.length(), after.length());
        while (prefix < max && before.charAt(prefix) == after.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
            suffix++;
        }
        return new TextEdit(prefix, before.length() - prefix - suffix, after.substring(prefix, after.length() - suffix));
    }

    /** Diagnostics placed in {@code text}: those of this file get a range, others are listed without one. */
    static List<Problem> problems(String text, List<Diagnostic> diagnostics, String fileName) {
        return problems(TextLines.of(text), diagnostics, fileName);
    }

    private static List<Problem> problems(TextLines lines, List<Diagnostic> diagnostics, String fileName) {
        List<Problem> problems = new ArrayList<>(diagnostics.size());
        for (Diagnostic d : diagnostics) {
            if (d.position().isKnown() && d.position().file().equals(fileName)) {
                int line = Math.min(d.position().line(), lines.count());
                ProblemRange range = ProblemRange.at(lines, line, lines.offset(d.position()));
                problems.add(new Problem(d, range.start(), range.end(), line));
            } else {
                problems.add(new Problem(d, -1, -1, d.position().line()));
            }
        }
        problems.sort(Comparator.comparing((Problem p) -> !p.isInThisFile()).thenComparingInt(Problem::start)
                .thenComparing(p -> !p.isError()));
        return List.copyOf(problems);
    }
}
