package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.HealthcheckSpec;
import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.LogLine;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressListener;
import dev.berth.engine.docker.DockerEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The runtime against the real engine: a web service (busybox httpd, published on 127.0.0.1) and a worker
 * that waits for it to be healthy. The tests run in order on one project; @AfterAll removes everything
 * labelled with the test's projects even when a test failed.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeRuntimeEngineTest {
    static final String BASE_IMAGE = "berthit/busybox:test";

    final String name = "berthit-" + UUID.randomUUID().toString().substring(0, 8);
    final List<String> projects = new ArrayList<>(List.of(name));
    Path dir;
    int webPort;
    ComposeRuntime runtime;
    Engine engine;

    @BeforeAll
    void connectAndBuildBaseImage() throws Exception {
        EngineEndpoint endpoint = EndpointResolver.resolve();
        try {
            runtime = ComposeRuntime.connect(endpoint);
            engine = DockerEngine.connect(endpoint);
        } catch (EngineException e) {
            fail("These tests need a Docker engine, and none answers: " + e.describe());
        }
        dir = Files.createTempDirectory("berthit");
        Path context = dir.resolve("busybox-image");
        Files.createDirectories(context);
        for (String file : List.of("Dockerfile", "passwd")) {
            try (InputStream in = getClass().getResourceAsStream("/busybox-image/" + file)) {
                Files.copy(in, context.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isRegularFile(busybox)) {
            fail("the test image needs Debian's static busybox at /bin/busybox: apt-get install -y busybox-static");
        }
        Files.copy(busybox, context.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
        ComposeProject base = new ProjectFixture(name + "-base", dir)
                .service(ProjectFixture.service("base").image(BASE_IMAGE).build(context)).build();
        runtime.build(base, List.of(), ProgressListener.NONE);
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
            for (String project : projects) {
                runtime.down(new ProjectFixture(project, dir).build(), new DownOptions(true, true, Duration.ZERO),
                        ProgressListener.NONE);
            }
        } finally {
            runtime.close();
            engine.close();
        }
    }

    ComposeProject project(String workerRole) {
        return project(workerRole, 1, true);
    }

    ComposeProject project(String workerRole, int workerScale, boolean withWeb) {
        ProjectFixture fixture = new ProjectFixture(name, dir).volume("data");
        if (!withWeb) {
            return fixture.service(ProjectFixture.service("worker").image(BASE_IMAGE)
                    .command("sh", "-c", "trap 'exit 0' TERM; echo worker $ROLE ready; "
                            + "while true; do sleep 1 & wait $!; done")
                    .env("ROLE", workerRole).scale(workerScale)).build();
        }
        return fixture
                .service(ProjectFixture.service("web").image(BASE_IMAGE)
                        .command("sh", "-c", "trap 'exit 0' TERM; mkdir -p /www; echo \"hello $GREETING\" >"
                                + " /www/index.html; echo web ready; httpd -f -p 8080 -h /www & wait")
                        .env("GREETING", "berth").port("127.0.0.1", webPort, 8080).volume("data", "/data")
                        .healthcheck(new HealthcheckSpec(List.of("CMD", "wget", "-q", "-O", "/dev/null",
                                "http://127.0.0.1:8080/"), Duration.ofMillis(500), Duration.ofSeconds(2), null, 60,
                                false)))
                .service(ProjectFixture.service("worker").image(BASE_IMAGE)
                        .command("sh", "-c", "trap 'exit 0' TERM; echo worker $ROLE ready; "
                                + "while true; do sleep 1 & wait $!; done")
                        .env("ROLE", workerRole).dependsOn("web", "service_healthy").scale(workerScale))
                .build();
    }

    static int indexOf(Recorder progress, String resource, ProgressEvent.Step step) {
        for (int i = 0; i < progress.events.size(); i++) {
            if (progress.events.get(i).resource().equals(resource) && progress.events.get(i).step() == step) {
                return i;
            }
        }
        return -1;
    }

    Map<String, String> ids() throws EngineException {
        return runtime.ps(name, true).stream().collect(Collectors.toMap(ContainerInfo::name, ContainerInfo::id));
    }

    static final class Recorder implements ProgressListener {
        final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(ProgressEvent event) {
            events.add(event);
        }

        List<String> created() {
            return events.stream().filter(e -> e.step() == ProgressEvent.Step.CREATED).map(ProgressEvent::resource)
                    .toList();
        }
    }

    @Test
    @Order(1)
    void upCreatesContainersWithComposeNamesAndLabels() throws Exception {
        Recorder progress = new Recorder();
        runtime.up(project("alpha"), UpOptions.defaults(), progress);

        List<ContainerInfo> ps = runtime.ps(name, false);
        assertThat(ps).extracting(ContainerInfo::name).containsExactly(name + "-web-1", name + "-worker-1");
        assertThat(ps).extracting(ContainerInfo::state).containsOnly("running");
        ContainerInfo web = ps.getFirst();
        assertThat(web.labels()).containsEntry("com.docker.compose.project", name)
                .containsEntry("com.docker.compose.service", "web")
                .containsEntry("com.docker.compose.container-number", "1")
                .containsEntry("com.docker.compose.oneoff", "False")
                .containsEntry("com.docker.compose.project.working_dir", dir.toString())
                .containsEntry("com.docker.compose.project.config_files", dir.resolve("compose.yaml").toString())
                .containsEntry("com.docker.compose.version", ComposeLabels.COMPOSE_VERSION)
                .containsEntry("com.docker.compose.depends_on", "")
                .containsEntry("com.docker.compose.image", engine.imageId(BASE_IMAGE).orElseThrow())
                .containsKey("com.docker.compose.config-hash");
        assertThat(ps.get(1).labels()).containsEntry("com.docker.compose.depends_on", "web:service_healthy:false");
        assertThat(web.ports()).anySatisfy(p -> assertThat(p.hostPort()).isEqualTo(webPort));
        assertThat(engine.listNetworks(Map.of(ComposeLabels.PROJECT, name))).extracting(n -> n.name())
                .containsExactly(name + "_default");
        assertThat(engine.listVolumes(Map.of(ComposeLabels.PROJECT, name))).extracting(v -> v.name())
                .containsExactly(name + "_data");
        assertThat(progress.events).anySatisfy(e -> assertThat(e.step()).isEqualTo(ProgressEvent.Step.HEALTHY));
        // as v2: every container is created first; worker starts only once web (service_healthy) is healthy
        int workerCreated = indexOf(progress, name + "-worker-1", ProgressEvent.Step.CREATED);
        int webHealthy = indexOf(progress, name + "-web-1", ProgressEvent.Step.HEALTHY);
        int workerStarting = indexOf(progress, name + "-worker-1", ProgressEvent.Step.STARTING);
        assertThat(workerCreated).isNotNegative().isLessThan(webHealthy);
        assertThat(webHealthy).isLessThan(workerStarting);
        // v2's aliases: container name, then service name (the engine may add the short id itself)
        assertThat(engine.inspectContainer(web.id()).orElseThrow().networks().get(name + "_default"))
                .containsSubsequence(name + "-web-1", "web");

        assertThat(httpGet("http://127.0.0.1:" + webPort + "/")).isEqualTo("hello berth");
    }

    @Test
    @Order(2)
    void upAgainRecreatesNothing() throws Exception {
        Map<String, String> before = ids();
        Recorder progress = new Recorder();
        runtime.up(project("alpha"), UpOptions.defaults(), progress);
        assertThat(ids()).isEqualTo(before);
        assertThat(progress.created()).isEmpty();
    }

    @Test
    @Order(3)
    void changingOneServiceRecreatesOnlyIt() throws Exception {
        Map<String, String> before = ids();
        Recorder progress = new Recorder();
        runtime.up(project("beta"), UpOptions.defaults(), progress);
        Map<String, String> after = ids();
        assertThat(after.get(name + "-web-1")).isEqualTo(before.get(name + "-web-1"));
        assertThat(after.get(name + "-worker-1")).isNotEqualTo(before.get(name + "-worker-1"));
        assertThat(progress.created()).containsExactly(name + "-worker-1");
    }

    @Test
    @Order(4)
    void logsReturnEveryServicesOutput() throws Exception {
        List<LogLine> lines = new ArrayList<>();
        // up returns once the recreated worker started, not once its shell printed: read again until it has
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (lines.stream().noneMatch(l -> l.text().equals("worker beta ready"))
                && java.time.Instant.now().isBefore(deadline)) {
            lines.clear();
            try (LogStream logs = runtime.logs(name, LogOptions.all())) {
                for (int i = 0; i < 600 && !logs.isFinished(); i++) {
                    LogLine line = logs.poll(Duration.ofMillis(100));
                    if (line != null) {
                        lines.add(line);
                    }
                }
                assertThat(logs.isFinished()).as("all sources ended").isTrue();
            }
        }
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.service()).isEqualTo("web");
            assertThat(l.text()).isEqualTo("web ready");
            assertThat(l.timestamp()).isNotNull();
        });
        assertThat(lines).anySatisfy(l -> assertThat(l.text()).isEqualTo("worker beta ready"));
    }

    @Test
    @Order(5)
    void followedLogsPickUpContainersStartedLater() throws Exception {
        try (LogStream logs = runtime.logs(name, new LogOptions(true, false, 0, List.of("worker")))) {
            runtime.up(project("gamma"), UpOptions.defaults(), ProgressListener.NONE);
            LogLine found = null;
            for (int i = 0; i < 300 && found == null; i++) {
                LogLine line = logs.poll(Duration.ofMillis(100));
                if (line != null && line.text().equals("worker gamma ready")) {
                    found = line;
                }
            }
            assertThat(found).as("output of the recreated worker").isNotNull();
            assertThat(found.service()).isEqualTo("worker");
            assertThat(logs.isFinished()).isFalse();
        }
        assertNoStreamThreadsLeft();
    }

    /** docker-java reads each stream on a thread of its own; closing a LogStream must end them all. */
    static void assertNoStreamThreadsLeft() throws InterruptedException {
        List<String> streams = List.of();
        for (int i = 0; i < 100; i++) {
            streams = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith("docker-java-stream-")).toList();
            if (streams.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(streams).as("docker-java stream threads still running after close").isEmpty();
    }

    @Test
    @Order(6)
    void watchReportsChanges() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        try (AutoCloseable watch = runtime.watch(name, changes::incrementAndGet)) {
            runtime.up(project("delta"), UpOptions.defaults(), ProgressListener.NONE);
            for (int i = 0; i < 100 && changes.get() == 0; i++) {
                Thread.sleep(100);
            }
        }
        assertThat(changes.get()).isPositive();
        assertNoStreamThreadsLeft();
    }

    @Test
    @Order(7)
    void hostPortInUseIsExplained() throws Exception {
        String other = name + "-busy";
        projects.add(other);
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            ComposeProject busy = new ProjectFixture(other, dir)
                    .service(ProjectFixture.service("web").image(BASE_IMAGE).command("sleep", "60")
                            .port("127.0.0.1", port, 8080)).build();
            assertThatThrownBy(() -> runtime.up(busy, UpOptions.defaults(), ProgressListener.NONE))
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining(Integer.toString(port))
                    .satisfies(e -> {
                        EngineException ee = (EngineException) e;
                        assertThat(ee.service()).isEqualTo("web");
                        assertThat(ee.hint()).contains(Integer.toString(port)).contains("ports:");
                    });
        }
    }

    @Test
    @Order(8)
    void scaleAndOrphans() throws Exception {
        runtime.up(project("delta", 2, true), UpOptions.defaults(), ProgressListener.NONE);
        String worker1 = ids().get(name + "-worker-1");
        assertThat(runtime.ps(name, true)).extracting(ContainerInfo::name)
                .containsExactly(name + "-web-1", name + "-worker-1", name + "-worker-2");

        runtime.up(project("delta", 1, true), UpOptions.defaults(), ProgressListener.NONE);
        assertThat(ids()).containsOnlyKeys(name + "-web-1", name + "-worker-1")
                .containsEntry(name + "-worker-1", worker1);

        // a one-off container of web: as in v2, never an orphan, even once web is gone from the file
        String oneOff = runtime.run(project("delta", 1, true), "web", new RunOptions(List.of("sleep", "600"), null,
                Map.of(), null, null, false, true, true), null, ProgressListener.NONE).container();

        // web is no longer defined: kept with a warning, removed with removeOrphans
        Recorder progress = new Recorder();
        runtime.up(project("delta", 1, false), UpOptions.defaults(), progress);
        assertThat(ids()).containsKey(name + "-web-1");
        assertThat(progress.events).anySatisfy(e -> {
            assertThat(e.step()).isEqualTo(ProgressEvent.Step.WARNING);
            assertThat(e.detail()).contains("orphan").contains(name + "-web-1").doesNotContain(oneOff);
        });
        runtime.up(project("delta", 1, false), new UpOptions(false, false, true, false, Duration.ZERO),
                ProgressListener.NONE);
        assertThat(ids()).containsOnlyKeys(name + "-worker-1");
        assertThat(DockerWitness.inspect(oneOff, "{{.State.Status}}")).isEqualTo("running");

        // once it ended, it is one (as in v2): named in the warning, removed with removeOrphans
        DockerWitness.docker("stop", "-t", "0", oneOff);
        Recorder ended = new Recorder();
        runtime.up(project("delta", 1, false), UpOptions.defaults(), ended);
        assertThat(ended.events).anySatisfy(e -> assertThat(e.detail()).contains("orphan").contains(oneOff));
        runtime.up(project("delta", 1, false), new UpOptions(false, false, true, false, Duration.ZERO),
                ProgressListener.NONE);
        assertThat(DockerWitness.docker("ps", "-aq", "--filter", "name=" + oneOff)).isEmpty();
    }

    @Test
    @Order(9)
    void downWithVolumesLeavesNothingBehind() throws Exception {
        Recorder progress = new Recorder();
        runtime.down(project("delta"), new DownOptions(true, false, Duration.ofSeconds(5)), progress);
        Map<String, String> label = Map.of(ComposeLabels.PROJECT, name);
        assertThat(engine.listContainers(label, true)).isEmpty();
        assertThat(engine.listNetworks(label)).isEmpty();
        assertThat(engine.listVolumes(label)).isEmpty();
        assertThat(progress.events).anySatisfy(e -> assertThat(e.resource()).isEqualTo("volume " + name + "_data"));
    }

    static String httpGet(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body().strip();
            } catch (IOException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw last;
    }
}
