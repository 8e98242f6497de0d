package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressEvent.Step;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code up} pulls a missing image from a registry with progress: Debian's {@code docker-registry} runs on
 * 127.0.0.1 (which the engine trusts without TLS), an image with a fresh random layer is pushed to it and
 * removed locally, then a project using it comes up.
 */
@Tag("engine")
class RegistryPullEngineTest {
    private static final Path REGISTRY = Path.of("/usr/bin/docker-registry");
    private static final int PORT = 18450;

    @Test
    void upPullsFromALocalRegistryWithPerLayerProgressAndAServicePercentage() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(REGISTRY), "Debian's docker-registry is not installed"
                + " (apt-get install -y docker-registry; ./test installs it): skipping the registry pull test");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String image = "127.0.0.1:" + PORT + "/heng/pulltest:" + suffix;
        Path dir = Files.createTempDirectory("heng-registry");
        Files.writeString(dir.resolve("config.yml"), """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(dir.resolve("data"), PORT));
        Process registry = new ProcessBuilder(REGISTRY.toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        ComposeRuntime runtime = null;
        ComposeProject project = null;
        try {
            awaitRegistry(registry, dir.resolve("registry.log"));
            // a layer no local image has, so the pull must download it
            Path context = dir.resolve("image");
            Files.createDirectories(context);
            byte[] noise = new byte[3 << 20];
            new Random().nextBytes(noise);
            Files.write(context.resolve("noise.bin"), noise);
            Files.writeString(context.resolve("Dockerfile"), "FROM berth-sample/busybox:1\nCOPY noise.bin /noise.bin\n");
            DockerWitness.docker("build", "-q", "-t", image, context.toString());
            DockerWitness.docker("push", image);
            DockerWitness.docker("rmi", image);

            try {
                runtime = ComposeRuntime.connect(EndpointResolver.resolve());
            } catch (EngineException e) {
                fail("This test needs a Docker engine, and none answers: " + e.describe());
            }
            project = ComposeText.load(dir.resolve("project"), "heng-pull-" + suffix, """
                    services:
                      app:
                        image: %s
                        command: ["sleep", "600"]
                    """.formatted(image));
            List<ProgressEvent> events = new CopyOnWriteArrayList<>();
            runtime.up(project, UpOptions.defaults(), events::add);

            List<ProgressEvent> pulling = events.stream().filter(e -> e.step() == Step.PULLING).toList();
            assertThat(pulling).as("per-layer download messages")
                    .anyMatch(e -> e.detail().matches("[0-9a-f]{12}: Downloading \\d+%"));
            assertThat(pulling).as("a layer extracted").anyMatch(e -> e.detail().matches("[0-9a-f]{12}: Pull complete"));
            List<Integer> percents = pulling.stream().map(ProgressEvent::pullPercent).filter(p -> p >= 0).toList();
            assertThat(percents).as("the service's pull percentage").startsWith(0).endsWith(100).isSorted();
            assertThat(percents).as("intermediate percentages").anyMatch(p -> p > 0 && p < 100);
            assertThat(pulling).allMatch(e -> e.service().equals("app"));
            assertThat(events).anyMatch(e -> e.step() == Step.DONE && e.detail().equals("pulled"));
            assertThat(DockerWitness.inspect("heng-pull-" + suffix + "-app-1", "{{.State.Running}}")).isEqualTo("true");

            // pull_policy: always pulls although the image is there now
            ComposeProject always = ComposeText.load(dir.resolve("project"), "heng-pull-" + suffix, """
                    services:
                      app:
                        image: %s
                        command: ["sleep", "600"]
                        pull_policy: always
                    """.formatted(image));
            List<ProgressEvent> again = new CopyOnWriteArrayList<>();
            runtime.up(always, UpOptions.defaults(), again::add);
            assertThat(again).as("pulled again").anyMatch(e -> e.step() == Step.PULLING)
                    .anyMatch(e -> e.step() == Step.DONE && e.detail().equals("pulled"));
            List<ProgressEvent> missing = new CopyOnWriteArrayList<>();
            runtime.up(project, UpOptions.defaults(), missing::add);
            assertThat(missing).as("the default (missing) does not pull an image that is there")
                    .noneMatch(e -> e.step() == Step.PULLING);
        } finally {
            if (runtime != null) {
                runtime.down(project, new DownOptions(true, true, Duration.ZERO), events -> { });
                runtime.close();
            }
            registry.destroy();
            registry.waitFor();
            new ProcessBuilder("docker", "rmi", "-f", image).start().waitFor();
        }
    }

    private static void awaitRegistry(Process registry, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            if (!registry.isAlive()) {
                fail("docker-registry exited at once: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/v2/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                fail("docker-registry did not answer on 127.0.0.1:" + PORT + " within 20s: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }
}
