package dev.berth.app.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.StyledDocument;

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

    /** Whether two paragraphs' styles give every character the same classes (however the spans are cut). */
    static boolean same(StyleSpans<Collection<String>> a, StyleSpans<Collection<String>> b) {
        return runs(a).equals(runs(b));
    }

    /** The spans with neighbours of equal style joined and empty ones left out. */
    private static List<StyleSpan<Set<String>>> runs(StyleSpans<Collection<String>> spans) {
        List<StyleSpan<Set<String>>> runs = new ArrayList<>();
        for (StyleSpan<Collection<String>> span : spans) {
            if (span.getLength() == 0) {
                continue;
            }
            Set<String> style = Set.copyOf(span.getStyle());
            int last = runs.size() - 1;
            if (last >= 0 && runs.get(last).getStyle().equals(style)) {
                runs.set(last, new StyleSpan<>(style, runs.get(last).getLength() + span.getLength()));
            } else {
                runs.add(new StyleSpan<>(style, span.getLength()));
            }
        }
        return runs;
    }

    /**
     * A whole text with its colours as a RichTextFX document, built off the FX thread (it is immutable), so that
     * opening or reloading a big file puts it in the editor with one replacement and no styling call after it.
     */
    static StyledDocument<Collection<String>, String, Collection<String>> document(String text) {
        ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> builder =
                new ReadOnlyStyledDocumentBuilder<>(SegmentOps.styledTextOps(), List.of());
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            String line = text.substring(start, nl < 0 ? text.length() : nl);
            StyleSpans<Collection<String>> styles = paragraph(line, List.of());
            if (styles == null) {
                builder.addParagraph(line, List.of());
            } else {
                builder.addParagraph(line, styles);
            }
            if (nl < 0) {
                return builder.build();
            }
            start = nl + 1;
        }
    }
}
