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
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A file read in two parts is read as in one piece (the composing way is the oracle): at every cut of
 * generated projects and of the shared corpus, in files broken at random, and where the cut would be wrong.
 */
class ServicesSplitTest {

    private static final String FILE = "compose.yaml";
    private static final LoadSettings SETTINGS = YamlReader.settings(FILE);

    /** The two-part read at the cut nearest after {@code near}, if one is made and both parts are read. */
    private static Optional<EventTreeReader.Result> split(String text, int near) {
        return ServicesSplit.cut(text, near).flatMap(cut -> ServicesSplit.read(FILE, text, SETTINGS, cut));
    }

    /** The split read, when there is one, equals the composing way's; true when there was one. */
    private static boolean splitReadsAlike(String text, int near) {
        Optional<EventTreeReader.Result> split = split(text, near);
        if (split.isEmpty()) {
            return false;
        }
        Diagnostics diagnostics = new Diagnostics();
        YamlReader reader = new YamlReader(diagnostics);
        Optional<YamlNode> whole = reader.readComposing(FILE, text);
        assertThat(split.get().diagnostics()).isEmpty();
        assertThat(diagnostics.all()).as(text).isEmpty();
        assertThat(Optional.<YamlNode>of(split.get().root())).as(text).isEqualTo(whole);
        assertThat(split.get().tags()).as(text).isEqualTo(reader.tags());
        return true;
    }

