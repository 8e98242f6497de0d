package dev.berth.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.source.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemRangeTest {

    private static final String TEXT = """
            services:
              web:
                enviroment:   # typo
                ports:
                  - "8000:80"
                  - target: 443
                networks: [front, back]
                image: nginx:1.27 # pinned
                command:
              caf\u00e9:
                image: x
            """;

    /** The underlined text for a problem at a line and column. */
    private static String underlined(int line, int column) {
        TextLines lines = TextLines.of(TEXT);
        ProblemRange r = ProblemRange.at(lines, line, lines.offset(new Position("f", line, column)));
        return TEXT.substring(r.start(), r.end());
    }

    @Test
    void aKeyIsUnderlinedToItsColon() {
        assertThat(underlined(3, 5)).isEqualTo("enviroment");
    }

    @Test
    void aQuotedScalarToItsClosingQuote() {
        assertThat(underlined(5, 9)).isEqualTo("\"8000:80\"");
    }

    @Test
    void aMappingItemByItsFirstKey() {
        assertThat(underlined(6, 9)).isEqualTo("target");
    }

    @Test
    void aFlowCollectionToItsBracketAndAnItemInIt() {
        assertThat(underlined(7, 15)).isEqualTo("[front, back]");
        assertThat(underlined(7, 23)).isEqualTo("back]");
    }

    @Test
    void aPlainValueToTheLineEndWithoutItsComment() {
        assertThat(underlined(8, 12)).isEqualTo("nginx:1.27");
    }

    @Test
    void aPositionAtALineEndMarksTheCharacterBeforeIt() {
        assertThat(underlined(9, 13)).isEqualTo(":");
    }

    @Test
    void columnsCountCodePointsAsTheParserDoes() {
        String text = "x: \"\uD83D\uDE00\"  y\nz: 1\n";
        TextLines lines = TextLines.of(text);
        // the parser counts the emoji as one column: `y` is column 9
        int offset = lines.offset(new Position("f", 1, 9));
        assertThat(text.charAt(offset)).isEqualTo('y');
    }

    @Test
    void problemsOfOtherFilesHaveNoRangeAndComeLast() {
        List<Problem> problems = LiveValidation.problems(TEXT, List.of(
                Diagnostic.error(new Position("/other/base.yaml", 2, 3), "services.x", "in another file"),
                Diagnostic.warning(new Position("/p/compose.yaml", 8, 12), "services.web.image", "warning here"),
                Diagnostic.error(new Position("/p/compose.yaml", 3, 5), "services.web.enviroment", "error here")),
                "/p/compose.yaml");
        assertThat(problems).extracting(p -> p.diagnostic().message())
                .containsExactly("error here", "warning here", "in another file");
        assertThat(problems.getLast().isInThisFile()).isFalse();
        assertThat(problems.getFirst().line()).isEqualTo(3);
        assertThat(problems.getFirst().where()).isEqualTo("compose.yaml:3");
    }
}
