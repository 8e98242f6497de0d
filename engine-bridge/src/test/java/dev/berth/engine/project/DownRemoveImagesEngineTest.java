package dev.berth.engine.project;

import static dev.berth.engine.project.DockerWitness.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressListener;
import dev.berth.engine.project.ComposeRuntimeEngineTest.Recorder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code down --rmi local|all} removes the images v2 removes, and keeps an image another container still uses. */
@Tag("engine")
class DownRemoveImagesEngineTest extends FreshProject {
    final String named = "berthit-rmi-" + UUID.randomUUID().toString().substring(0, 8) + "/named:1";
    ComposeProject project;

    @BeforeEach
    void writeTheProject() throws Exception {
        // a tag of its own, so that removing it never touches the other tests' base image
        docker("tag", TestImage.NAME, named);
        Files.createDirectories(dir.resolve("built"));
        Files.writeString(dir.resolve("built/Dockerfile"), "FROM " + TestImage.NAME + "\nLABEL berthit.rmi=" + name
                + "\n");
        String serve = "command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done\"]";
        project = ComposeText.load(dir, name, """
                services:
                  built:
                    build: ./built
                    %1$s
                  named:
                    image: %2$s
                    %1$s
                """.formatted(serve, named));
    }

    @Override
    void cleanUp() throws Exception {
        docker("image", "rm", "-f", name + "-built", named);
    }

    static boolean present(String image) throws Exception {
        return !docker("image", "ls", "-q", image).isBlank();
    }

    @Test
    void localRemovesTheBuiltImageAndAllTheNamedOneToo() throws Exception {
        runtime.up(project, UpOptions.defaults(), ProgressListener.NONE);
        assertThat(present(name + "-built")).isTrue();

        Recorder local = new Recorder();
        runtime.down(project, new DownOptions(false, false, Duration.ZERO, "local"), local);
        assertThat(present(name + "-built")).isFalse();
        assertThat(present(named)).isTrue();
        assertThat(local.events).anySatisfy(e -> {
            assertThat(e.resource()).isEqualTo("image " + name + "-built");
            assertThat(e.step()).isEqualTo(ProgressEvent.Step.REMOVED);
        });

        runtime.up(project, UpOptions.defaults(), ProgressListener.NONE);
        // a container outside the project keeps the built image: said, not failed
        String holder = name + "-holder";
        docker("create", "--name", holder, name + "-built", "true");
        try {
            Recorder all = new Recorder();
            runtime.down(project, new DownOptions(false, false, Duration.ZERO, "all"), all);
            assertThat(present(named)).isFalse();
            assertThat(present(TestImage.NAME)).isTrue();
            assertThat(present(name + "-built")).isTrue();
            assertThat(all.events).anySatisfy(e -> {
                assertThat(e.resource()).isEqualTo("image " + name + "-built");
                assertThat(e.step()).isEqualTo(ProgressEvent.Step.WARNING);
                assertThat(e.detail()).contains("still uses it");
            });
        } finally {
            docker("rm", "-f", holder);
        }
    }

    @Test
    void aProjectKnownByNameAloneRemovesItsOwnImagesWithLocal() throws Exception {
        runtime.up(project, UpOptions.defaults(), ProgressListener.NONE);
        ComposeProject byName = runtime.projectOnEngine(name);
        assertThat(ComposeRuntime.imagesToRemove(byName, "local")).containsExactly(name + "-built");
        assertThat(ComposeRuntime.imagesToRemove(byName, "all")).containsExactlyInAnyOrder(name + "-built", named);
        runtime.down(byName, new DownOptions(false, false, Duration.ZERO, "local"), ProgressListener.NONE);
        assertThat(present(name + "-built")).isFalse();
        assertThat(present(named)).isTrue();
    }
}
