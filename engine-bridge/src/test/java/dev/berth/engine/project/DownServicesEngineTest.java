package dev.berth.engine.project;

import static dev.berth.engine.project.DockerWitness.docker;
import static dev.berth.engine.project.DockerWitness.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressListener;
import dev.berth.engine.project.ComposeRuntimeEngineTest.Recorder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code down SERVICE…} as in {@code docker compose} v2: the named services and every service that depends on them,
 * dependents first; the rest of the project keeps running, and the network and volumes it still uses stay with a
 * warning.
 */
@Tag("engine")
class DownServicesEngineTest extends FreshProject {
    static final String YAML = """
            x-idle: &idle
              image: %s
              command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"]
            services:
              db:
                <<: *idle
                volumes: [data:/data]
              web:
                <<: *idle
                depends_on: [db]
              worker:
                <<: *idle
                depends_on: [web]
              cache:
                <<: *idle
                volumes: [data:/cache]
            volumes:
              data: {}
            """.formatted(TestImage.NAME);

    @Test
    void takesDownTheServicesAndTheirDependentsAndLeavesTheRestWithWhatItUses() throws Exception {
        ComposeProject p = ComposeText.load(dir, name, YAML);
        runtime.up(p, UpOptions.defaults(), ProgressListener.NONE);
        assertThat(names(name)).hasSize(4);

        Recorder down = new Recorder();
        runtime.down(p, new DownOptions(true, false, Duration.ZERO, null, List.of("db")), down);

        assertThat(names(name)).containsExactly(name + "-cache-1");
        assertThat(DockerWitness.inspect(name + "-cache-1", "{{.State.Running}}")).isEqualTo("true");
        // dependents went first: worker before web before db
        List<String> removed = down.events.stream().filter(e -> e.step() == ProgressEvent.Step.STOPPED)
                .map(ProgressEvent::service).toList();
        assertThat(removed).containsExactly("worker", "web", "db");
        assertThat(docker("network", "ls", "-q", "--filter", "name=" + name + "_default")).isNotBlank();
        assertThat(docker("volume", "ls", "-q", "--filter", "name=" + name + "_data")).isNotBlank();
        assertThat(down.events).filteredOn(e -> e.step() == ProgressEvent.Step.WARNING)
                .extracting(ProgressEvent::resource)
                .containsExactlyInAnyOrder("network " + name + "_default", "volume " + name + "_data");
        assertThat(down.events).filteredOn(e -> e.step() == ProgressEvent.Step.WARNING).allSatisfy(e ->
                assertThat(e.detail()).contains(name + "-cache-1").contains("not taken down"));

        // a name the project does not have (by name alone: a service whose containers are gone, or a typo) takes
        // nothing down, not even the volume nobody uses any more
        runtime.down(p, new DownOptions(false, false, Duration.ZERO, null, List.of("cache")), ProgressListener.NONE);
        assertThat(names(name)).isEmpty();
        Recorder typo = new Recorder();
        runtime.down(runtime.projectOnEngine(name), new DownOptions(true, false, Duration.ZERO, null,
                List.of("dbb")), typo);
        assertThat(docker("volume", "ls", "-q", "--filter", "name=" + name + "_data")).isNotBlank();
        assertThat(typo.events).anySatisfy(e -> assertThat(e.detail()).contains("no container of dbb"));
    }
}
