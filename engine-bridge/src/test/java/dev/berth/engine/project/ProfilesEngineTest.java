package dev.berth.engine.project;

import static dev.berth.engine.project.DockerWitness.docker;
import static dev.berth.engine.project.DockerWitness.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressListener;
import dev.berth.engine.project.ComposeRuntimeEngineTest.Recorder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A service of a profile that is not enabled is still part of the project, as in {@code docker compose} v2: its
 * containers are not orphans, {@code down} and {@code --remove-orphans} leave them, and what they use stays with a
 * warning that says how to take them down too. So does a network that a container outside the project joined.
 */
@Tag("engine")
class ProfilesEngineTest extends FreshProject {
    static final String YAML = """
            services:
              app:
                image: %1$s
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"]
                volumes: [data:/data]
              debug:
                image: %1$s
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"]
                profiles: [debug]
                volumes: [data:/data]
            volumes:
              data: {}
            """.formatted(TestImage.NAME);

    @Test
    void containersOfAServiceWhoseProfileIsNotEnabledAreNeitherOrphansNorTakenDown() throws Exception {
        ComposeProject withDebug = ComposeText.load(dir, name, YAML, Set.of("debug"));
        ComposeProject plain = ComposeText.load(dir, name, YAML);
        assertThat(plain.services()).containsOnlyKeys("app");
        assertThat(plain.disabledServices()).containsExactly(Map.entry("debug", java.util.List.of("debug")));

        runtime.up(withDebug, UpOptions.defaults(), ProgressListener.NONE);
        assertThat(names(name)).containsExactlyInAnyOrder(name + "-app-1", name + "-debug-1");

        // up --remove-orphans without the profile: debug is no orphan
        Recorder up = new Recorder();
        runtime.up(plain, new UpOptions(false, false, true, false, Duration.ZERO), up);
        assertThat(names(name)).containsExactlyInAnyOrder(name + "-app-1", name + "-debug-1");
        assertThat(up.events).noneSatisfy(e -> assertThat(e.detail()).contains("orphan"));

        // down -v --remove-orphans without the profile: app goes; debug, its network and volume stay, said once each
        Recorder down = new Recorder();
        runtime.down(plain, new DownOptions(true, true, Duration.ZERO), down);
        assertThat(names(name)).containsExactly(name + "-debug-1");
        assertThat(docker("network", "ls", "-q", "--filter", "name=" + name + "_default")).isNotBlank();
        assertThat(docker("volume", "ls", "-q", "--filter", "name=" + name + "_data")).isNotBlank();
        assertThat(down.events).filteredOn(e -> e.step() == ProgressEvent.Step.WARNING)
                .extracting(ProgressEvent::resource)
                .containsExactlyInAnyOrder("network " + name + "_default", "volume " + name + "_data");
        assertThat(down.events).filteredOn(e -> e.step() == ProgressEvent.Step.WARNING).allSatisfy(e ->
                assertThat(e.detail()).contains(name + "-debug-1").contains("`--profile debug down`")
                        .doesNotContain("orphan"));

        // with the profile, down takes everything
        runtime.down(withDebug, new DownOptions(true, false, Duration.ZERO), ProgressListener.NONE);
        assertThat(names(name)).isEmpty();
        assertThat(docker("network", "ls", "-q", "--filter", "name=" + name + "_default")).isBlank();
        assertThat(docker("volume", "ls", "-q", "--filter", "name=" + name + "_data")).isBlank();
    }

    @Test
    void aNetworkThatAContainerOutsideTheProjectJoinedStaysWithAWarningAndDownGoesOn() throws Exception {
        ComposeProject plain = ComposeText.load(dir, name, YAML);
        runtime.up(plain, UpOptions.defaults(), ProgressListener.NONE);
        String stranger = name + "-stranger";
        docker("run", "-d", "--name", stranger, "--network", name + "_default", TestImage.NAME, "sleep", "120");
        try {
            Recorder down = new Recorder();
            runtime.down(plain, new DownOptions(false, false, Duration.ZERO), down);
            assertThat(names(name)).isEmpty();
            assertThat(down.events).anySatisfy(e -> {
                assertThat(e.resource()).isEqualTo("network " + name + "_default");
                assertThat(e.step()).isEqualTo(ProgressEvent.Step.WARNING);
                assertThat(e.detail()).contains("outside this project");
            });
        } finally {
            docker("rm", "-f", stranger);
        }
    }
}
