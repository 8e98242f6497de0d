package dev.berth.compose.stage;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** {@link Digits} answers as the regular expressions it replaces. */
class DigitsTest {

    @Property(tries = 2000)
    void answersAsTheRegularExpressions(@ForAll @Chars({'0', '1', '5', '9', '-', 'a', ' ', '٣', ':'})
                                        @StringLength(max = 8) String text) {
        assertThat(Digits.only(text)).isEqualTo(text.matches("\\d+"));
        assertThat(Digits.signed(text)).isEqualTo(text.matches("-?\\d+"));
        assertThat(Digits.atMost(text, 5)).isEqualTo(text.matches("\\d{1,5}"));
    }
}
