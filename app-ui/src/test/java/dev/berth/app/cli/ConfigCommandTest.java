package dev.berth.app.cli;

import static dev.berth.app.cli.CommandLineTest.berth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.cli.CommandLineTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth config} and its listing flags, as {@code docker compose config} prints them. */
class ConfigCommandTest {

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void writeProject() throws Exception {
        file = dir.resolve("compose.yaml");
        Files.writeString(file, """
                services:
                  web:
                    image: nginx:1.27
                  api:
                    build: .
                  debug:
                    image: busybox
                    profiles: [debug, tools]
                  seed:
                    image: postgres
                    profiles: [data]
                volumes:
                  data:
                """);
    }

    @Test
    void profilesListsEveryProfileNamedEvenWhenInactive() {
        Run run = berth("-f", file.toString(), "config", "--profiles");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).containsExactly("data", "debug", "tools");
    }

    @Test
    void imagesNamesBuiltServicesAfterTheProject() {
        Run run = berth("-f", file.toString(), "-p", "demo", "config", "--images");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).containsExactly("demo-api", "nginx:1.27");
    }

    @Test
    void hashPrintsOneLinePerServiceAndRefusesUnknownOnes() {
        Run all = berth("-f", file.toString(), "config", "--hash", "*");
        assertThat(all.out().lines()).hasSize(2).allMatch(l -> l.matches("(api|web) [0-9a-f]{64}"));
        Run one = berth("-f", file.toString(), "config", "--hash", "web");
        assertThat(one.out().lines()).containsExactly(all.out().lines().filter(l -> l.startsWith("web ")).findFirst()
                .orElseThrow());
        Run unknown = berth("-f", file.toString(), "config", "--hash", "nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no service 'nope'").doesNotContain("\tat ");
    }

    @Test
    void volumesAndJson() {
        assertThat(berth("-f", file.toString(), "config", "--volumes").out().lines()).containsExactly("data");
        assertThat(berth("-f", file.toString(), "config", "--format", "json").out()).startsWith("{")
                .contains("\"services\"");
    }

    @Test
    void quietOnlyValidatesNetworksAreListedAndOutputGoesToAFile() throws Exception {
        Run quiet = berth("-f", file.toString(), "config", "-q");
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.out()).isEmpty();
        assertThat(berth("-f", file.toString(), "config", "--networks").out().lines()).containsExactly("default");

        Path saved = file.resolveSibling("resolved.yaml");
        Run toFile = berth("-f", file.toString(), "config", "-o", saved.toString());
        assertThat(toFile.exitCode()).as(toFile.err()).isZero();
        assertThat(toFile.out()).isEmpty();
        assertThat(Files.readString(saved)).isEqualTo(berth("-f", file.toString(), "config").out());

        // a file with errors: -q says so, and -o keeps what the file held
        Path broken = file.resolveSibling("broken.yaml");
        Files.writeString(broken, "services:\n  web:\n    image: [nginx\n");
        Run bad = berth("-f", broken.toString(), "config", "-q");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("broken.yaml:").contains("YAML syntax error");
        Run keep = berth("-f", broken.toString(), "config", "-o", saved.toString());
        assertThat(keep.exitCode()).isEqualTo(1);
        assertThat(Files.readString(saved)).contains("services:");
    }
}
