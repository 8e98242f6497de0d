package dev.berth.app.cli;

import static dev.berth.app.cli.TrainingWheelsCliTest.berth;
import static dev.berth.app.cli.TrainingWheelsCliTest.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.app.cli.TrainingWheelsCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code berth logs} with --since, --until, --no-log-prefix on a container that says two things a while apart. */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogsCliTest {
    final String project = "berthit-" + UUID.randomUUID().toString().substring(0, 8);
    String compose;

    @BeforeAll
    void upAndWaitForBothLines() throws Exception {
        Path dir = Files.createTempDirectory("berthit-logs");
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, """
                name: %s
                services:
                  talker:
                    image: berth-sample/busybox:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; echo first; sleep 2; echo second; while true; do sleep 1 & wait $!; done"]
                """.formatted(project));
        compose = file.toString();
        Run up = berth("-f", compose, "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        for (int i = 0; i < 100 && !berth("-f", compose, "logs").out().contains("second"); i++) {
            Thread.sleep(100);
        }
    }

    @AfterAll
    void removeProject() {
        berth("-f", compose, "down", "-t", "0");
    }

    List<String> lines(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "-f";
        args[1] = compose;
        args[2] = "logs";
        System.arraycopy(options, 0, args, 3, options.length);
        Run run = berth(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().lines().toList();
    }

    @Test
    void sinceAndUntilCutAtTheLinesTimestamps() {
        List<String> all = lines("-t", "--no-log-prefix");
        assertThat(all).hasSize(2);
        assertThat(all.get(0)).endsWith(" first");
        assertThat(all.get(1)).endsWith(" second");
        String secondAt = all.get(1).substring(0, all.get(1).indexOf(' '));
        assertThat(docker("logs", "-t", project + "-talker-1")).contains(secondAt + " second");

        assertThat(lines("--no-log-prefix", "--since", secondAt)).containsExactly("second");
        assertThat(lines("--no-log-prefix", "--until", secondAt)).containsExactly("first");
        assertThat(lines("--no-log-prefix", "--since", "1h")).containsExactly("first", "second");
        assertThat(lines("--since", "2999-01-01")).isEmpty();
        // v2's prefix: the name padded to the project's longest container name, then " | "
        assertThat(lines("--no-color")).containsExactly(project + "-talker-1 | first", project + "-talker-1 | second");

        Run bad = berth("-f", compose, "logs", "--since", "yesterday");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("--since takes a time").contains("'yesterday'");
    }

    @Test
    void timesAreReadAsTheDockerCliReadsThem() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(LogsCommand.instant("--since", "42m", now, paris)).isEqualTo("2026-11-26T11:18:00Z");
        assertThat(LogsCommand.instant("--since", "1h30m", now, paris)).isEqualTo("2026-11-26T10:30:00Z");
        assertThat(LogsCommand.instant("--since", "1.5h", now, paris)).isEqualTo("2026-11-26T10:30:00Z");
        assertThat(LogsCommand.instant("--since", "250ms", now, paris)).isEqualTo("2026-11-26T11:59:59.750Z");
        assertThat(LogsCommand.instant("--since", "1700000000.5", now, paris)).isEqualTo("2023-11-14T22:13:20.500Z");
        assertThat(LogsCommand.instant("--since", "2026-11-26T13:23:37+01:00", now, paris))
                .isEqualTo("2026-11-26T12:23:37Z");
        assertThat(LogsCommand.instant("--since", "2026-11-26T13:23:37", now, paris)).isEqualTo("2026-11-26T12:23:37Z");
        assertThat(LogsCommand.instant("--since", "2026-11-26", now, paris)).isEqualTo("2026-11-25T23:00:00Z");
        assertThatThrownBy(() -> LogsCommand.instant("--until", "5 minutes", now, paris))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("--until takes a time");
    }
}
