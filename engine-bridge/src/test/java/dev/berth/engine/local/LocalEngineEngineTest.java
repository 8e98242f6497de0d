package dev.berth.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.LoadResult;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineUnavailableException;
import dev.berth.engine.api.ProgressListener;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.DownOptions;
import dev.berth.engine.project.UpOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth's own engine on this machine, beside the system's: a real dockerd of its own that runs a compose project
 * (a published port, one service reaching another by name), comes back when killed (its containers still
 * running), is shared with a second Berth, and on close stops its containers and leaves no process, socket, bridge
 * or iptables chain behind — and the system engine as it was.
 */
@Tag("engine")
class LocalEngineEngineTest {
    private static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aMissingDockerdIsRefusedWithWhatToInstall() {
        LocalEngineLayout layout = new LocalEngineLayout(dir.resolve("no/dockerd"), dir.resolve("data"),
                dir.resolve("run"));

        assertThatThrownBy(() -> LocalEngine.start(layout, READY, LocalEngine.Listener.NONE))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("no dockerd at " + dir.resolve("no/dockerd"))
                .satisfies(e -> assertThat(((EngineUnavailableException) e).hint())
                        .contains("apt-get install docker.io").contains("BERTH_DOCKERD"));
    }

    @Test
    @Timeout(120)
    void anEngineThatCannotStartSaysWhyInItsOwnWords() throws Exception {
        assumeItCanStartOne();
        Path fake = dir.resolve("dockerd");
        Files.writeString(fake, "#!/bin/sh\necho 'failed to start daemon: this stand-in always fails' >&2\nexit 1\n");
        fake.toFile().setExecutable(true);
        LocalEngineLayout layout = new LocalEngineLayout(fake, dir.resolve("data"), dir.resolve("run"));

        assertThatThrownBy(() -> LocalEngine.start(layout, READY, LocalEngine.Listener.NONE))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("stopped while starting")
                .hasMessageContaining("failed to start daemon: this stand-in always fails")
                .satisfies(e -> assertThat(((EngineUnavailableException) e).hint()).contains(layout.log().toString()));
        assertThat(Files.exists(Path.of("/sys/class/net", EngineNetwork.BRIDGE))).as("bridge taken out").isFalse();
    }

    @Test
    @Timeout(600)
    void runsAProjectBesideTheSystemEngineComesBackWhenKilledAndLeavesNothingBehind() throws Exception {
        assumeItCanStartOne();
        boolean systemBridge = Files.exists(Path.of("/sys/class/net/docker0"));
        LocalEngineLayout layout = LocalEngineLayout.of(Map.of("PATH", System.getenv("PATH"),
                "BERTH_ENGINE_DATA", dir.resolve("data").toString(), "BERTH_ENGINE_RUN", dir.resolve("run").toString()));
        List<String> states = new CopyOnWriteArrayList<>();

        LocalEngine engine = LocalEngine.start(layout, READY, (state, detail) -> states.add(state.name()));
        long firstPid = -1;
        try {
            assertThat(engine.state()).isEqualTo(LocalEngine.State.RUNNING);
            assertThat(engine.supervises()).isTrue();
            firstPid = engine.pid().orElseThrow();
            assertThat(states).containsExactly("STARTING", "RUNNING");

            // the docker CLI reaches it through the context Berth writes, and so does Berth's resolver
            Path dockerConfig = dir.resolve("docker-config");
            assertThat(EngineContext.save(dockerConfig, LocalEngineLayout.CONTEXT, engine.endpoint()))
                    .isEqualTo(EngineContext.Saved.WRITTEN);
            assertThat(docker("--config", dockerConfig.toString(), "--context", "berth", "info", "--format",
                    "{{.DockerRootDir}}")).isEqualTo(dir.resolve("data/data").toString());
            EngineEndpoint resolved = EndpointResolver.resolve(Map.of("DOCKER_CONTEXT", "berth", "DOCKER_CONFIG",
                    dockerConfig.toString()), dir);
            assertThat(resolved.uri()).isEqualTo("unix://" + layout.socket());

            runAProject(engine.endpoint());
            if (systemBridge) {
                assertThat(Files.exists(Path.of("/sys/class/net/docker0"))).as("the system engine's docker0").isTrue();
            }

            // a second Berth uses the running engine and leaves it running
            try (LocalEngine second = LocalEngine.start(layout, READY, LocalEngine.Listener.NONE)) {
                assertThat(second.supervises()).isFalse();
                assertThat(second.endpoint()).isEqualTo(engine.endpoint());
            }
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).contains(true);

            // one Berth engine per machine: another layout is refused, and takes nothing of the running one's
            LocalEngineLayout other = new LocalEngineLayout(layout.dockerd(), dir.resolve("other-data"),
                    dir.resolve("other-run"));
            assertThatThrownBy(() -> LocalEngine.start(other, READY, LocalEngine.Listener.NONE))
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessageContaining("another Berth engine runs on this machine")
                    .hasMessageContaining(dir.resolve("run").toString());
            assertThat(Files.exists(Path.of("/sys/class/net", EngineNetwork.BRIDGE))).isTrue();
            assertThat(LocalEngine.status(layout).answers()).isTrue();

            // killed behind Berth's back, it comes back, and its containers lived on (close stops them)
            String sock = "unix://" + layout.socket();
            docker("-H", sock, "run", "-d", "--name", "berthit-survivor", "berthit/local-engine:test", "sleep", "600");
            ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
            assertThat(engine.awaitState(LocalEngine.State.RESTARTING, Duration.ofSeconds(30))).isTrue();
            assertThat(engine.awaitState(LocalEngine.State.RUNNING, READY.plusSeconds(30))).isTrue();
            assertThat(engine.pid().orElseThrow()).isNotEqualTo(firstPid);
            assertThat(docker("-H", sock, "inspect", "-f", "{{.State.Running}}", "berthit-survivor")).isEqualTo("true");
            try (ComposeRuntime again = ComposeRuntime.connect(engine.endpoint())) {
                assertThat(again.engineDescription()).isNotBlank();
            }
        } finally {
            engine.close();
        }

