package dev.berth.uitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.projects.ServiceRow;
import dev.berth.app.shell.MainWindow;
import dev.berth.compose.LoadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window on the real engine: open trainingwheels, press Up, see both services running, then Down. */
@Tag("ui")
@Tag("engine")
@ExtendWith(ApplicationExtension.class)
class ProjectWindowTest {
    static final Path REPO = Path.of(System.getProperty("berth.repo.root", ".."));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The sample's own name, so that the screenshots show what a user sees. */
    static final String PROJECT = "trainingwheels";

    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Path sample = REPO.resolve("samples/trainingwheels").toAbsolutePath().normalize();
        LoadOptions options = new LoadOptions(List.of(sample.resolve("compose.yaml")), null, PROJECT, List.of(),
                Set.of(), Map.of(), sample);
        window = MainWindow.open(stage, options, url -> { });
    }

    @AfterEach
    void downEvenWhenTheTestFailed() throws Exception {
        var vm = window.viewModel();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        WaitForAsyncUtils.asyncFx(() -> vm.down(true)).get();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
    }

    @Test
    void upStartsBothServicesAndDownRemovesThem(FxRobot robot) throws Exception {
        Button up = robot.lookup("#upButton").queryButton();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !up.isDisabled());
        TableView<ServiceRow> table = robot.lookup("#servicesTable").queryTableView();
        assertThat(table.getItems()).extracting(ServiceRow::service).containsExactly("web", "store");
        screenshot(robot, "start-trainingwheels.png");

        robot.clickOn("#upButton");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> bothRunning(table) && !up.isDisabled());
        assertThat(table.getItems()).extracting(ServiceRow::container)
                .containsExactly(PROJECT + "-web-1", PROJECT + "-store-1");
        assertThat(table.getItems().getFirst().ports()).anySatisfy(p -> assertThat(p.hostPort()).isEqualTo(8000));
        String page = get("http://127.0.0.1:8000/");
        assertThat(page).contains("seen 1 times");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.viewModel().logLines().stream()
                .anyMatch(line -> line.container().equals(PROJECT + "-web-1")));
        screenshot(robot, "services-running.png");

        robot.clickOn("#downButton");
        robot.clickOn("#removeVolumes");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(
                () -> table.getItems().stream().allMatch(r -> r.state().equals("not created"))));
    }

    /** The page the web service serves; retried while the store is still starting. */
    private static String get(String url) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String body = "";
        for (int attempt = 0; attempt < 60 && !body.contains("seen"); attempt++) {
            try {
                body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.io.IOException notYet) {
                Thread.sleep(500);
            }
        }
        return body;
    }

    /** Read on the FX thread: the view-model replaces the table's rows there while the test waits. */
    private static boolean bothRunning(TableView<ServiceRow> table) throws Exception {
        List<ServiceRow> rows = onFx(() -> List.copyOf(table.getItems()));
        return rows.size() == 2 && rows.stream().allMatch(r -> r.stateText().equals("running"));
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    private void screenshot(FxRobot robot, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        WaitForAsyncUtils.waitForFxEvents();
        // Pixels from the screen (Xvfb), as a person sees them, not a re-rendering of the scene graph.
        var bounds = new javafx.geometry.Rectangle2D(stage.getX() + stage.getScene().getX(),
                stage.getY() + stage.getScene().getY(), stage.getScene().getWidth(), stage.getScene().getHeight());
        var image = robot.capture(bounds).getImage();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", SCREENSHOTS.resolve(name).toFile());
    }
}
