package dev.berth.compose.edit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test files under src/test/resources/edit, read byte for byte (CRLF and missing newlines kept). */
final class Fixtures {

    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/edit/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test file /edit/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ComposeDocument doc(String name) {
        return ComposeDocument.of(name, text(name));
    }
}
