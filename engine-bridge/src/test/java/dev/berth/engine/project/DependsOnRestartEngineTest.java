package dev.berth.engine.project;

import static dev.berth.engine.project.DockerWitness.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.ProgressListener;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code depends_on: {db: {restart: true}}}: when up recreates db, or restart restarts it, the dependent restarts
 * too (same container, started again), as v2 does; a dependent without it keeps running untouched.
 */
@Tag("engine")
class DependsOnRestartEngineTest extends FreshProject {
    ComposeProject project(String dbSetting) throws Exception {
        String serve = "command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done\"]";
        return ComposeText.load(dir, name, """
                services:
                  db:
                    image: %1$s
                    %2$s
                    environment:
                      SETTING: %3$s
                  app:
                    image: %1$s
                    %2$s
                    depends_on:
                      db:
                        condition: service_started
                        restart: true
                  report:
                    image: %1$s
                    %2$s
                    depends_on: [db]
                """.formatted(TestImage.NAME, serve, dbSetting));
    }

    String started(String service) throws Exception {
        return docker("inspect", "-f", "{{.Id}} {{.State.StartedAt}} {{.State.Status}}", name + "-" + service + "-1");
    }

    @Test
    void aRecreatedOrRestartedDependencyRestartsTheDependentsThatAskForIt() throws Exception {
        runtime.up(project("one"), UpOptions.defaults(), ProgressListener.NONE);
        String app = started("app");
        String report = started("report");
        String db = started("db");

        runtime.up(project("two"), UpOptions.defaults(), ProgressListener.NONE);
        assertThat(started("db").split(" ")[0]).as("db recreated").isNotEqualTo(db.split(" ")[0]);
        String appAfter = started("app");
        assertThat(appAfter.split(" ")[0]).as("app is the same container").isEqualTo(app.split(" ")[0]);
        assertThat(appAfter).as("app started again").isNotEqualTo(app).endsWith(" running");
        assertThat(started("report")).as("report untouched").isEqualTo(report);

        runtime.restart(project("two"), List.of("db"), Duration.ofSeconds(5), ProgressListener.NONE);
        assertThat(started("app")).as("restart db restarts app too").isNotEqualTo(appAfter).endsWith(" running");
        assertThat(started("report")).as("report still untouched").isEqualTo(report);
    }
}
