package dev.berth.compose;

import static dev.berth.compose.Projects.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.diag.Severity;
import dev.berth.compose.source.Position;
import dev.berth.compose.stage.Interpolator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterpolationTest {

    private static final Map<String, String> VARS = Map.of("SET", "value", "EMPTY", "", "B", "bee");
    private static final Position AT = new Position("f.yaml", 3, 7);

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "$SET                  | value",
            "${SET}                | value",
            "pre-${SET}-post       | pre-value-post",
            "${UNSET:-dflt}        | dflt",
            "${EMPTY:-dflt}        | dflt",
            "${EMPTY-dflt}         | ''",
            "${UNSET-dflt}         | dflt",
            "${SET:-dflt}          | value",
            "${SET:+alt}           | alt",
            "${EMPTY:+alt}         | ''",
            "${EMPTY+alt}          | alt",
            "${UNSET+alt}          | ''",
            "${UNSET:-${B}}        | bee",
            "${UNSET:-x${UNSET2:-y}z} | xyz",
            "$$SET                 | $SET",
            "cost $$5 and $ alone  | cost $5 and $ alone",
            "${SET:?must be set}   | value",
    })
    void substitutesEveryForm(String template, String expected) {
        Diagnostics d = new Diagnostics();
        String result = new Interpolator(VARS, d).substitute(template.strip(), AT, "x");
        assertThat(result).isEqualTo(expected.equals("''") ? "" : expected);
        assertThat(d.all()).isEmpty();
    }

    @Test
    void unsetVariableWarnsAndBecomesBlank() {
        Diagnostics d = new Diagnostics();
        assertThat(new Interpolator(VARS, d).substitute("a${NOPE}b", AT, "services.web.image")).isEqualTo("ab");
        assertThat(d.all()).containsExactly(new Diagnostic(Severity.WARNING, AT, "services.web.image",
                "The \"NOPE\" variable is not set. Defaulting to a blank string."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "${NOPE:?tell me why} | required variable NOPE is missing a value: tell me why",
            "${EMPTY:?empty}      | required variable EMPTY is missing a value: empty",
            "${NOPE?gone}         | required variable NOPE is missing a value: gone",
            "${SET                | `${` is never closed",
            "${}                  | does not start with a variable name",
            "${1X}                | does not start with a variable name",
            "${SET!x}             | supported forms are",
    })
    void reportsRequiredAndMalformedAsErrorsAtTheScalar(String template, String message) {
        Diagnostics d = new Diagnostics();
        new Interpolator(VARS, d).substitute(template.strip(), AT, "x");
        assertThat(d.all()).singleElement().satisfies(diag -> {
            assertThat(diag.isError()).isTrue();
            assertThat(diag.position()).isEqualTo(AT);
            assertThat(diag.message()).contains(message.strip());
        });
    }

    @Test
    void emptyValueWithQuestionMarkOnlyIsFine() {
        Diagnostics d = new Diagnostics();
        assertThat(new Interpolator(VARS, d).substitute("${EMPTY?x}", AT, "x")).isEmpty();
        assertThat(d.all()).isEmpty();
    }

    @Test
    void processEnvironmentWinsOverDotEnvAndKeysAreNotInterpolated(@TempDir Path dir) {
        write(dir, ".env", "TAG=fromdotenv\nONLY_DOTENV=dot\n");
        write(dir, "compose.yaml", """
                services:
                  app:
                    image: "busybox:${TAG}"
                    environment:
                      $${KEY}: ${ONLY_DOTENV}
                    labels:
                      - "x=${MISSING}"
                """);
        LoadResult result = ComposeLoader.load(LoadOptions.builder(dir).env("TAG", "fromprocess").build());

        assertThat(result.project().service("app").image()).isEqualTo("busybox:fromprocess");
        assertThat(result.project().service("app").environment()).containsEntry("$${KEY}", "dot");
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.position().line()).isEqualTo(7);
            assertThat(d.position().column()).isEqualTo(9);
        });
    }
}
