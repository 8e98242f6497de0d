package dev.berth.app.cli;

import static dev.berth.app.cli.TrainingWheelsCliTest.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.engine.OwnEngineFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth engine start|status|stop} as a user runs them, each in a JVM of its own: the engine comes up,
 * {@code berth up} reaches it through the docker context {@code berth}, and {@code stop} ends it and its supervisor.
 */
@Tag("engine")
class LocalEngineCliTest {
    final String project = "berthit-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    Map<String, String> env;

    @BeforeEach
    void folders() {
        env = new HashMap<>(Map.of(
                "BERTH_ENGINE_DATA", dir.resolve("data").toString(),
                "BERTH_ENGINE_RUN", dir.resolve("run").toString(),
                "DOCKER_CONFIG", dir.resolve("docker-config").toString()));
    }

    @Test
    @Timeout(600)
    void startServesAProjectThroughTheBerthContextAndStopEndsIt() throws Exception {
        OwnEngineFixture.assumeItCanStartOne();
        Path compose = writeProject();
        BerthProcesses.Running engine = BerthProcesses.startUntil(env, "is running at", Duration.ofSeconds(120),
                "engine", "start");
        Process start = engine.process();
        List<String> said = engine.said();
        try {
            assertThat(said).as("what `berth engine start` said").anyMatch(l -> l.contains("is running at unix://"
                    + dir.resolve("run/docker.sock")));

            BerthProcesses.Ran status = BerthProcesses.ran(env, "engine", "status");
            assertThat(status.code()).as(status.output()).isZero();
            assertThat(status.output()).contains("running, answering at unix://" + dir.resolve("run/docker.sock"))
                    .contains("supervisor: pid " + start.pid());

            Map<String, String> viaContext = new HashMap<>(env);
            viaContext.put("DOCKER_CONTEXT", "berth");
            BerthProcesses.Ran up = BerthProcesses.ran(viaContext, "-f", compose.toString(), "up", "-d");
            assertThat(up.code()).as(up.output()).isZero();
            assertThat(docker("-H", "unix://" + dir.resolve("run/docker.sock"), "ps", "--format", "{{.Names}}"))
                    .contains(project + "-web-1");
            assertThat(docker("ps", "-a", "--filter", "label=com.docker.compose.project=" + project, "--format",
                    "{{.Names}}")).as("the system engine's containers").isEmpty();

            BerthProcesses.Ran stop = BerthProcesses.ran(env, "engine", "stop");
            assertThat(stop.code()).as(stop.output()).isZero();
            assertThat(stop.output()).contains("stopped Berth's engine (its supervisor, pid " + start.pid());
            assertThat(start.waitFor(60, TimeUnit.SECONDS)).as("the supervisor ended").isTrue();
            assertThat(said).anyMatch(l -> l.contains("engine stopped"));

            BerthProcesses.Ran after = BerthProcesses.ran(env, "engine", "status");
            assertThat(after.code()).isEqualTo(3);
            assertThat(after.output()).contains("engine:     not running");
        } finally {
            if (start.isAlive()) {
                start.destroy();
                start.waitFor(120, TimeUnit.SECONDS);
            }
        }
    }

    private Path writeProject() throws Exception {
        Path image = OwnEngineFixture.busyboxImage(dir);
        return Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  web:
                    build: %s
                    image: berthit/local-engine-cli:test
                    command: ["sleep", "600"]
                """.formatted(project, image));
    }
}
