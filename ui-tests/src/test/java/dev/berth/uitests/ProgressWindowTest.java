package dev.berth.uitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.projects.ServiceProgress;
import dev.berth.app.projects.UpProgress;
import dev.berth.app.shell.MainWindow;
import dev.berth.compose.LoadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * While Up runs, the progress view shows each service's step (building with its log, creating, starting, waiting
 * until healthy); when a service never gets healthy, the view stays and names the service, the step, the engine's
 * message and the fix.
 */
@Tag("ui")
@Tag("engine")
@ExtendWith(ApplicationExtension.class)
class ProgressWindowTest {
    /** Its own name each run: the image is new, so Up builds it and shows the build. */
    static final String PROJECT = "hprog-progress-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    static final String COMPOSE = """
            services:
              store:
                image: berth-sample/busybox:1
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"]
              web:
                build: ./web
                depends_on: [store]
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"]
                healthcheck:   # never passes: the page it checks is never there
                  test: ["CMD", "sh", "-c", "echo 'no /ready file: the app did not finish starting'; test -f /ready"]
                  interval: 1s
                  timeout: 2s
                  retries: 3
                  start_period: 6s
            """;
    static final String DOCKERFILE = """
            FROM berth-sample/busybox:1
            RUN echo "preparing the page" && sleep 2 && echo "page prepared" > /page.txt
            RUN echo "%s"
            """;

    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("hprog-progress");
        Files.writeString(dir.resolve("compose.yaml"), COMPOSE);
        Files.createDirectories(dir.resolve("web"));
        // a line of its own each run, so that the build runs its steps (and logs them) instead of using the cache
        Files.writeString(dir.resolve("web/Dockerfile"), DOCKERFILE.formatted("build " + System.nanoTime()));
        LoadOptions options = new LoadOptions(List.of(dir.resolve("compose.yaml")), null, PROJECT, List.of(),
                Set.of(), Map.of(), dir);
        stage.setWidth(1280);
        stage.setHeight(820);
        window = MainWindow.open(stage, options, url -> { });
    }

    @AfterEach
    void downEvenWhenTheTestFailed() throws Exception {
        var vm = window.viewModel();
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        WaitForAsyncUtils.asyncFx(() -> vm.down(true)).get();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        new ProcessBuilder("docker", "rmi", "-f", PROJECT + "-web").inheritIO().start().waitFor(60, TimeUnit.SECONDS);
    }

    @Test
    void eachServiceShowsItsStepAndAFailureNamesTheServiceTheStepAndTheFix(FxRobot robot) throws Exception {
        Button up = robot.lookup("#upButton").queryButton();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !up.isDisabled());
        UpProgress progress = window.viewModel().upProgress();

        robot.clickOn("#upButton");
        // the build shows its log on demand
        Screens.await(robot, stage, "the build log can be shown", 120, () -> robot.lookup("#buildLogToggle-web")
                .tryQuery().map(Node::isVisible).orElse(false));
        robot.clickOn("#buildLogToggle-web");
        Screens.await(robot, stage, "web waits until healthy", 120,
                () -> phase(progress, "web") == ServiceProgress.Phase.WAITING);
        Screens.await(robot, stage, "store is done", 30, () -> phase(progress, "store") == ServiceProgress.Phase.DONE);
        assertThat(progress.rows().stream().filter(r -> r.service().equals("web")).findFirst().orElseThrow()
                .buildLog()).anySatisfy(line -> assertThat(line).contains("preparing the page"));
        assertThat(robot.lookup("#progressPhase-web").queryAs(Label.class).getText())
                .isEqualTo("waiting until healthy");
        Screens.capture(robot, stage, "progress-up.png");

        Screens.await(robot, stage, "Up fails", 120, () -> progress.failureProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#failureHeadline").queryAs(Label.class).getText())
                .isEqualTo("web failed while waiting until healthy");
        assertThat(robot.lookup("#failureMessage").queryAs(TextArea.class).getText())
                .contains(PROJECT + "-web-1 is unhealthy")
                .contains("no /ready file: the app did not finish starting");
        assertThat(robot.lookup("#failureHint").queryAs(Label.class).getText()).startsWith("Fix: ").contains("logs web");
        assertThat(robot.lookup("#progressPhase-web").queryAs(Label.class).getText())
                .isEqualTo("failed while waiting until healthy");
        assertThat(robot.lookup("#progressView").query().isVisible()).as("a failure stays readable").isTrue();
        robot.clickOn("#buildLogToggle-web");
        Screens.capture(robot, stage, "progress-failed.png");
    }

    private static ServiceProgress.Phase phase(UpProgress progress, String service) {
        return progress.rows().stream().filter(r -> r.service().equals(service)).findFirst()
                .map(ServiceProgress::phase).orElse(null);
    }
}
