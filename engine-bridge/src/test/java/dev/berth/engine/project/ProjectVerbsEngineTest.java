package dev.berth.engine.project;

import static dev.berth.engine.project.DockerWitness.docker;
import static dev.berth.engine.project.DockerWitness.inspect;
import static dev.berth.engine.project.DockerWitness.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.HealthcheckSpec;
import dev.berth.engine.api.EngineEvent;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ExecRequest;
import dev.berth.engine.api.OutputSink;
import dev.berth.engine.api.ProcessList;
import dev.berth.engine.api.ProgressListener;
import dev.berth.engine.api.PublishedPort;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The verbs beyond up/down on one project (web + worker that waits for web to be healthy), in order; each test
 * checks the engine's view through the docker CLI. @AfterAll removes the project even when a test failed.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectVerbsEngineTest {
    final String name = "berthit-" + UUID.randomUUID().toString().substring(0, 8);
    Path dir;
    int webPort;
    ComposeRuntime runtime;

    @BeforeAll
    void connect() throws Exception {
        runtime = TestEngine.connect();
        dir = Files.createTempDirectory("berthit");
        TestImage.build(runtime, dir, name);
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            webPort = s.getLocalPort();
        }
    }

    @AfterAll
    void removeEverything() throws Exception {
        if (runtime == null) {
            return;
        }
        try {
            runtime.down(new ProjectFixture(name, dir).build(), new DownOptions(true, true, Duration.ZERO),
                    ProgressListener.NONE);
            // one-off containers are not part of down without --remove-orphans in v2 either
            for (String left : names(name)) {
                docker("rm", "-f", left);
            }
        } finally {
            runtime.close();
        }
    }

    ComposeProject project() {
        return new ProjectFixture(name, dir)
                .service(ProjectFixture.service("web").image(TestImage.NAME)
                        .command("sh", "-c", "trap 'exit 0' TERM; mkdir -p /www; echo hello > /www/index.html;"
                                + " httpd -f -p 8080 -h /www & wait")
                        .port("127.0.0.1", webPort, 8080)
                        .healthcheck(new HealthcheckSpec(List.of("CMD", "wget", "-q", "-O", "/dev/null",
                                "http://127.0.0.1:8080/"), Duration.ofSeconds(1), Duration.ofSeconds(5), null, 60,
                                false)))
                .service(ProjectFixture.service("worker").image(TestImage.NAME)
                        .command("sh", "-c", "trap 'exit 0' TERM; echo worker $ROLE ready;"
                                + " while true; do sleep 1 & wait $!; done")
                        .env("ROLE", "one").dependsOn("web", "service_healthy"))
                .build();
    }

    String state(String service) throws Exception {
        return inspect(name + "-" + service + "-1", "{{.State.Status}}");
    }

    @Test
    @Order(1)
    void createMakesContainersWithoutStartingThem() throws Exception {
        runtime.create(project(), UpOptions.defaults(), ProgressListener.NONE);
        assertThat(names(name)).containsExactly(name + "-web-1", name + "-worker-1");
        assertThat(state("web")).isEqualTo("created");
        assertThat(state("worker")).isEqualTo("created");
    }

    @Test
    @Order(2)
    void startStartsThemInDependencyOrder() throws Exception {
        runtime.start(project(), List.of(), ProgressListener.NONE);
        assertThat(state("web")).isEqualTo("running");
        assertThat(state("worker")).isEqualTo("running");
        // the worker waited for web to be healthy
        assertThat(inspect(name + "-web-1", "{{.State.Health.Status}}")).isEqualTo("healthy");
    }

    @Test
    @Order(3)
    void pauseAndUnpause() throws Exception {
        runtime.pause(project(), List.of("worker"), ProgressListener.NONE);
        assertThat(state("worker")).isEqualTo("paused");
        assertThat(state("web")).isEqualTo("running");
        runtime.unpause(project(), List.of(), ProgressListener.NONE);
        assertThat(state("worker")).isEqualTo("running");
    }

    @Test
    @Order(4)
    void stopThenStartOneService() throws Exception {
        runtime.stop(project(), List.of("worker"), Duration.ofSeconds(5), ProgressListener.NONE);
        assertThat(state("worker")).isEqualTo("exited");
        assertThat(state("web")).isEqualTo("running");
        runtime.start(project(), List.of("worker"), ProgressListener.NONE);
        assertThat(state("worker")).isEqualTo("running");
    }

    @Test
    @Order(5)
    void restartStartsAContainerAnew() throws Exception {
        String before = inspect(name + "-worker-1", "{{.State.StartedAt}}");
        String id = inspect(name + "-worker-1", "{{.Id}}");
        runtime.restart(project(), List.of("worker"), Duration.ofSeconds(5), ProgressListener.NONE);
        assertThat(state("worker")).isEqualTo("running");
        assertThat(inspect(name + "-worker-1", "{{.State.StartedAt}}")).isNotEqualTo(before);
        assertThat(inspect(name + "-worker-1", "{{.Id}}")).as("same container, not recreated").isEqualTo(id);
    }

    @Test
    @Order(6)
    void killSendsTheSignal() throws Exception {
        runtime.kill(project(), List.of("worker"), "SIGKILL", ProgressListener.NONE);
        assertThat(state("worker")).isEqualTo("exited");
        assertThat(inspect(name + "-worker-1", "{{.State.ExitCode}}")).isEqualTo("137");
        assertThatThrownBy(() -> runtime.kill(project(), List.of("nosuch"), null, ProgressListener.NONE))
                .isInstanceOf(EngineException.class).hasMessageContaining("no such service: nosuch");
    }

    @Test
    @Order(7)
    void rmRemovesStoppedContainersOnly() throws Exception {
        List<String> removed = runtime.remove(project(), List.of(), false, false, ProgressListener.NONE);
        assertThat(removed).containsExactly(name + "-worker-1");
        assertThat(names(name)).containsExactly(name + "-web-1");
    }

    @Test
    @Order(8)
    void upWithScaleRunsReplicas() throws Exception {
        runtime.up(project(), UpOptions.defaults().withScale(Map.of("worker", 3)), ProgressListener.NONE);
        assertThat(names(name)).containsExactly(name + "-web-1", name + "-worker-1", name + "-worker-2",
                name + "-worker-3");
        assertThat(inspect(name + "-worker-3", "{{index .Config.Labels \"com.docker.compose.container-number\"}}"))
                .isEqualTo("3");
        runtime.up(project(), UpOptions.defaults().withScale(Map.of("worker", 1)), ProgressListener.NONE);
        assertThat(names(name)).containsExactly(name + "-web-1", name + "-worker-1");
        assertThatThrownBy(() -> runtime.up(project(), UpOptions.defaults().withScale(Map.of("nosuch", 2)),
                ProgressListener.NONE)).isInstanceOf(EngineException.class).hasMessageContaining("no such service");
    }

    @Test
    @Order(9)
    void topPortAndImages() throws Exception {
        Map<String, ProcessList> top = runtime.top(project(), List.of("web"));
        assertThat(top).containsOnlyKeys(name + "-web-1");
        assertThat(top.get(name + "-web-1").processes()).anySatisfy(row -> assertThat(String.join(" ", row))
                .contains("httpd"));

        Optional<PublishedPort> port = runtime.port(project(), "web", 8080, "tcp", 1);
        assertThat(port).isPresent();
        assertThat(port.get().hostIp() + ":" + port.get().hostPort())
                .isEqualTo(docker("port", name + "-web-1", "8080/tcp"));
        assertThat(runtime.port(project(), "web", 9999, "tcp", 1)).isEmpty();

        assertThat(runtime.images(project())).extracting(ServiceImage::repository).containsOnly("berthit/busybox");
        assertThat(runtime.images(project())).extracting(ServiceImage::imageId)
                .contains(docker("image", "inspect", "-f", "{{.Id}}", TestImage.NAME));
    }

    @Test
    @Order(10)
    void execRunsInTheRunningContainerAndReturnsTheExitCode() throws Exception {
        Captured out = new Captured();
        long code = runtime.exec(project(), "worker", 1, new ExecRequest(List.of("sh", "-c",
                "echo role=$ROLE in $(pwd); echo oops >&2; exit 3"), null, false, null, "/etc", List.of()), out);
        assertThat(code).isEqualTo(3);
        assertThat(out.stdout()).isEqualTo("role=one in /etc\n");
        assertThat(out.stderr()).isEqualTo("oops\n");
    }

    @Test
    @Order(11)
    void runMakesAOneOffContainer() throws Exception {
        Captured out = new Captured();
        ComposeRuntime.RunResult kept = runtime.run(project(), "worker", RunOptions.command(List.of("sh", "-c",
                "echo one-off $ROLE; exit 4")), out, ProgressListener.NONE);
        assertThat(kept.exitCode()).isEqualTo(4);
        assertThat(out.stdout()).isEqualTo("one-off one\n");
        assertThat(kept.container()).matches(name + "-worker-run-[0-9a-f]{12}");
        assertThat(inspect(kept.container(), "{{index .Config.Labels \"com.docker.compose.oneoff\"}}"))
                .isEqualTo("True");
        assertThat(inspect(kept.container(), "{{.HostConfig.PortBindings}}")).isEqualTo("map[]");
        // a one-off container is not one of the service's replicas
        assertThat(runtime.ps(name, true)).extracting(c -> c.name()).doesNotContain(kept.container());

        ComposeRuntime.RunResult removed = runtime.run(project(), "worker", new RunOptions(List.of("true"), null,
                Map.of(), null, null, true, false, true), new Captured(), ProgressListener.NONE);
        assertThat(removed.exitCode()).isZero();
        assertThat(names(name)).contains(kept.container()).doesNotContain(removed.container());
    }

    @Test
    @Order(12)
    void lsCountsStatesLikeV2() throws Exception {
        runtime.stop(project(), List.of("worker"), Duration.ofSeconds(5), ProgressListener.NONE);
        ProjectSummary summary = runtime.projects(true).stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow();
        // web running; the stopped worker and the kept one-off container exited
        assertThat(summary.states()).containsEntry("running", 1).containsEntry("exited", 2);
        assertThat(summary.status()).contains("running(1)").contains("exited(2)");
        assertThat(summary.configFiles()).containsExactly(dir.resolve("compose.yaml").toString());
        runtime.start(project(), List.of("worker"), ProgressListener.NONE);
    }

    @Test
    @Order(13)
    void eventsOfTheProjectArriveAndClosingFreesTheStream() throws Exception {
        long streamsBefore = streamThreads();
        try (ProjectEvents events = runtime.events(name)) {
            runtime.restart(project(), List.of("worker"), Duration.ofSeconds(5), ProgressListener.NONE);
            Instant deadline = Instant.now().plusSeconds(30);
            boolean sawStart = false;
            while (!sawStart && Instant.now().isBefore(deadline)) {
                EngineEvent e = events.poll(Duration.ofMillis(500));
                sawStart = e != null && e.type().equals("container") && e.action().equals("start")
                        && (name + "-worker-1").equals(e.attributes().get("name"));
            }
            assertThat(sawStart).as("a start event for the restarted worker").isTrue();
        }
        Instant deadline = Instant.now().plusSeconds(10);
        while (streamThreads() > streamsBefore && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(streamThreads()).isLessThanOrEqualTo(streamsBefore);
    }

    @Test
    @Order(14)
    void statsArriveComputedAsTheDockerCliDoesAndClosingFreesTheStreams() throws Exception {
        long streamsBefore = streamThreads();
        List<dev.berth.engine.api.ContainerStats> samples = new java.util.ArrayList<>();
        try (ProjectStats stats = runtime.stats(name)) {
            Instant deadline = Instant.now().plusSeconds(30);
            while (samples.stream().map(s -> s.containerId()).distinct().count() < 2 && Instant.now().isBefore(deadline)) {
                var sample = stats.poll(Duration.ofMillis(500));
                if (sample != null) {
                    samples.add(sample);
                }
            }
            assertThat(streamThreads()).as("one reader per running container").isGreaterThan(streamsBefore);
        }
        String webId = inspect(name + "-web-1", "{{.Id}}");
        assertThat(samples).extracting(s -> s.containerId()).contains(webId);
        dev.berth.engine.api.ContainerStats web = samples.stream().filter(s -> s.containerId().equals(webId))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(web.memoryLimit()).isPositive();
        assertThat(web.memoryUsage()).isPositive().isLessThanOrEqualTo(web.memoryLimit());
        assertThat(web.pids()).isGreaterThanOrEqualTo(2);   // sh and httpd
        assertThat(web.cpuPercent()).isBetween(0.0, 100.0 * Runtime.getRuntime().availableProcessors());
        Instant deadline = Instant.now().plusSeconds(10);
        while (streamThreads() > streamsBefore && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(streamThreads()).isLessThanOrEqualTo(streamsBefore);
    }

    static long streamThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("docker-java-stream")).count();
    }

    /** Collects a command's output. */
    static final class Captured implements OutputSink {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        @Override
        public synchronized void onOutput(boolean stderr, byte[] bytes) {
            (stderr ? err : out).writeBytes(bytes);
        }

        @Override
        public void onEnd(Throwable error) {
        }

        synchronized String stdout() {
            return out.toString(StandardCharsets.UTF_8);
        }

        synchronized String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }
}
