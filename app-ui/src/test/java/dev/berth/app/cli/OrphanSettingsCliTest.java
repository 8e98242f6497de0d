package dev.berth.app.cli;

import static dev.berth.app.cli.TrainingWheelsCliTest.berth;
import static dev.berth.app.cli.TrainingWheelsCliTest.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.cli.TrainingWheelsCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code COMPOSE_REMOVE_ORPHANS} and {@code COMPOSE_IGNORE_ORPHANS} from the project's environment (here its .env
 * file), as v2 reads them: the first removes the containers of services the file no longer defines on up and down,
 * the second keeps up from even warning about them.
 */
@Tag("engine")
class OrphanSettingsCliTest {
    final String project = "berthit-" + UUID.randomUUID().toString().substring(0, 8);
    Path dir;
    String compose;

    @BeforeEach
    void startTwoServicesThenForgetOne() throws Exception {
        dir = Files.createTempDirectory("berthit-orphans");
        compose = dir.resolve("compose.yaml").toString();
        String service = """
                  %s:
                    image: berth-sample/busybox:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"]
                """;
        Files.writeString(Path.of(compose), "name: " + project + "\nservices:\n" + service.formatted("kept")
                + service.formatted("gone"));
        Run up = berth("-f", compose, "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        Files.writeString(Path.of(compose), "name: " + project + "\nservices:\n" + service.formatted("kept"));
    }

    @AfterEach
    void removeProject() {
        for (String left : docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + project).split("\\s+")) {
            if (!left.isBlank()) {
                docker("rm", "-f", left);
            }
        }
        docker("network", "rm", project + "_default");
    }

    String containers() {
        return docker("ps", "-a", "--format", "{{.Names}}", "--filter", "label=com.docker.compose.project=" + project);
    }

    @Test
    void withoutSettingsUpWarnsAndKeepsTheOrphan() {
        Run up = berth("-f", compose, "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out() + up.err()).contains("Found orphan containers (" + project + "-gone-1)");
        assertThat(containers()).contains(project + "-gone-1");
    }

    @Test
    void removeOrphansTrueRemovesThemOnUp() throws Exception {
        Files.writeString(dir.resolve(".env"), "COMPOSE_REMOVE_ORPHANS=1\n");
        Run up = berth("-f", compose, "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(containers()).contains(project + "-kept-1").doesNotContain(project + "-gone-1");
    }

    @Test
    void removeOrphansFalseWinsOverTheFlagOnUpAsInV2() throws Exception {
        Files.writeString(dir.resolve(".env"), "COMPOSE_REMOVE_ORPHANS=false\n");
        Run up = berth("-f", compose, "up", "-d", "--remove-orphans");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(containers()).contains(project + "-gone-1");
    }

    @Test
    void removeOrphansTrueRemovesThemOnDown() throws Exception {
        Files.writeString(dir.resolve(".env"), "COMPOSE_REMOVE_ORPHANS=true\n");
        Run down = berth("-f", compose, "down", "-t", "0");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(containers()).isEmpty();
    }

    @Test
    void ignoreOrphansSilencesTheWarning() throws Exception {
        Files.writeString(dir.resolve(".env"), "COMPOSE_IGNORE_ORPHANS=True\n");
        Run up = berth("-f", compose, "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out() + up.err()).doesNotContain("orphan");
        assertThat(containers()).contains(project + "-gone-1");
    }
}
