package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlReader;
import dev.berth.compose.source.YamlScalar;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private Optional<YamlNode> read(String yaml) {
        return new YamlReader(diagnostics).read("test.yaml", yaml);
    }

    @Test
    void expandsAnchorsAliasesAndMergeKeysWithExplicitKeysWinning() {
        YamlMap root = (YamlMap) read("""
                x-base: &base
                  image: busybox
                  restart: always
                x-more: &more
                  restart: "no"
                  user: nobody
                services:
                  one:
                    <<: *base
                    image: alpine
                  two:
                    <<: [*more, *base]
                    labels: &labels {a: b}
                  three:
                    labels: *labels
                """).orElseThrow();
        assertThat(diagnostics.all()).isEmpty();
        YamlMap services = (YamlMap) root.get("services");
        YamlMap one = (YamlMap) services.get("one");
        assertThat(((YamlScalar) one.get("image")).value()).isEqualTo("alpine");
        assertThat(((YamlScalar) one.get("restart")).value()).isEqualTo("always");
        assertThat(one.get("restart").position().line()).isEqualTo(3);
        YamlMap two = (YamlMap) services.get("two");
        assertThat(((YamlScalar) two.get("restart")).value()).isEqualTo("no");
        assertThat(two.keys()).containsExactlyInAnyOrder("restart", "user", "image", "labels");
        assertThat(((YamlMap) services.get("three")).get("labels")).isInstanceOf(YamlMap.class);
    }

    @Test
    void duplicateKeyIsAnErrorAtTheSecondKey() {
        read("""
                services:
                  web:
                    image: a
                    image: b
                """);
        assertThat(diagnostics.all()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.position().line()).isEqualTo(4);
            assertThat(d.position().column()).isEqualTo(5);
            assertThat(d.message()).contains("duplicate key `image`").contains("line 3");
        });
    }

    @Test
    void syntaxErrorPointsAtTheRealFault() {
        Optional<YamlNode> tree = read("""
                services:
                  web:
                    image: busybox
                    command: echo: hi
                """);
        assertThat(tree).isEmpty();
        assertThat(diagnostics.all()).singleElement().satisfies(d -> {
            assertThat(d.position().line()).isEqualTo(4);
            assertThat(d.position().column()).isEqualTo(18);
            assertThat(d.message()).startsWith("YAML syntax error: mapping values are not allowed here")
                    .contains("needs quotes");
        });
    }

    @Test
    void unclosedQuoteIsASyntaxError() {
        assertThat(read("services:\n  web:\n    image: \"busybox\n")).isEmpty();
        assertThat(diagnostics.all()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).startsWith("YAML syntax error");
            assertThat(d.position().line()).isGreaterThanOrEqualTo(3);
        });
    }

    @Test
    void refusesBillionLaughs() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 9; i++) {
            String prev = "*a" + (i - 1);
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        assertThat(read(yaml.toString())).isEmpty();
        assertThat(diagnostics.all()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).contains("alias bomb");
        });
    }

    @Test
    void refusesAManageableButHugeExpansion() {
        // few aliases (below snakeyaml's own limit) that still multiply: 10 levels of 2 → 2^10 * 1000 nodes
        StringBuilder yaml = new StringBuilder("a0: &a0 [" + "x, ".repeat(999) + "x]\n");
        for (int i = 1; i <= 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        assertThat(read(yaml.toString())).isEmpty();
        assertThat(diagnostics.all()).singleElement().satisfies(d -> assertThat(d.message()).contains("billion laughs"));
    }

    @Test
    void emptyFileSaysWhatToAdd() {
        assertThat(read("# nothing\n")).isEmpty();
        assertThat(diagnostics.all()).singleElement().satisfies(d -> assertThat(d.message()).contains("empty"));
    }

    @Test
    void scalarKindsFollowTheCoreSchema() {
        YamlMap root = (YamlMap) read("a: 1\nb: '1'\nc: true\nd: ~\ne: text\n").orElseThrow();
        assertThat(((YamlScalar) root.get("a")).kind()).isEqualTo(YamlScalar.Kind.INT);
        assertThat(((YamlScalar) root.get("b")).kind()).isEqualTo(YamlScalar.Kind.STRING);
        assertThat(((YamlScalar) root.get("c")).kind()).isEqualTo(YamlScalar.Kind.BOOL);
        assertThat(((YamlScalar) root.get("d")).isNull()).isTrue();
        assertThat(((YamlScalar) root.get("e")).kind()).isEqualTo(YamlScalar.Kind.STRING);
    }
}
