package dev.berth.app.cli;

import static dev.berth.app.cli.TrainingWheelsCliTest.berth;
import static dev.berth.app.cli.TrainingWheelsCliTest.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ctrl+C on an attached {@code berth up}, as on {@code docker compose up}: the first stops the containers, a second
 * kills them. The real command runs in its own JVM and gets a real SIGINT.
 */
@Tag("engine")
class UpInterruptCliTest {
    final String project = "berthit-" + UUID.randomUUID().toString().substring(0, 8);
    Path compose;

    @BeforeEach
    void writeProject() throws Exception {
        Path dir = Files.createTempDirectory("berthit-ctrlc");
        // web stops at once on SIGTERM; stubborn ignores it (a shell as PID 1 without a trap) for two minutes
        compose = Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  web:
                    image: berth-sample/busybox:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; echo web ready; while true; do sleep 1 & wait $!; done"]
                  stubborn:
                    image: berth-sample/busybox:1
                    command: ["sh", "-c", "echo stubborn ready; while true; do sleep 1; done"]
                    stop_grace_period: 2m
                    profiles: [stubborn]
                """.formatted(project));
    }

    @AfterEach
    void removeProject() {
        berth("-f", compose.toString(), "--profile", "stubborn", "down", "-t", "0");
    }

    /** Starts {@code berth ARGS} in a JVM of its own and returns once it printed {@code line}. */
    Process attachedUntil(String line, String... args) throws Exception {
        Process berth = TrainingWheelsCliTest.berthInItsOwnJvm(args).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(berth.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String l = out.readLine(); l != null; l = out.readLine()) {
            seen.append(l).append('\n');
            if (l.contains(line)) {
                Thread.ofVirtual().start(() -> out.lines().forEach(rest -> { }));
                return berth;
            }
        }
        throw new AssertionError("berth ended before printing '" + line + "':\n" + seen);
    }

    static void pressCtrlC(Process p) throws Exception {
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
    }

    @Test
    void theFirstCtrlCStopsTheContainers() throws Exception {
        Process up = attachedUntil("web ready", "-f", compose.toString(), "up");
        pressCtrlC(up);
        assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("berth up ended after Ctrl+C").isTrue();
        assertThat(up.exitValue()).isEqualTo(130);
        assertThat(docker("inspect", "-f", "{{.State.Status}}", project + "-web-1")).isEqualTo("exited");
    }

    @Test
    void aSecondCtrlCKillsWhatIsStillStopping() throws Exception {
        Process up = attachedUntil("stubborn ready", "-f", compose.toString(), "--profile", "stubborn", "up");
        pressCtrlC(up);
        Thread.sleep(1500);   // the stop has begun: stubborn ignores SIGTERM for its two minutes' grace
        assertThat(up.isAlive()).isTrue();
        pressCtrlC(up);
        assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("berth up ended after the second Ctrl+C, well within the"
                + " two minutes' grace").isTrue();
        assertThat(docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", project + "-stubborn-1"))
                .isEqualTo("exited 137");
    }
}
