package dev.berth.app.cli;

import static dev.berth.app.cli.TrainingWheelsCliTest.berth;
import static dev.berth.app.cli.TrainingWheelsCliTest.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.cli.TrainingWheelsCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code up --exit-code-from} and {@code --abort-on-container-exit}, as CI scripts use them with v2: the logs are
 * followed until a container ends, the others are stopped, and the exit code is the chosen service's.
 */
@Tag("engine")
class UpAbortCliTest {
    final String project = "berthit-" + UUID.randomUUID().toString().substring(0, 8);
    String compose;

    @BeforeEach
    void writeProject() throws Exception {
        Path dir = Files.createTempDirectory("berthit-abort");
        compose = Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  tests:
                    image: berth-sample/busybox:1
                    command: ["sh", "-c", "echo checking; sleep 2; echo three failed; exit 3"]
                    depends_on: [db]
                  db:
                    image: berth-sample/busybox:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; echo db ready; while true; do sleep 1 & wait $!; done"]
                """.formatted(project)).toString();
    }

    @AfterEach
    void removeProject() {
        berth("-f", compose, "down", "-t", "0");
    }

    @Test
    void exitCodeFromReturnsTheServicesCodeAndStopsTheOthers() {
        Run up = berth("-f", compose, "up", "--exit-code-from", "tests");
        assertThat(up.exitCode()).as("out: %s; err: %s", up.out(), up.err()).isEqualTo(3);
        assertThat(up.out()).contains("three failed").contains(project + "-tests-1 exited with code 3")
                .contains("Aborting on container exit...");
        assertThat(docker("inspect", "-f", "{{.State.Status}}", project + "-db-1")).isEqualTo("exited");
    }

    @Test
    void followedLogsTakeTimestampsAndLeaveOutPrefixesWhenAsked() {
        Run up = berth("-f", compose, "up", "--exit-code-from", "tests", "--timestamps", "--no-log-prefix",
                "--no-color", "--quiet-pull");
        assertThat(up.exitCode()).as("out: %s; err: %s", up.out(), up.err()).isEqualTo(3);
        assertThat(up.out().lines()).anySatisfy(line ->
                assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z three failed"));
        assertThat(up.out()).doesNotContain("| three failed");
    }

    @Test
    void abortOnContainerExitReturnsTheCodeOfTheOneThatEnded() {
        Run up = berth("-f", compose, "up", "--abort-on-container-exit");
        assertThat(up.exitCode()).as("out: %s; err: %s", up.out(), up.err()).isEqualTo(3);
        assertThat(docker("inspect", "-f", "{{.State.Status}}", project + "-db-1")).isEqualTo("exited");
    }

    @Test
    void refusedWithDetachOrAnUnknownService() {
        Run detached = berth("-f", compose, "up", "-d", "--exit-code-from", "tests");
        assertThat(detached.exitCode()).isNotZero();
        assertThat(detached.err()).contains("leave out --detach and --wait");
        Run unknown = berth("-f", compose, "up", "--exit-code-from", "nosuch");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("--exit-code-from nosuch: no such service").contains("tests, db");
        assertThat(docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + project))
                .as("nothing was started").isEmpty();
    }
}
