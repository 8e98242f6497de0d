package dev.berth.engine.project;

import static dev.berth.engine.project.DockerWitness.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.HealthcheckSpec;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ProgressListener;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Failures of up say who is in the way, on the real engine. */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureHintsEngineTest {
    final String name = "berthit-" + UUID.randomUUID().toString().substring(0, 8);
    final List<String> projects = new ArrayList<>();
    Path dir;
    ComposeRuntime runtime;

    @BeforeAll
    void connect() throws Exception {
        runtime = TestEngine.connect();
        dir = Files.createTempDirectory("berthit");
        TestImage.build(runtime, dir, name);
    }

    @AfterAll
    void removeEverything() throws Exception {
        if (runtime == null) {
            return;
        }
        try {
            for (String project : projects) {
                runtime.down(new ProjectFixture(project, dir).build(), new DownOptions(true, true, Duration.ZERO),
                        ProgressListener.NONE);
            }
        } finally {
            runtime.close();
        }
    }

    ComposeProject publishing(String project, int port) {
        projects.add(project);
        return new ProjectFixture(project, dir).service(ProjectFixture.service("web").image(TestImage.NAME)
                .command("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done")
                .port("127.0.0.1", port, 8080)).build();
    }

    @Test
    void aPortHeldByAHostProcessNamesThatProcess() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> runtime.up(publishing(name + "-host", port), UpOptions.defaults(),
                    ProgressListener.NONE))
                    .isInstanceOf(EngineException.class)
                    .satisfies(e -> {
                        EngineException ee = (EngineException) e;
                        assertThat(ee.service()).isEqualTo("web");
                        assertThat(ee.getMessage()).contains("127.0.0.1:" + port)
                                .contains("held by process " + ProcessHandle.current().pid() + " (java)");
                        assertThat(ee.hint()).contains("process " + ProcessHandle.current().pid());
                    });
        }
    }

    @Test
    void aPortHeldByAnotherProjectsContainerNamesThatContainer() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        runtime.up(publishing(name + "-first", port), UpOptions.defaults(), ProgressListener.NONE);
        assertThat(docker("port", name + "-first-web-1", "8080/tcp")).isEqualTo("127.0.0.1:" + port);
        assertThatThrownBy(() -> runtime.up(publishing(name + "-second", port), UpOptions.defaults(),
                ProgressListener.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("held by container " + name + "-first-web-1 (project " + name + "-first)");
    }

    @Test
    void aHealthcheckThatNeverPassesShowsItsLastOutput() {
        String project = name + "-sick";
        projects.add(project);
        ComposeProject sick = new ProjectFixture(project, dir)
                .service(ProjectFixture.service("db").image(TestImage.NAME)
                        .command("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done")
                        .healthcheck(new HealthcheckSpec(List.of("CMD", "sh", "-c", "echo not ready yet; exit 1"),
                                Duration.ofMillis(300), Duration.ofSeconds(5), null, 2, false)))
                .service(ProjectFixture.service("app").image(TestImage.NAME).command("true")
                        .dependsOn("db", "service_healthy"))
                .build();
        assertThatThrownBy(() -> runtime.up(sick, UpOptions.defaults(), ProgressListener.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining(project + "-db-1 is unhealthy")
                .hasMessageContaining("last healthcheck output: not ready yet");
    }

    @Test
    void aDependencyThatFailedShowsItsExitCodeAndLastLines() {
        String project = name + "-job";
        projects.add(project);
        ComposeProject job = new ProjectFixture(project, dir)
                .service(ProjectFixture.service("migrate").image(TestImage.NAME)
                        .command("sh", "-c", "echo applying 0042; echo disk full >&2; exit 3"))
                .service(ProjectFixture.service("app").image(TestImage.NAME).command("true")
                        .dependsOn("migrate", "service_completed_successfully"))
                .build();
        assertThatThrownBy(() -> runtime.up(job, UpOptions.defaults(), ProgressListener.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("exit 3")
                .hasMessageContaining("applying 0042")
                .hasMessageContaining("disk full");
    }
}
