package dev.berth.app.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * The style classes of a paragraph: its YAML colours ({@link YamlHighlighter}) with the problems on it
 * underlined ({@code problem-error}, {@code problem-warning}). Plain data, built off the FX thread for a whole
 * file and on it for the one line a keystroke changed.
 */
final class EditorStyles {
    static final String ERROR = "problem-error";
    static final String WARNING = "problem-warning";

    /** A problem's stretch within one paragraph: columns, end exclusive. */
    record Mark(int start, int end, boolean error) {
    }

    private EditorStyles() {
    }

    /** Styles for one paragraph (without its line break); null for an empty paragraph. */
    static StyleSpans<Collection<String>> paragraph(String line, List<Mark> marks) {
        if (line.isEmpty()) {
            return null;
        }
        List<YamlHighlighter.Span> spans = YamlHighlighter.line(line);
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, line.length()));
        spans.forEach(s -> {
            cuts.add(s.start());
            cuts.add(s.end());
        });
        for (Mark m : marks) {
            cuts.add(Math.clamp(m.start(), 0, line.length()));
            cuts.add(Math.clamp(m.end(), 0, line.length()));
        }
        StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        Integer from = cuts.first();
        int next = 0;
        for (Integer to : cuts.tailSet(from, false)) {
            List<String> styles = new ArrayList<>(2);
            while (next < spans.size() && spans.get(next).end() <= from) {
                next++;
            }
            if (next < spans.size() && spans.get(next).start() <= from) {
                styles.add(spans.get(next).style());
            }
            boolean error = false;
            boolean warning = false;
            for (Mark m : marks) {
                if (m.start() <= from && from < m.end()) {
                    error |= m.error();
                    warning |= !m.error();
                }
            }
            if (error) {
                styles.add(ERROR);
            } else if (warning) {
                styles.add(WARNING);
            }
            builder.add(styles, to - from);
            from = to;
        }
        return builder.create();
    }

    /** Styles for a whole text without problems, for opening a file. */
    static StyleSpans<Collection<String>> text(String text) {
        StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        int start = 0;
        boolean any = false;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            StyleSpans<Collection<String>> line = paragraph(text.substring(start, end), List.of());
            if (line != null) {
                builder.addAll(line);
                any = true;
            }
            if (nl < 0) {
                break;
            }
            builder.add(List.of(), 1);
            any = true;
            start = nl + 1;
        }
        if (!any) {
            builder.add(List.of(), 0);
        }
        return builder.create();
    }
}
