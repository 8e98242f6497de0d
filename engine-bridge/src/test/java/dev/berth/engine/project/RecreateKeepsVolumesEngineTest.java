package dev.berth.engine.project;

import static dev.berth.engine.project.DockerWitness.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.ProgressListener;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A recreated container keeps its predecessor's anonymous volumes, as v2 and v1 do: the image's {@code VOLUME}
 * and a {@code - /path} of the file. So a database without a named volume keeps its data when its settings
 * change. {@code -V} (renew anonymous volumes) starts them afresh.
 */
@Tag("engine")
class RecreateKeepsVolumesEngineTest extends FreshProject {
    /** The volumes -V left behind (as v2 leaves them): removed after the test. */
    final java.util.List<String> renewedAway = new java.util.ArrayList<>();

    @BeforeEach
    void writeTheImage() throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db/Dockerfile"), "FROM " + TestImage.NAME + "\nVOLUME /data\n");
    }

    @Override
    void cleanUp() throws Exception {
        docker("image", "rm", "-f", name + "-db");
        for (String volume : renewedAway) {
            docker("volume", "rm", "-f", volume);
        }
    }

    ComposeProject project(String setting) throws Exception {
        return ComposeText.load(dir, name, """
                services:
                  db:
                    build: ./db
                    environment:
                      SETTING: %s
                    volumes:
                      - /cache
                    command: ["sh", "-c", "trap 'exit 0' TERM; [ -f /data/first ] || cat /proc/sys/kernel/random/uuid > /data/first; while true; do sleep 1 & wait $!; done"]
                """.formatted(setting));
    }

    String container() throws Exception {
        return docker("inspect", "-f", "{{.Id}}", name + "-db-1");
    }

    String first() throws Exception {
        for (int i = 0; i < 50; i++) {
            String out = docker("exec", name + "-db-1", "sh", "-c", "cat /data/first 2>/dev/null || true");
            if (!out.isBlank()) {
                return out;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/data/first was never written");
    }

    @Test
    void anonymousVolumesOutliveARecreateUnlessRenewed() throws Exception {
        runtime.up(project("one"), UpOptions.defaults(), ProgressListener.NONE);
        String before = container();
        String data = first();
        docker("exec", name + "-db-1", "touch", "/cache/mark");

        runtime.up(project("two"), UpOptions.defaults(), ProgressListener.NONE);
        assertThat(container()).as("recreated: its environment changed").isNotEqualTo(before);
        assertThat(first()).as("the image's VOLUME /data came along").isEqualTo(data);
        assertThat(docker("exec", name + "-db-1", "ls", "/cache")).as("the file's - /cache came along")
                .isEqualTo("mark");

        renewedAway.addAll(java.util.List.of(docker("inspect", "-f", "{{range .Mounts}}{{.Name}} {{end}}",
                name + "-db-1").strip().split("\\s+")));
        runtime.up(project("three"), UpOptions.defaults().withNewAnonymousVolumes(true), ProgressListener.NONE);
        assertThat(first()).as("-V: a new /data").isNotEqualTo(data);
        assertThat(docker("exec", name + "-db-1", "ls", "/cache")).as("-V: a new /cache").isEmpty();
    }
}
