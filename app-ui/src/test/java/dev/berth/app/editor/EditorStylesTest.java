package dev.berth.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.StyledDocument;
import org.junit.jupiter.api.Test;

class EditorStylesTest {

    private static final String TEXT = """
            # shop
            services:

              web:
                image: "nginx:1.27"   # pinned
                ports: ["8080:80"]""";

    @Test
    void aWholeTextBecomesADocumentWithEachLineColouredAsAKeystrokeWouldColourIt() {
        StyledDocument<Collection<String>, String, Collection<String>> document = EditorStyles.document(TEXT);
        assertThat(document.getText()).isEqualTo(TEXT);
        List<String> lines = TEXT.lines().toList();
        assertThat(document.getParagraphs()).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            StyleSpans<Collection<String>> expected = EditorStyles.paragraph(lines.get(i), List.of());
            if (expected == null) {
                assertThat(lines.get(i)).isEmpty();
            } else {
                assertThat(EditorStyles.same(document.getParagraph(i).getStyleSpans(), expected)).as(lines.get(i)).isTrue();
            }
        }
        assertThat(EditorStyles.document(TEXT + "\n").getParagraphs()).hasSize(lines.size() + 1);
    }

    @Test
    void stylesAreTheSameWhenEveryCharacterHasTheSameClassesHoweverTheSpansAreCut() {
        StyleSpans<Collection<String>> whole = new StyleSpansBuilder<Collection<String>>()
                .add(List.of("yaml-key"), 5).add(List.of(), 2).create();
        StyleSpans<Collection<String>> cut = new StyleSpansBuilder<Collection<String>>()
                .add(List.of("yaml-key"), 2).add(List.of("yaml-key"), 3).add(List.of(), 0).add(List.of(), 2).create();
        StyleSpans<Collection<String>> underlined = new StyleSpansBuilder<Collection<String>>()
                .add(List.of("yaml-key", EditorStyles.ERROR), 5).add(List.of(), 2).create();
        assertThat(EditorStyles.same(whole, cut)).isTrue();
        assertThat(EditorStyles.same(whole, underlined)).isFalse();
    }

    @Test
    void underlinesMoveWithTheLinesAChangeAddsOrTakesAway() {
        Map<Integer, String> marks = Map.of(2, "above", 5, "same line", 9, "below");
        // two lines added after line 5: line 9 is now 11; 5 and above stay
        assertThat(EditorPane.shifted(marks, 5, 2)).isEqualTo(Map.of(2, "above", 5, "same line", 11, "below"));
        // lines 6 and 7 joined into 5: line 9 is now 7
        assertThat(EditorPane.shifted(marks, 5, -2)).isEqualTo(Map.of(2, "above", 5, "same line", 7, "below"));
        // lines 3 to 5 joined into 2: what was on 5 went with its line, 9 is now 6
        assertThat(EditorPane.shifted(marks, 2, -3)).isEqualTo(Map.of(2, "above", 6, "below"));
    }

    @Test
    void theFirstLinesOfATextAreShownWhileItOpens() {
        assertThat(EditorPane.firstLines("a\nb\nc\n", 2)).isEqualTo("a\nb");
        assertThat(EditorPane.firstLines("a\nb", 5)).isEqualTo("a\nb");
        assertThat(EditorPane.firstLines("", 3)).isEmpty();
    }

    @Test
    void aBigFileGoesInAfterItsFirstLinesInPiecesOfWholeLines() {
        String text = "a\nbb\nccc\n\ndd";   // 5 lines
        String preview = EditorPane.firstLines(text, 2);
        List<Integer> cuts = EditorPane.lineCuts(text, preview.length(), 2);
        assertThat(cuts).containsExactly(9, 12);   // "\nccc\n" (lines ccc and an empty one), then "\ndd"
        StringBuilder joined = new StringBuilder(preview);
        int from = preview.length();
        for (int cut : cuts) {
            String piece = text.substring(from, cut);
            assertThat(piece).startsWith("\n");
            assertThat(piece.chars().filter(c -> c == '\n').count()).isLessThanOrEqualTo(2);
            joined.append(piece);
            from = cut;
        }
        assertThat(joined.toString()).isEqualTo(text);
        assertThat(EditorPane.lineCuts(text, text.length(), 2)).containsExactly(text.length());
        assertThat(EditorPane.lineCuts("", 0, 2)).containsExactly(0);
        assertThat(EditorPane.lineCuts("x\ny\n", 0, 1)).containsExactly(1, 3, 4);
    }

    @Test
    void linesLeftToColourFollowTheEditsThatComeMeanwhile() {
        EditorPane.Stretch todo = new EditorPane.Stretch(100, 200);
        assertThat(todo.with(50, 60)).isEqualTo(new EditorPane.Stretch(50, 200));
        // two lines added at line 10, above the stretch: it moves down
        assertThat(todo.after(10, 12, 2, 1000)).isEqualTo(new EditorPane.Stretch(102, 202));
        // a line typed below it: it stays
        assertThat(todo.after(300, 300, 0, 1000)).isEqualTo(todo);
        // everything from line 0 deleted: nothing left to colour
        assertThat(todo.after(0, 0, -999, 1)).isEqualTo(new EditorPane.Stretch(0, 0));
        // lines 150-250 deleted (at 150, 100 lines fewer): the stretch ends at the edit
        assertThat(todo.after(150, 150, -100, 900)).isEqualTo(new EditorPane.Stretch(100, 150));
    }
}
