package dev.berth.uitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.common.SettingsStore;
import dev.berth.app.common.SettingsStore.RecentProject;
import dev.berth.app.common.SettingsStore.Settings;
import dev.berth.app.projects.ServiceRow;
import dev.berth.app.shell.MainWindow;
import dev.berth.app.start.StartViewModel.RecentEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A user's first minutes on the real window and the real engine: the start screen, Clone repository… from a
 * bare git repository (file:// URL; first a wrong address, which the dialog explains), the files found, Up,
 * the page served, Down, and back to the start screen where the clone is now the first recent project.
 */
@Tag("ui")
@Tag("engine")
@ExtendWith(ApplicationExtension.class)
class StartScreenTest {
    static final Path REPO = Path.of(System.getProperty("berth.repo.root", ".."));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The clone's folder name, hence its compose project name: unique to this engineer's tests. */
    static final String PROJECT = "hstart-sample";
    static final int PORT = 18150;

    @TempDir
    static Path temp;
    static String bareUrl;

    private MainWindow window;
    private Stage stage;

    @BeforeAll
    static void aBareRepositoryAndAConfigFolderOfOurOwn() throws Exception {
        Path config = Files.createDirectories(temp.resolve("config"));
        System.setProperty("berth.config.dir", config.toString());
        System.setProperty("berth.data.dir", temp.resolve("data").toString());
        Path trainingwheels = REPO.resolve("samples/trainingwheels").toAbsolutePath().normalize();
        new SettingsStore(config, w -> { }).save(new Settings(null, List.of(
                new RecentProject(trainingwheels.toString(), "trainingwheels"),
                new RecentProject(temp.resolve("moved-away/shop").toString(), "shop"))));
        bareUrl = bareRepositoryWithSample(temp.resolve("origin/sample.git"), temp.resolve("work")).toUri().toString();
    }

    /** A one-service project (busybox httpd, its port from .env), committed and pushed to a bare repository. */
    private static Path bareRepositoryWithSample(Path bare, Path work) throws Exception {
        Files.createDirectories(work.resolve("www"));
        Files.writeString(work.resolve("compose.yaml"), """
                # one web page, served by busybox httpd
                services:
                  web:
                    image: berth-sample/busybox:1
                    command: ["httpd", "-f", "-vv", "-p", "8080", "-h", "/www"]
                    ports:
                      - "127.0.0.1:${WEB_PORT}:8080"
                    volumes:
                      - ./www:/www:ro
                    stop_signal: SIGKILL   # httpd as PID 1 ignores SIGTERM and keeps no state
                """);
        Files.writeString(work.resolve(".env"), "WEB_PORT=" + PORT + "\n");
        Files.writeString(work.resolve("www/index.html"), "<h1>Hello from a clone</h1>\n");
        try (Git ignored = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call();
             Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("A sample project").setAuthor("Berth tests", "tests@berth.dev")
                    .setCommitter("Berth tests", "tests@berth.dev").setSign(false).call();
            git.push().setRemote(bare.toUri().toString()).add("main").call();
        }
        return bare;
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = MainWindow.openStart(stage, url -> { });
    }

    @AfterEach
    void downEvenWhenTheTestFailed() throws Exception {
        var vm = window.viewModel();
        if (vm == null) {
            return;
        }
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        if (vm.readyProperty().get()) {
            WaitForAsyncUtils.asyncFx(() -> vm.down(true)).get();
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        }
    }

    @Test
    void cloneOpenUpAndDown(FxRobot robot) throws Exception {
        ListView<RecentEntry> recent = robot.lookup("#recentProjects").queryListView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> recent.getItems().size() == 2);
        assertThat(recent.getItems()).extracting(RecentEntry::name, RecentEntry::present)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("trainingwheels", true),
                        org.assertj.core.groups.Tuple.tuple("shop", false));
        assertThat(robot.lookup("Remove from list").tryQuery()).isPresent();
        screenshot(robot, "start-screen.png");

        // Ctrl+Shift+O: the Clone dialog; a wrong address first
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O).release(KeyCode.O, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#cloneUrl").tryQuery().isPresent());
        Path target = temp.resolve("projects").resolve(PROJECT);
        String wrong = temp.resolve("origin/no-such.git").toUri().toString();
        fillCloneDialog(robot, wrong, target);
        robot.clickOn("#cloneStart");
        Label error = robot.lookup("#cloneError").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, error::isVisible);
        assertThat(error.getText()).contains("There is no git repository at " + wrong).contains("Check the address");
        assertThat(target).doesNotExist();
        screenshot(robot, "start-clone-error.png", error.getScene().getWindow());

        fillCloneDialog(robot, bareUrl, target);
        robot.clickOn("#cloneStart");

        // the project window: the files the model's discovery found, and Up
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewModel() != null
                && robot.lookup("#projectSources").tryQuery().isPresent());
        HBox sources = robot.lookup("#projectSources").queryAs(HBox.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> labels(sources).contains("compose.yaml"));
        assertThat(labels(sources)).contains("compose.yaml", ".env", target.toString());
        assertThat(target.resolve("www/index.html")).exists();

        // the tab's content joins the scene with the tab pane's skin, a pulse after the workspace
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#upButton").tryQuery().isPresent());
        Button up = robot.lookup("#upButton").queryButton();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !up.isDisabled());

        // the cloned compose file is in the editor tab, validated, with no problem
        robot.clickOn("Compose file");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.editor() != null && window.editor().readyProperty().get());
        String onDisk = java.nio.file.Files.readString(target.resolve("compose.yaml"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.editor().area().getText().equals(onDisk));
        assertThat(window.editor().problems()).isEmpty();
        robot.clickOn("Services");

        TableView<ServiceRow> table = robot.lookup("#servicesTable").queryTableView();
        assertThat(table.getItems()).extracting(ServiceRow::service).containsExactly("web");

        robot.clickOn("#upButton");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> running(table) && !up.isDisabled());
        assertThat(table.getItems()).extracting(ServiceRow::container).containsExactly(PROJECT + "-web-1");
        assertThat(get("http://127.0.0.1:" + PORT + "/")).contains("Hello from a clone");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.viewModel().logLines().stream()
                .anyMatch(line -> line.container().equals(PROJECT + "-web-1")));
        screenshot(robot, "services-after-clone.png");

        robot.clickOn("#downButton");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> table.getItems().stream().allMatch(r -> r.state().equals("not created")));

        // back to the start screen: the clone is the most recent project now
        robot.clickOn("#projectsButton");
        ListView<RecentEntry> again = robot.lookup("#recentProjects").queryListView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> again.getItems().size() == 3);
        assertThat(again.getItems().getFirst().directory()).isEqualTo(target);
        assertThat(window.viewModel()).isNull();

        // a folder gone from disk comes off the list with its button; the others stay
        robot.clickOn("Remove from list");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> again.getItems().size() == 2);
        assertThat(again.getItems()).extracting(RecentEntry::name).containsExactly(PROJECT, "trainingwheels");

        // a folder with no compose file: the screen says so and what to do (as after Open folder… on it)
        Path empty = Files.createDirectories(temp.resolve("just-notes"));
        robot.interact(() -> window.startViewModel().open(empty));
        Label message = robot.lookup("#startMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message.getParent().isVisible() && !message.getText().isEmpty());
        assertThat(message.getText()).contains("No compose file in " + empty).contains("Create compose.yaml");
        assertThat(window.viewModel()).isNull();
        screenshot(robot, "start-no-compose-file.png");
    }

    private static void fillCloneDialog(FxRobot robot, String url, Path target) {
        TextField urlField = robot.lookup("#cloneUrl").queryAs(TextField.class);
        robot.interact(urlField::clear);
        robot.clickOn(urlField).write(url);
        // the folder is named after the repository until the user says otherwise
        String repositoryName = url.replaceFirst("/$", "").replaceFirst(".*/", "").replaceFirst("\\.git$", "");
        assertThat(robot.lookup("#cloneTarget").queryAs(TextField.class).getText()).endsWith("/" + repositoryName);
        robot.interact(() -> robot.lookup("#cloneTarget").queryAs(TextField.class).setText(target.toString()));
    }

    private static List<String> labels(HBox box) {
        return box.getChildren().stream().filter(Label.class::isInstance).map(n -> ((Label) n).getText()).toList();
    }

    private static boolean running(TableView<ServiceRow> table) {
        List<ServiceRow> rows = List.copyOf(table.getItems());
        return rows.size() == 1 && rows.getFirst().stateText().equals("running");
    }

    /** The page; retried while httpd is still starting. */
    private static String get(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "";
        for (int attempt = 0; attempt < 60 && !body.contains("Hello"); attempt++) {
            try {
                body = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.io.IOException notYet) {
                Thread.sleep(500);
            }
        }
        return body;
    }

    private void screenshot(FxRobot robot, String name) throws Exception {
        screenshot(robot, name, stage);
    }

    private static void screenshot(FxRobot robot, String name, javafx.stage.Window window) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        // pixels from the screen (Xvfb), as a person sees them
        var scene = window.getScene();
        var bounds = new javafx.geometry.Rectangle2D(window.getX() + scene.getX(), window.getY() + scene.getY(),
                scene.getWidth(), scene.getHeight());
        var image = robot.capture(bounds).getImage();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", SCREENSHOTS.resolve(name).toFile());
    }
}