    private static List<Integer> lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts.add(i + 1);
        }
        return starts;
    }

    @Test
    void aLargeProjectIsReadInTwoPartsAndAlike() {
        String text = LargeProject.text(1000);
        assertThat(text.length()).isGreaterThan(ServicesSplit.SPLIT_FROM);
        assertThat(ServicesSplit.read(FILE, text, SETTINGS)).isPresent();
        assertThat(splitReadsAlike(text, text.length() / 2)).isTrue();
        Diagnostics diagnostics = new Diagnostics();
        assertThat(new YamlReader(diagnostics).read(FILE, text))
                .isEqualTo(new YamlReader(new Diagnostics()).readComposing(FILE, text));
    }

    @Test
    void everyCutOfAGeneratedProjectReadsAlike() {
        String text = LargeProject.text(12).replace("    restart: always\n", "    restart: !reset always\n")
                .replace("    labels:\n", "    labels: !override\n");
        int cuts = 0;
        for (int near : lineStarts(text)) {
            cuts += splitReadsAlike(text, near) ? 1 : 0;
        }
        assertThat(cuts).isGreaterThan(5);
    }

    @Test
    void everyCutOfEveryCorpusFileReadsAlike() throws IOException {
        int cuts = 0;
        for (String text : YamlTexts.all()) {
            List<Integer> starts = lineStarts(text);
            for (int i = 0; i < starts.size(); i += 1 + starts.size() / 300) {
                cuts += splitReadsAlike(text, starts.get(i)) ? 1 : 0;
            }
        }
        assertThat(cuts).isGreaterThan(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "x: \"a\nservices:\n  a:\n    image: x\n  b:\n    image: y\n\"\n",
            "x: [\nservices:\n  a:\n    image: x\n  b:\n    image: y\n]\n",
            "services:\n  a:\n    command: [x,\n  b:\n    ]\n  c:\n    image: y\n",
            "services:\n  a:\n    command: \"x\n  b:\n    \"\n  c:\n    image: y\n",
            "services:\n  a:\n    command: |\n      x\n  b:\n    image: y\n",
            "services:\n  a:\n    command: |+\n      x\n\n\n  b:\n    image: y\n",
            "services:\n  a:\n    command: >-\n      x\n      y\n\n  b:\n    image: y\n",
            "services:\n  a:\n    image: x\n  b:\n    image: y\n  a:\n    image: z\n",
            "name: p\nservices:\n  a:\n    image: x\n  b:\n    image: y\nname: q\n",
            "services:\n  a:\n    image: x\n  b:\n    image: y\n    image: z\n",
            "services:\n  a:\n    image: &i x\n  b:\n    image: *i\n",
            "services:\n  a:\n    image: x\n  b:\n    image: y\n---\nservices: {}\n",
            "services:\n  a:\n    image: x\n  b:\n    image: y\n...\n",
            "services:\n  a:\n    image: x\n  b:\n    ports: !reset []\nnetworks: !override {}\n",
            "services: # the apps\n  # first\n  a:\n    image: x\n  b:\n    image: y\nvolumes: {}\n",
            "services:\n  a:\n  - x\n  b:\n    image: y\n",
            "services:\n    a:\n        image: x\n    b:\n        image: y\n",
            "services:\n  a:\n    b:\n      image: x\n    c:\n      image: y\n",
            "services:\r\n  a:\r\n    image: x\r\n  b:\r\n    image: y\r\n",
            "services: |\n  a:\n  b:\n",
            "%YAML 1.2\n---\nservices:\n  a:\n    image: x\n  b:\n    image: y\n",
            "---\nservices:\n  a:\n    image: x\n  b:\n    image: y\n",
            "services:\n  a:\n    image: x\n  b:\n    image: y\nservices:\n  c: {}\n",
            "x: |\n  services:\n    a: {}\n    b: {}\nservices:\n  a:\n    image: x\n  b:\n    image: y\n",
            "services:\n  a:\n    image: x\n  ? b\n  : image: y\n  c:\n    image: z\n",
            "services:\n  a:\n    image: x\n\tb:\n    image: y\n",
            "services:\n  a: x\n  b: y\n  c: z\n",
            "services:\n  a:\n    image: x\n  b:\n    image: y\nx-a: &a 1\nx-b: *a\n",
            "services:\n  a:\n    image: x\r    user: y\n  b:\n    image: y\n",
            "services:\n  a:\n    image: \"x\u2028y\"\n    user: \"a\u0085b\"\n  b:\n    image: y\n",
            "services:\n  a:\n    image: x\u2028    user: y\n  b:\n    image: y\n",
    })
    void awkwardFilesAreCutRightOrNotAtAll(String text) {
        for (int near : lineStarts(text)) {
            splitReadsAlike(text, near);
        }
    }

    @Test
    void cutsOnlyWhereAServiceKeyStarts() {
        assertThat(split("x: \"a\nservices:\n  a:\n    image: x\n  b:\n    image: y\n\"\n", 0)).isEmpty();
        assertThat(split("services:\n  a:\n    command: [x,\n  b:\n    ]\n", 0)).isEmpty();
        assertThat(split("services: |\n  a:\n  b:\n", 0)).isEmpty();
        assertThat(split("services:\n  a:\n    image: x\r    user: y\n  b:\n    image: y\n", 0)).isEmpty();
        assertThat(split("services:\n  a:\n    image: x\n  b:\n    image: y\n", 0)).isPresent();
    }

    /** Generated projects and corpus files with a few characters inserted or deleted, cut at a random line. */
    @Property(tries = 300)
    void filesBrokenAtRandomAreCutRightOrNotAtAll(@ForAll("brokenFiles") String text,
                                                  @ForAll("fractions") double where) {
        splitReadsAlike(text, (int) (text.length() * where));
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<String> brokenFiles() throws IOException {
        List<String> bases = new ArrayList<>(YamlTexts.all().stream().filter(t -> t.length() < 20_000).toList());
        bases.add(LargeProject.text(4));
        bases.add(LargeProject.text(4));
        Arbitrary<String> pieces = Arbitraries.of(":", " ", "  ", "\n", "-", "&a ", "*a", "<<: ", "!reset ", "'",
                "\"", "[", "]", "{", "}", ",", "#", "?", "|", ">", "\t", "x", "\n  svc1:\n", "\n  x:\n", "  ");
        return Arbitraries.of(bases).flatMap(base -> Arbitraries.integers().between(0, base.length()).list()
                .ofMinSize(1).ofMaxSize(3).flatMap(places -> pieces.list().ofSize(places.size())
                        .map(inserted -> mutate(base, places, inserted))));
    }

    private static String mutate(String base, List<Integer> places, List<String> pieces) {
        StringBuilder sb = new StringBuilder(base);
        for (int i = 0; i < places.size(); i++) {
            int at = Math.min(places.get(i), sb.length());
            if (i % 2 == 1 && at < sb.length()) {
                sb.deleteCharAt(at);
            } else {
                sb.insert(at, pieces.get(i));
            }
        }
        return sb.toString();
    }

}
