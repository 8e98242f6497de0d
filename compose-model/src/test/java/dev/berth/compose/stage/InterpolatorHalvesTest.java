package dev.berth.compose.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.bench.LargeProject;
import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlReader;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A large services: mapping interpolated in two halves gives the tree and the diagnostics (in order) of one walk. */
class InterpolatorHalvesTest {

    private static final List<String> VALUES = List.of("${HOME}", "${UNSET}", "$${literal}", "${", "${:x}",
            "${REQUIRED:?needed here}", "${HOME:+set}", "${EMPTY:-fallback}", "${X!}", "plain", "$HOME/$UNSET");

    @Property(tries = 25)
    void halvesAreOneWalk(@ForAll @IntRange(min = Interpolator.HALVES_FROM, max = 420) int services,
                          @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 419) Integer> touched,
                          @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 10) Integer> values) {
        String text = LargeProject.text(services);
        for (int i = 0; i < Math.min(touched.size(), values.size()); i++) {
            int at = touched.get(i) % services;
            text = text.replace("      MODE: prod\n      INDEX: \"" + at + "\"\n",
                    "      MODE: \"" + VALUES.get(values.get(i)) + "\"\n      INDEX: \"" + at + "\"\n");
        }
        YamlMap root = (YamlMap) new YamlReader(new Diagnostics()).read("compose.yaml", text).orElseThrow();
        Map<String, String> variables = Map.of("HOME", "/home/tester", "EMPTY", "");
        Diagnostics inHalves = new Diagnostics();
        Diagnostics inOne = new Diagnostics();
        YamlMap halves = new Interpolator(variables, inHalves).interpolateFile(root);
        YamlMap one = (YamlMap) new Interpolator(variables, inOne).interpolate(root);
        assertThat(halves).isEqualTo(one);
        assertThat(inHalves.all()).isEqualTo(inOne.all());
    }

    @Property(tries = 5)
    void aFileWithoutDollarsComesBackAsItWas(@ForAll @IntRange(min = 256, max = 300) int services) {
        YamlMap root = (YamlMap) new YamlReader(new Diagnostics())
                .read("compose.yaml", LargeProject.text(services).replace("${HOME:-/root}", "/root")).orElseThrow();
        assertThat(new Interpolator(Map.of(), new Diagnostics()).interpolateFile(root)).isSameAs(root);
    }
}
