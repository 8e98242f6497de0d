package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressEvent.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The service's {@code pull_policy} on a real engine (the pull of {@code always} is in RegistryPullEngineTest). */
@Tag("engine")
class PullPolicyEngineTest {
    final String name = "berthit-pp-" + UUID.randomUUID().toString().substring(0, 8);
    final ComposeRuntime runtime = TestEngine.connect();
    ComposeProject project;

    @AfterEach
    void down() throws Exception {
        if (project != null) {
            runtime.down(project, new DownOptions(true, true, Duration.ZERO), e -> { });
        }
        runtime.close();
        new ProcessBuilder("docker", "rmi", "-f", name + "-built").start().waitFor();
    }

    @Test
    void neverRefusesToPullAMissingImageAndSaysSo() throws Exception {
        project = ComposeText.load(Files.createTempDirectory("berthit-pp"), name, """
                services:
                  app:
                    image: 127.0.0.1:1/nowhere/missing:%s
                    pull_policy: never
                """.formatted(name));
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> runtime.up(project, UpOptions.defaults(), events::add))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("is not on the engine, and the service's pull_policy: never forbids pulling it");
        assertThat(events).noneMatch(e -> e.step() == Step.PULLING);
    }

    @Test
    void buildBuildsAtEveryUpAndPeriodicPoliciesSayHowTheyAreTaken() throws Exception {
        Path dir = withBuildContext();
        project = ComposeText.load(dir, name, """
                services:
                  app:
                    image: %s-built
                    build: ./app
                    pull_policy: build
                  side:
                    image: berth-sample/busybox:1
                    command: ["sleep", "600"]
                    pull_policy: daily
                """.formatted(name));
        List<ProgressEvent> first = new CopyOnWriteArrayList<>();
        runtime.up(project, UpOptions.defaults(), first::add);
        List<ProgressEvent> second = new CopyOnWriteArrayList<>();
        runtime.up(project, UpOptions.defaults(), second::add);
        assertThat(second).as("built again although the image is there")
                .anyMatch(e -> e.service().equals("app") && e.step() == Step.BUILDING);
        assertThat(second).anyMatch(e -> e.service().equals("side") && e.step() == Step.WARNING
                && e.detail().contains("pull_policy daily is taken as missing"));
        assertThat(second).noneMatch(e -> e.service().equals("side") && e.step() == Step.PULLING);
    }

    @Test
    void noBuildAndAPullOverrideComeBeforeTheServicesOwnPolicy() throws Exception {
        Path dir = withBuildContext();
        project = ComposeText.load(dir, name, """
                services:
                  app:
                    image: %s-built
                    build: ./app
                """.formatted(name));
        assertThatThrownBy(() -> runtime.up(project, UpOptions.defaults().withPolicies(false, true, null), e -> { }))
                .isInstanceOf(EngineException.class).hasMessageContaining("--no-build forbids building it");
        ComposeProject missing = ComposeText.load(dir.resolve("other"), name, """
                services:
                  app:
                    image: 127.0.0.1:1/nowhere/missing:%s
                """.formatted(name));
        assertThatThrownBy(() -> runtime.up(missing, UpOptions.defaults().withPolicies(false, false, "never"), e -> { }))
                .isInstanceOf(EngineException.class).hasMessageContaining("--pull never forbids pulling it");
    }

    @Test
    void pullWithIgnoredFailuresWarnsAboutEachImageThatCannotCome() throws Exception {
        project = ComposeText.load(Files.createTempDirectory("berthit-pp"), name, """
                services:
                  one:
                    image: 127.0.0.1:1/nowhere/one:%1$s
                  two:
                    image: 127.0.0.1:1/nowhere/two:%1$s
                """.formatted(name));
        assertThatThrownBy(() -> runtime.pull(project, List.of(), false, e -> { }))
                .isInstanceOf(EngineException.class).hasMessageContaining("127.0.0.1:1/nowhere/");
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        runtime.pull(project, List.of(), true, events::add);
        assertThat(events).filteredOn(e -> e.step() == Step.WARNING)
                .extracting(ProgressEvent::service).containsExactlyInAnyOrder("one", "two");
        assertThat(events).filteredOn(e -> e.step() == Step.WARNING)
                .allSatisfy(e -> assertThat(e.detail()).startsWith("not pulled: "));
    }

    /** A temporary project folder with a build context {@code app/} (a Dockerfile on the sample busybox). */
    private static Path withBuildContext() throws Exception {
        Path dir = Files.createTempDirectory("berthit-pp");
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM berth-sample/busybox:1\nCMD [\"sleep\", \"600\"]\n");
        return dir;
    }
}
