package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code berth} verbs that need no engine, on real files: what they print and how they exit. */
class CommandLineTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run berth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BerthCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path compose(String text) throws Exception {
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void validatePrintsEachProblemAtItsLineAndFailsOnErrors() throws Exception {
        Path file = compose("""
                services:
                  web:
                    imgae: nginx
                """);
        Run run = berth("-f", file.toString(), "validate");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(file + ":3:5: error:").contains("did you mean `image`");
    }

    @Test
    void validateAsJsonGivesFileLineColumnSeverityPathMessage() throws Exception {
        Path file = compose("""
                services:
                  web:
                    image: nginx
                    depends_on: [db]
                """);
        Run run = berth("-f", file.toString(), "validate", "--format", "json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("[").contains("\"line\":4").contains("\"severity\":\"error\"")
                .contains("\"file\":\"" + file + "\"").contains("db");
    }

    @Test
    void validOnesExitZeroAndConfigListsServices() throws Exception {
        Path file = compose("""
                services:
                  web:
                    image: nginx
                  cache:
                    image: redis
                """);
        assertThat(berth("-f", file.toString(), "validate").exitCode()).isZero();
        Run services = berth("-f", file.toString(), "config", "--services");
        assertThat(services.exitCode()).isZero();
        assertThat(services.out().lines()).containsExactlyInAnyOrder("web", "cache");
        Run yaml = berth("-f", file.toString(), "-p", "demo", "config");
        assertThat(yaml.out()).startsWith("name: demo").contains("image: redis");
    }

    @Test
    void aMissingFileIsNamedWithoutAStackTrace() {
        Path missing = dir.resolve("nope/compose.yaml");
        Run run = berth("-f", missing.toString(), "config");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(missing.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void upRefusesAProjectWithErrorsBeforeTouchingTheEngine() throws Exception {
        Path file = compose("""
                services:
                  web:
                    ports: ["80:80"]
                """);
        Run run = berth("-f", file.toString(), "up", "-d");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error").contains("fix").doesNotContain("\tat ");
    }

    @Test
    void anUnknownFormatIsRefusedWithTheChoices() throws Exception {
        Path file = compose("services: {web: {image: nginx}}\n");
        Run run = berth("-f", file.toString(), "config", "--format", "toml");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("yaml or json");
    }

    @Test
    void everyVerbAnswersHelpWithItsOwnUsage() {
        for (String verb : List.of("up", "down", "stop", "restart", "logs", "build", "config", "validate")) {
            Run run = berth(verb, "--help");
            assertThat(run.exitCode()).as(verb).isZero();
            assertThat(run.out()).as(verb).startsWith("Usage: berth " + verb);
        }
    }

    @Test
    void helpWithoutAVerbListsEveryVerb() {
        Run run = berth("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("config", "validate", "up", "down", "logs", "exec", "run", "ps", "pull");
    }

    @Test
    void anUnknownVerbIsRefusedNamingTheVerbs() {
        Run run = berth("-f", "compose.yaml", "uup");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("uup");
    }

    @Test
    void theVerbIsTheFirstWordAfterTheGlobalOptionsAndTheirValues() {
        assertThat(BerthCommand.verb("-f", "a.yaml", "-p", "shop", "--profile", "debug", "up", "-d")).isEqualTo("up");
        assertThat(BerthCommand.verb("--file=a.yaml", "--project-directory", "/tmp/x", "down", "-v")).isEqualTo("down");
        assertThat(BerthCommand.verb("--env-file", "up", "ps")).isEqualTo("ps");
        assertThat(BerthCommand.verb("--help")).isNull();
        assertThat(BerthCommand.verb()).isNull();
    }

    @Test
    void buildArgsAreKeyValueOrTakenFromTheEnvironmentAsDockerDoes() {
        assertThat(BuildCommand.buildArgs(List.of("A=1", "B=x=y", "C", "UNSET"), java.util.Map.of("C", "from-env")))
                .containsExactly(java.util.Map.entry("A", "1"), java.util.Map.entry("B", "x=y"),
                        java.util.Map.entry("C", "from-env"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BuildCommand.buildArgs(List.of("=1"), java.util.Map.of()))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("--build-arg takes KEY=VALUE or KEY");
    }
}