        assertThat(engine.state()).isEqualTo(LocalEngine.State.STOPPED);
        assertThat(states).endsWith("STOPPING", "STOPPED");
        assertThat(processesOf(layout)).as("dockerd, containerd and shims of Berth's engine").isEmpty();
        assertThat(layout.socket()).doesNotExist();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("mounts left").doesNotContain(dir.toString());
        assertThat(Files.exists(Path.of("/sys/class/net", EngineNetwork.BRIDGE))).as("bridge taken out").isFalse();
        assertThat(run("iptables", "-n", "-L", EngineNetwork.CHAIN)).as("iptables chain taken out").isNotZero();
        if (systemBridge) {
            assertThat(Files.exists(Path.of("/sys/class/net/docker0"))).as("the system engine's docker0").isTrue();
        }
    }

    /**
     * Builds the busybox image on Berth's engine and brings up a web server with a published port and a client that
     * fetches a page from it by service name; the host fetches it through the published port.
     */
    private void runAProject(EngineEndpoint endpoint) throws Exception {
        Path image = dir.resolve("image");
        Files.createDirectories(image);
        for (String file : List.of("Dockerfile", "passwd")) {
            try (InputStream in = getClass().getResourceAsStream("/busybox-image/" + file)) {
                Files.copy(in, image.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(Path.of("/bin/busybox"), image.resolve("busybox"));
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "served by Berth's engine\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        int port = freePort();
        Path project = dir.resolve("project");
        Files.createDirectories(project);
        Path file = project.resolve("compose.yaml");
        Files.writeString(file, """
                services:
                  web:
                    build: %s
                    image: berthit/local-engine:test
                    command: ["httpd", "-f", "-p", "80", "-h", "/www"]
                    volumes: ["%s:/www:ro"]
                    ports: ["127.0.0.1:%d:80"]
                    healthcheck:
                      test: ["CMD-SHELL", "nc -w 2 127.0.0.1 80 </dev/null"]
                      interval: 1s
                  client:
                    image: berthit/local-engine:test
                    depends_on:
                      web: {condition: service_healthy}
                    volumes: ["%s:/out"]
                    command: ["sh", "-c", "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 10 web 80 > /out/reply"]
                """.formatted(image, www, port, out));
        LoadResult loaded = ComposeLoader.load(new LoadOptions(List.of(file), project, "berthit-local", List.of(),
                java.util.Set.of(), Map.copyOf(System.getenv()), project));
        assertThat(loaded.errors()).isEmpty();
        try (ComposeRuntime runtime = ComposeRuntime.connect(endpoint)) {
            try {
                runtime.build(loaded.project(), List.of(), ProgressListener.NONE);
                runtime.up(loaded.project(), UpOptions.defaults(), ProgressListener.NONE);

                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/index.html")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.body()).isEqualTo("served by Berth's engine\n");
                Path reply = out.resolve("reply");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!(Files.exists(reply) && Files.readString(reply).contains("200 OK"))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(Files.readString(reply)).as("the client's answer from web").contains("200 OK")
                        .contains("served by Berth's engine");
                // the system engine knows nothing of it
                assertThat(docker("ps", "-a", "--filter", "label=com.docker.compose.project=berthit-local",
                        "--format", "{{.Names}}")).isEmpty();
            } finally {
                runtime.down(loaded.project(), new DownOptions(true, true, Duration.ZERO), ProgressListener.NONE);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Processes whose command line names the layout's folders: its dockerd, containerd and containerd's shims. */
    private static List<Long> processesOf(LocalEngineLayout layout) {
        List<Long> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
                if (cmdline.contains(layout.runDir().toString()) || cmdline.contains(layout.dataDir().toString())) {
                    found.add(p.pid());
                }
            } catch (IOException e) {
                // gone meanwhile
            }
        });
        return found;
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("`%s`: %s", String.join(" ", command), output).isZero();
        return output;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    /** Skips the test, saying why, where it cannot start an engine of its own. */
    private static void assumeItCanStartOne() throws IOException {
        assumeTrue(isRoot(), "Berth's engine runs dockerd, which needs root");
        assumeTrue(LocalEngine.runningOnThisMachine().isEmpty(), () -> "a Berth engine runs on this machine already ("
                + LocalEngine.runningOnThisMachine().orElse("") + "); these tests start their own");
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }
}
