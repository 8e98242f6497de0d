package dev.berth.app.cli;

import static dev.berth.app.cli.TrainingWheelsCliTest.berth;
import static dev.berth.app.cli.TrainingWheelsCliTest.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.cli.TrainingWheelsCliTest.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code COMPOSE_REMOVE_ORPHANS} and {@code COMPOSE_IGNORE_ORPHANS}, as v2 reads them: the first, from the process
 * environment, is {@code --remove-orphans}' default on up and down; the second, from the project's environment (here
 * its .env file), keeps up from even warning about the containers of services the file no longer defines.
 */
@Tag("engine")
class OrphanSettingsCliTest {
    final String project = "berthit-" + UUID.randomUUID().toString().substring(0, 8);
    Path dir;
    String compose;

    @BeforeEach
    void startTwoServicesThenForgetOne() throws Exception {
        dir = Files.createTempDirectory("berthit-orphans");
        compose = dir.resolve("compose.yaml").toString();
        String service = """
                  %s:
                    image: berth-sample/busybox:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"]
                """;
        Files.writeString(Path.of(compose), "name: " + project + "\nservices:\n" + service.formatted("kept")
                + service.formatted("gone"));
        Run up = berth("-f", compose, "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        Files.writeString(Path.of(compose), "name: " + project + "\nservices:\n" + service.formatted("kept"));
    }

    @AfterEach
    void removeProject() {
        for (String left : docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + project).split("\\s+")) {
            if (!left.isBlank()) {
                docker("rm", "-f", left);
            }
        }
        docker("network", "rm", project + "_default");
    }

    String containers() {
        return docker("ps", "-a", "--format", "{{.Names}}", "--filter", "label=com.docker.compose.project=" + project);
    }

    /** {@code berth ARGS} in a JVM of its own, with {@code env} added to this one's environment. */
    Run inItsOwnJvm(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-f", compose));
        command.addAll(List.of(args));
        ProcessBuilder builder = TrainingWheelsCliTest.berthInItsOwnJvm(command.toArray(String[]::new))
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), output, output);
    }

    @Test
    void withoutSettingsUpWarnsAndKeepsTheOrphan() {
        Run up = berth("-f", compose, "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out() + up.err()).contains("Found orphan containers (" + project + "-gone-1)");
        assertThat(containers()).contains(project + "-gone-1");
    }

    @Test
    void removeOrphansFromTheEnvironmentRemovesThemOnUp() throws Exception {
        Run up = inItsOwnJvm(Map.of("COMPOSE_REMOVE_ORPHANS", "1"), "up", "-d");
        assertThat(up.exitCode()).as(up.out()).isZero();
        assertThat(containers()).contains(project + "-kept-1").doesNotContain(project + "-gone-1");
    }

    @Test
    void theFlagWinsOverTheEnvironmentAsInV2() throws Exception {
        Run up = inItsOwnJvm(Map.of("COMPOSE_REMOVE_ORPHANS", "true"), "up", "-d", "--remove-orphans=false");
        assertThat(up.exitCode()).as(up.out()).isZero();
        assertThat(containers()).contains(project + "-gone-1");
    }

    @Test
    void removeOrphansInDotEnvIsNotReadAsV2DoesNot() throws Exception {
        Files.writeString(dir.resolve(".env"), "COMPOSE_REMOVE_ORPHANS=1\n");
        Run up = berth("-f", compose, "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(containers()).contains(project + "-gone-1");
    }

    @Test
    void removeOrphansFromTheEnvironmentRemovesThemOnDown() throws Exception {
        Run down = inItsOwnJvm(Map.of("COMPOSE_REMOVE_ORPHANS", "t"), "down", "-t", "0");
        assertThat(down.exitCode()).as(down.out()).isZero();
        assertThat(containers()).isEmpty();
    }

    @Test
    void ignoreOrphansInDotEnvSilencesTheWarning() throws Exception {
        Files.writeString(dir.resolve(".env"), "COMPOSE_IGNORE_ORPHANS=True\n");
        Run up = berth("-f", compose, "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out() + up.err()).doesNotContain("orphan");
        assertThat(containers()).contains(project + "-gone-1");
    }

    @Test
    void ignoringAndRemovingOrphansTogetherIsRefused() throws Exception {
        Files.writeString(dir.resolve(".env"), "COMPOSE_IGNORE_ORPHANS=1\n");
        Run up = berth("-f", compose, "up", "-d", "--remove-orphans");
        assertThat(up.exitCode()).isNotZero();
        assertThat(up.err()).contains("cannot combine COMPOSE_IGNORE_ORPHANS and --remove-orphans");
        assertThat(containers()).contains(project + "-gone-1");
    }
}
