package dev.berth.compose.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.bench.LargeProject;
import dev.berth.compose.diag.Diagnostics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The event way of {@link YamlReader} reads every file as the composing way does (same tree with positions,
 * diagnostics and merge tags), whether it reads the file itself or hands it over: on the shared corpus, the
 * test resources, generated projects, YAML mechanics it must hand over, and files broken at random.
 */
class EventTreeReaderTest {


    /** What one way of reading gave. */
    private record Read(Optional<YamlNode> tree, List<?> diagnostics, List<YamlTag> tags) {
    }

    private static Read eventWay(String text) {
        Diagnostics d = new Diagnostics();
        YamlReader reader = new YamlReader(d);
        Optional<YamlNode> tree = reader.read("compose.yaml", text);
        return new Read(tree, d.all(), reader.tags());
    }

    private static Read composingWay(String text) {
        Diagnostics d = new Diagnostics();
        YamlReader reader = new YamlReader(d);
        Optional<YamlNode> tree = reader.readComposing("compose.yaml", text);
        return new Read(tree, d.all(), reader.tags());
    }

    private static void assertSameRead(String text) {
        assertThat(eventWay(text)).as(text).isEqualTo(composingWay(text));
    }

    private static boolean readByEvents(String text) {
        return EventTreeReader.read("compose.yaml", text, org.snakeyaml.engine.v2.api.LoadSettings.builder()
                .setUseMarks(true).build()).isPresent();
    }

    @Test
    void everyCorpusAndResourceFileReadsAlike() throws IOException {
        List<String> texts = YamlTexts.all();
        int byEvents = 0;
        for (String text : texts) {
            assertSameRead(text);
            byEvents += readByEvents(text) ? 1 : 0;
        }
        assertThat(texts).isNotEmpty();
        assertThat(byEvents).as("files the event way read itself").isGreaterThan(0);
    }

    @Test
    void aGeneratedProjectIsReadByEventsAndAlike() {
        for (int services : new int[] {1, 7, 120}) {
            String text = LargeProject.text(services);
            assertThat(readByEvents(text)).isTrue();
            assertSameRead(text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "# only a comment\n",
            "---\n",
            "- a\n- b\n",
            "just text\n",
            "services: {}\n---\nservices: {}\n",
            "services:\n  web:\n    image: a\n    image: b\n    ports: [1, 2]\n",
            "services:\n  web:\n    image: a\n  web:\n    image: &x b\nx: *x\n",
            "services:\n  web:\n    image: a\n  web:\n    <<: {image: c}\n",
            "services:\n  web:\n    image: a\n  web:\n    {a: b}: c\n",
            "x-base: &base\n  image: busybox\nservices:\n  one:\n    <<: *base\n    image: alpine\n",
            "services:\n  one:\n    <<: {image: a}\n",
            "services:\n  one:\n    \"<<\": {image: a}\n",
            "services: !reset {}\nnetworks:\n  n: !override\n    driver: x\n",
            "services:\n  web:\n    ports: !reset []\n    environment: !override {A: b}\n    image: !reset null\n",
            "services:\n  web:\n    command: [!reset a, b]\n    labels: {x: !override y}\n",
            "!reset\nservices: {}\n",
            "a: !!int \"3\"\nb: !!str 3\nc: ! 3\nd: ! \"3\"\ne: !!float 1\nf: !!bool true\ng: !custom x\n",
            "a: 1\nb: 1.5\nc: true\nd: ~\ne:\nf: null\ng: 0x1F\nh: 0o17\ni: .inf\nj: -.nan\nk: +1\nl: 1e3\n",
            "\"[x]\": !reset a\n",
            "? [a, b]\n: c\n",
            "? a\n: b\n",
            "!!str a: b\n",
            "&a a: b\n",
            "a: &a [1, *a]\n",
            "a: *undefined\n",
            "services:\n  web:\n    image: \"unterminated\n",
            "services:\n\tweb: {}\n",
            "services:\n  web:\n    image: a: b\n",
            "%YAML 1.2\n---\nservices: {}\n...\n",
            "services:\n  web:\n    environment:\n      - A=1\n      - B\n    command: |\n      run\n      more\n",
            "k1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nk3: again\nk10: again\n",
            "a:\n  - b: 1\n    b: 2\n  - [x, {c: 1, c: 2}]\n",
    })
    void mechanicsAndErrorsReadAlike(String text) {
        assertSameRead(text);
    }

    @Test
    void theEventWayHandsOverWhatItDoesNotRead() {
        assertThat(readByEvents("x: &a 1\ny: *a\n")).isFalse();
        assertThat(readByEvents("x:\n  <<: {a: 1}\n")).isFalse();
        assertThat(readByEvents("a: b\n---\nc: d\n")).isFalse();
        assertThat(readByEvents("a: [b\n")).isFalse();
        assertThat(readByEvents("- a\n")).isFalse();
        assertThat(readByEvents("services:\n  web:\n    ports: !reset []\n")).isTrue();
    }

    /** A generated project or a corpus file with a few characters inserted or deleted at random places. */
    @Property(tries = 400)
    void filesBrokenAtRandomReadAlike(@ForAll("brokenFiles") String text) {
        assertSameRead(text);
    }

    @Provide
    Arbitrary<String> brokenFiles() throws IOException {
        List<String> bases = new ArrayList<>(YamlTexts.all().stream().filter(t -> t.length() < 20_000).toList());
        bases.add(LargeProject.text(3));
        Arbitrary<String> pieces = Arbitraries.of(":", " ", "  ", "\n", "-", "&a ", "*a", "<<: ", "!reset ", "'",
                "\"", "[", "]", "{", "}", ",", "#", "?", "|", ">", "\t", "x", "services", "image", "\n  ", "1");
        return Arbitraries.of(bases).flatMap(base -> Arbitraries.integers().between(0, base.length()).list()
                .ofMinSize(1).ofMaxSize(4).flatMap(places -> pieces.list().ofSize(places.size())
                        .map(inserted -> mutate(base, places, inserted))));
    }

    private static String mutate(String base, List<Integer> places, List<String> pieces) {
        StringBuilder sb = new StringBuilder(base);
        for (int i = 0; i < places.size(); i++) {
            int at = Math.min(places.get(i), sb.length());
            if (i % 2 == 1 && at < sb.length()) {
                sb.deleteCharAt(at); // every other change deletes a character instead
            } else {
                sb.insert(at, pieces.get(i));
            }
        }
        return sb.toString();
    }
}
