package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code post_start} and {@code pre_stop} run inside the container, as v2 runs them, with their user and environment. */
@Tag("engine")
class HooksEngineTest {
    static final String IMAGE = "berth-sample/busybox:1";

    final String name = "heng-hooks-" + UUID.randomUUID().toString().substring(0, 8);
    Path dir;
    ComposeRuntime runtime;
    ComposeProject project;

    @BeforeEach
    void connect() throws Exception {
        runtime = TestEngine.connect();
        DockerWitness.docker("image", "inspect", IMAGE);   // built by samples/base-images/build.sh
        dir = Files.createTempDirectory("heng-hooks");
        Files.createDirectories(dir.resolve("out"));
        // the pre_stop hook runs as the container's user (1000): it must be able to write there
        Files.setPosixFilePermissions(dir.resolve("out"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (project != null) {
            runtime.down(project, new DownOptions(true, true, Duration.ZERO), ProgressListener.NONE);
        }
        runtime.close();
    }

    ComposeProject load(String postStartCommand) throws Exception {
        project = ComposeText.load(dir, name, """
                services:
                  app:
                    image: %s
                    command: ["sleep", "600"]
                    init: true
                    user: "1000"
                    volumes: ["./out:/out"]
                    post_start:
                      - command: %s
                        user: root
                        environment:
                          GREETING: hello from the hook
                    pre_stop:
                      - command: ["sh", "-c", "id -u > /out/stopped-by"]
                """.formatted(IMAGE, postStartCommand));
        return project;
    }

    @Test
    void postStartRunsAfterTheStartAndPreStopBeforeTheStop() throws Exception {
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        runtime.up(load("sh -c 'echo \"$$GREETING\" > /out/started; id -u >> /out/started'"), UpOptions.defaults(),
                events::add);
        assertThat(Files.readString(dir.resolve("out/started"))).isEqualTo("hello from the hook\n0\n");
        assertThat(events).anySatisfy(e -> assertThat(e.detail()).startsWith("post_start hook: sh -c"));

        List<ProgressEvent> stopping = new CopyOnWriteArrayList<>();
        runtime.stop(project, List.of(), null, stopping::add);
        assertThat(stopping).noneMatch(e -> e.step() == ProgressEvent.Step.WARNING);
        // the hook ran as the container's own user, before the container stopped
        assertThat(Files.readString(dir.resolve("out/stopped-by")).strip()).isEqualTo("1000");
    }

    @Test
    void aFailingPostStartHookFailsUpWithItsOutput() throws Exception {
        assertThatThrownBy(() -> runtime.up(load("[\"sh\", \"-c\", \"echo broken hook >&2; exit 3\"]"),
                UpOptions.defaults(), ProgressListener.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("post_start hook `sh -c echo broken hook >&2; exit 3` exited 3")
                .hasMessageContaining("broken hook");
    }
}
