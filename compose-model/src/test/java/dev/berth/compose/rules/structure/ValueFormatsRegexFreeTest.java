package dev.berth.compose.rules.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.source.Position;
import dev.berth.compose.source.YamlScalar;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The restart policy and published port checks accept what the regular expressions they replaced accepted. */
class ValueFormatsRegexFreeTest {

    @Property(tries = 2000)
    void restartPolicies(@ForAll("policies") String text) {
        assertThat(ValueFormats.restart(YamlScalar.string(text, Position.UNKNOWN)).isEmpty())
                .isEqualTo(text.matches("no|always|unless-stopped|on-failure(:\\d+)?"));
    }

    @Property(tries = 2000)
    void publishedPorts(@ForAll("ports") String text) {
        String stripped = text.strip();
        boolean regex = stripped.isEmpty() || stripped.matches("\\d{1,5}(-\\d{1,5})?") && java.util.Arrays
                .stream(stripped.split("-")).mapToInt(Integer::parseInt).allMatch(p -> p >= 0 && p <= 65535);
        assertThat(ValueFormats.publishedPort(YamlScalar.string(text, Position.UNKNOWN)).isEmpty()).isEqualTo(regex);
    }

    @Provide
    Arbitrary<String> policies() {
        return Arbitraries.of("no", "always", "unless-stopped", "on-failure", ":", "1", "x", "-", "0")
                .list().ofMaxSize(3).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> ports() {
        return Arbitraries.strings().withChars("0123456789-a ").ofMaxLength(13);
    }
}
