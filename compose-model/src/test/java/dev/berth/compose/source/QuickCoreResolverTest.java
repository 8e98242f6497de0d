package dev.berth.compose.source;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** The quick resolver must resolve every plain scalar exactly as the core schema's own resolver does. */
class QuickCoreResolverTest {

    private final ScalarResolver core = new CoreSchema().getScalarResolver();
    private final ScalarResolver quick = new QuickCoreResolver(core);

    @Provide
    Arbitrary<String> scalars() {
        // the characters that matter to the core schema's rules, and some that do not
        Arbitrary<String> random = Arbitraries.strings().withChars("0123456789abcdefxoinINtrueTRUEFALSEnulNUL.+-_~<$:{}/ ")
                .ofMinLength(0).ofMaxLength(8);
        Arbitrary<String> known = Arbitraries.of("true", "True", "TRUE", "false", "FALSE", "null", "Null", "NULL", "~",
                "", "0", "-1", "+7", "0o17", "0x1F", "0xG", "1.5", ".5", "1e3", "1.2E-4", ".inf", "-.Inf", ".nan",
                ".NaN", "<<", "${VAR}", "8000:80", "nginx", "tru", "nulls", "on", "off", "yes", "no", "1_000", "08");
        return Arbitraries.oneOf(random, known);
    }

    @Property(tries = 3000)
    void agreesWithTheCoreSchema(@ForAll("scalars") String value) {
        assertThat(quick.resolve(value, true)).as(value).isEqualTo(core.resolve(value, true));
        assertThat(quick.resolve(value, false)).as(value).isEqualTo(core.resolve(value, false));
    }

    @Example
    void commonComposeValuesAreStringsAtOnce() {
        assertThat(quick.resolve("nginx:1.27", true)).isEqualTo(Tag.STR);
        assertThat(quick.resolve("8000:80", true)).isEqualTo(Tag.STR);
        assertThat(quick.resolve("8000", true)).isEqualTo(Tag.INT);
        assertThat(quick.resolve("true", true)).isEqualTo(Tag.BOOL);
    }
}
