package dev.berth.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlHighlighterTest {

    /** Each span as {@code style:text}, so the expectations read like the line. */
    private static List<String> spans(String line) {
        return YamlHighlighter.line(line).stream()
                .map(s -> s.style().substring("yaml-".length()) + ":" + line.substring(s.start(), s.end())).toList();
    }

    @Test
    void keysValuesAndComments() {
        assertThat(spans("    image: \"nginx:1.27\"   # pinned"))
                .containsExactly("key:image", "punctuation::", "string:\"nginx:1.27\"", "comment:# pinned");
        assertThat(spans("    retries: 3")).containsExactly("key:retries", "punctuation::", "number:3");
        assertThat(spans("    init: true")).containsExactly("key:init", "punctuation::", "constant:true");
        assertThat(spans("# a whole comment line")).containsExactly("comment:# a whole comment line");
    }

    @Test
    void plainValuesWithColonsAndHashesStayOneValue() {
        assertThat(spans("      - 127.0.0.1:8000:80")).containsExactly("punctuation:-");
        assertThat(spans("    command: echo a#b")).containsExactly("key:command", "punctuation::");
    }

    @Test
    void anchorsAliasesAndTags() {
        assertThat(spans("x-base: &base")).containsExactly("key:x-base", "punctuation::", "anchor:&base");
        assertThat(spans("  <<: *base")).containsExactly("key:<<", "punctuation::", "anchor:*base");
        assertThat(spans("    ports: !reset []"))
                .containsExactly("key:ports", "punctuation::", "tag:!reset", "punctuation:[", "punctuation:]");
    }

    @Test
    void flowCollectionsHaveKeysAndItems() {
        assertThat(spans("    options: {max-size: 10m, n: 2}")).containsExactly("key:options", "punctuation::",
                "punctuation:{", "key:max-size", "punctuation::", "punctuation:,", "key:n", "punctuation::",
                "number:2", "punctuation:}");
        assertThat(spans("    test: [\"CMD\", 'a''b']")).containsExactly("key:test", "punctuation::", "punctuation:[",
                "string:\"CMD\"", "punctuation:,", "string:'a''b'", "punctuation:]");
    }

    @Test
    void quotedKeysAreKeys() {
        assertThat(spans("  \"my.app\": {}")).containsExactly("key:\"my.app\"", "punctuation::", "punctuation:{",
                "punctuation:}");
    }

    @Test
    void anUnclosedQuoteRunsToTheEndOfTheLine() {
        assertThat(spans("    image: \"ngin")).containsExactly("key:image", "punctuation::", "string:\"ngin");
    }

    @Test
    void stylesCoverTheLineWithProblemsOnTop() {
        var styles = EditorStyles.paragraph("    enviroment: x", List.of(new EditorStyles.Mark(4, 14, true)));
        List<String> parts = new java.util.ArrayList<>();
        int at = 0;
        for (var span : styles) {
            parts.add("    enviroment: x".substring(at, at + span.getLength()) + "=" + span.getStyle());
            at += span.getLength();
        }
        assertThat(at).isEqualTo("    enviroment: x".length());
        assertThat(parts).containsExactly("    =[]", "enviroment=[yaml-key, problem-error]", ":=[yaml-punctuation]",
                " x=[]");
    }
}
