package dev.berth.compose.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.LoadOptions;
import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.edit.ComposeDocument;
import dev.berth.compose.edit.LiveDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each fix is checked against the whole text after it: every byte outside the fixed place stays as it was. */
class QuickFixesTest {

    @TempDir
    Path dir;

    /** The real diagnostics of {@code text} (loaded as the project's compose.yaml) at {@code line}, with their fixes. */
    private List<QuickFix> fixesAt(String text, int line) throws IOException {
        Path file = Files.writeString(dir.resolve("compose.yaml"), text);
        LiveDocument live = LiveDocument.open(LoadOptions.discover(dir, Map.of()), file, text);
        ComposeDocument document = ComposeDocument.of(file.toString(), text);
        List<Diagnostic> here = live.diagnostics().stream().filter(d -> d.position().line() == line).toList();
        assertThat(here).as("diagnostics at line %d of%n%s%nall: %s", line, text, live.diagnostics()).isNotEmpty();
        return here.stream().flatMap(d -> QuickFixes.of(document, d).stream()).toList();
    }

    @Test
    void aMisspeltKeyIsRenamedAndNothingElseChanges() throws IOException {
        String text = """
                # the shop
                services:
                  web:
                    image: nginx   # pinned later
                    enviroment:
                      MODE: prod   # keep
                """;
        List<QuickFix> fixes = fixesAt(text, 5);
        assertThat(fixes).extracting(QuickFix::title).containsExactly("Change `enviroment` to `environment`");
        assertThat(fixes.getFirst().applyTo(text)).isEqualTo("""
                # the shop
                services:
                  web:
                    image: nginx   # pinned later
                    environment:
                      MODE: prod   # keep
                """);
    }

    @Test
    void aMisspeltKeyKeepsCrlfAndItsQuotes() throws IOException {
        String text = "services:\r\n  web:\r\n    image: nginx\r\n    \"restrat\": always # r\r\n";
        List<QuickFix> fixes = fixesAt(text, 4);
        assertThat(fixes).hasSize(1);
        assertThat(fixes.getFirst().applyTo(text))
                .isEqualTo("services:\r\n  web:\r\n    image: nginx\r\n    \"restart\": always # r\r\n");
    }

    @Test
    void anUndefinedNetworkIsDefinedAtTheEndOfItsSection() throws IOException {
        String text = """
                services:
                  api:
                    image: nginx
                    networks: [front, backend]
                networks:
                  front: {}   # public side
                # volumes come later
                """;
        List<QuickFix> fixes = fixesAt(text, 4);
        assertThat(fixes).extracting(QuickFix::title).containsExactly("Define network `backend`");
        assertThat(fixes.getFirst().applyTo(text)).isEqualTo("""
                services:
                  api:
                    image: nginx
                    networks: [front, backend]
                networks:
                  front: {}   # public side
                  backend: {}
                # volumes come later
                """);
    }

    @Test
    void anUndefinedVolumeGetsATopLevelSection() throws IOException {
        String text = """
                services:
                  db:
                    image: postgres
                    volumes:
                      - pgdata:/var/lib/postgresql/data   # the data
                """;
        List<QuickFix> fixes = fixesAt(text, 5);
        assertThat(fixes).extracting(QuickFix::title).containsExactly("Define volume `pgdata`");
        assertThat(fixes.getFirst().applyTo(text)).isEqualTo("""
                services:
                  db:
                    image: postgres
                    volumes:
                      - pgdata:/var/lib/postgresql/data   # the data
                volumes:
                  pgdata: {}
                """);
    }

    @Test
    void anUndefinedSecretIsDefinedFromAFile() throws IOException {
        String text = """
                services:
                  api:
                    image: nginx
                    secrets:
                      - token
                """;
        List<QuickFix> fixes = fixesAt(text, 5);
        assertThat(fixes).extracting(QuickFix::title).containsExactly("Define secret `token` (read from ./token.txt)");
        assertThat(fixes.getFirst().applyTo(text)).isEqualTo("""
                services:
                  api:
                    image: nginx
                    secrets:
                      - token
                secrets:
                  token:
                    file: ./token.txt
                """);
    }

    @Test
    void aClashingHostPortMovesToTheNextPortNoServicePublishes() throws IOException {
        String text = """
                services:
                  web:
                    image: nginx
                    ports:
                      - "127.0.0.1:8000:80"   # the site
                  admin:
                    image: nginx
                    ports:
                      - "127.0.0.1:8001:80"
                  api:
                    image: nginx
                    ports:
                      - "127.0.0.1:8000:8080"   # clashes with web
                """;
        List<QuickFix> fixes = fixesAt(text, 13);
        assertThat(fixes).extracting(QuickFix::title)
                .containsExactly("Change host port 8000 → 8002 (8000 is also published by `web`)");
        assertThat(fixes.getFirst().applyTo(text)).isEqualTo(text.replace("8000:8080", "8002:8080"));
    }

    @Test
    void aClashInLongSyntaxKeepsTheNumberUnquoted() throws IOException {
        String text = """
                services:
                  web:
                    image: nginx
                    ports: ["8000:80"]
                  api:
                    image: nginx
                    ports:
                      - target: 8080
                        published: 8000
                        host_ip: 127.0.0.1
                """;
        List<QuickFix> fixes = fixesAt(text, 8);
        assertThat(fixes).extracting(QuickFix::title)
                .containsExactly("Change host port 8000 → 8001 (8000 is also published by `web`)");
        assertThat(fixes.getFirst().applyTo(text)).isEqualTo(text.replace("published: 8000", "published: 8001"));
    }

    @Test
    void aProblemWithoutAKnownFixGetsNone() throws IOException {
        String text = """
                services:
                  web:
                    image: nginx
                    zzzzzzzz: 1
                """;
        assertThat(fixesAt(text, 4)).isEmpty();
    }

    @Test
    void aDiagnosticFromAnOlderTextGetsNoFixWhenItsPlaceHoldsSomethingElse() throws IOException {
        String text = """
                services:
                  web:
                    image: nginx
                    enviroment: {}
                """;
        Path file = Files.writeString(dir.resolve("compose.yaml"), text);
        Diagnostic stale = LiveDocument.open(LoadOptions.discover(dir, Map.of()), file, text).diagnostics().getFirst();
        String now = text.replace("    enviroment: {}\n", "");
        assertThat(QuickFixes.of(ComposeDocument.of(file.toString(), now), stale)).isEmpty();
    }
}
