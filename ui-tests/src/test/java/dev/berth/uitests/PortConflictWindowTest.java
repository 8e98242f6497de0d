package dev.berth.uitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.projects.ServiceRow;
import dev.berth.app.shell.MainWindow;
import dev.berth.compose.LoadOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
 * Up is safe: a host port held by a process of this host is shown before Up with its holder, and the one-click
 * remap changes only those digits in the user's file; the service then answers on the new port. Then the services
 * list shows CPU, memory and the port link, and a shell in the container runs what is typed.
 */
@Tag("ui")
@Tag("engine")
@ExtendWith(ApplicationExtension.class)
class PortConflictWindowTest {
    static final String PROJECT = "hprog-conflict";
    static final int TAKEN = 18310;
    static final String COMPOSE = """
            # A page on a port that something else holds already.
            services:
              web:
                image: berth-sample/busybox:1
                # busybox's own web server, serving one page
                command: ["sh", "-c", "mkdir -p /www && echo hello-from-berth > /www/index.html && exec httpd -f -p 5000 -h /www"]
                ports:
                  - "%d:5000"   # the test holds this port
                  - target: 5001
                    published: 18320   # free: stays as it is
            """.formatted(TAKEN);

    private MainWindow window;
    private Stage stage;
    private Path compose;
    private ServerSocket holder;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        holder = new ServerSocket();
        holder.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), TAKEN));
        Path dir = Files.createTempDirectory("hprog-conflict");
        compose = dir.resolve("compose.yaml");
        Files.writeString(compose, COMPOSE);
        LoadOptions options = new LoadOptions(List.of(compose), null, PROJECT, List.of(), Set.of(), Map.of(), dir);
        stage.setWidth(1280);
        stage.setHeight(800);
        window = MainWindow.open(stage, options, url -> { });
    }

    @AfterEach
    void downEvenWhenTheTestFailed() throws Exception {
        holder.close();
        var vm = window.viewModel();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        WaitForAsyncUtils.asyncFx(() -> vm.down(true)).get();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
    }

    @Test
    void aTakenPortIsNamedBeforeUpAndRemappedInTheFileWithNothingElseChanged(FxRobot robot) throws Exception {
        Button up = robot.lookup("#upButton").queryButton();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !up.isDisabled());

        robot.clickOn("#upButton");
        // the file publishes on all interfaces: the model warns, and Up asks before it goes on
        Screens.clickWhenShown(robot, stage, "Up anyway", 60);
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#portConflictDialog").tryQuery()
                    .isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            Screens.capture(robot, stage, "port-conflict-missing.png");
            throw new AssertionError("no port conflict dialog; the status says: "
                    + window.viewModel().statusProperty().get(), e);
        }
        DialogPane dialog = robot.lookup("#portConflictDialog").query();
        Label holderLabel = robot.lookup("#conflictHolder-1").queryAs(Label.class);
        assertThat(holderLabel.getText()).isEqualTo("process " + ProcessHandle.current().pid() + " (java)");
        assertThat(Files.readString(compose)).as("nothing is written before the user agrees").isEqualTo(COMPOSE);
        Screens.capture(robot, dialog.getScene().getWindow(), "port-conflict.png");

        Screens.clickWhenShown(robot, stage, "Change ports and continue", 10);
        TableView<ServiceRow> table = robot.lookup("#servicesTable").queryTableView();
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !window.viewModel().busyProperty().get()
                && table.getItems().size() == 1 && table.getItems().getFirst().isRunning());

        String text = Files.readString(compose);
        int newPort = table.getItems().getFirst().ports().stream().filter(p -> p.containerPort() == 5000)
                .findFirst().orElseThrow().hostPort();
        assertThat(newPort).isGreaterThan(TAKEN);
        assertThat(text).isEqualTo(COMPOSE.replace("\"" + TAKEN + ":5000\"", "\"" + newPort + ":5000\""));
        assertThat(get("http://127.0.0.1:" + newPort + "/")).contains("hello-from-berth");

        // the services list at a glance: figures from the stats stream, and the port as a link
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".table-cell").queryAll().stream()
                .anyMatch(cell -> cell instanceof javafx.scene.control.TableCell<?, ?> c && c.getText() != null
                        && c.getText().endsWith("MiB") || cell instanceof javafx.scene.control.TableCell<?, ?> k
                        && k.getText() != null && k.getText().endsWith("KiB")));
        assertThat(robot.lookup("#portLink-web-" + newPort).tryQuery()).isPresent();
        robot.clickOn("#progressClose");
        Screens.capture(robot, stage, "services-running-web.png");

        // a shell in the container: what is typed runs there
        action(robot, "shell-web");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#terminalInput-web").tryQuery()
                .isPresent());
        robot.clickOn("#terminalInput-web").write("echo answer-$((6*7)) && cat /www/index.html\n");
        TextArea screen = robot.lookup("#terminalScreen-web").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> screen.getText().contains("answer-42")
                && screen.getText().contains("hello-from-berth"));
        Screens.capture(robot, stage, "services-shell.png");
        // the shell's terminal is as large as the pane (in character cells), not the engine's 80x24
        int[] size = ((dev.berth.app.terminal.TerminalPane) screen.getParent()).terminalSize();
        assertThat(size[0]).as("rows").isPositive();
        robot.clickOn("#terminalInput-web").write("stty size\n");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> screen.getText().contains(size[0] + " " + size[1]));

        // the other per-service actions, from the row's menu
        var vm = window.viewModel();
        action(robot, "stop-web");
        Screens.await(robot, stage, "web is stopped", 60, () -> !vm.busyProperty().get()
                && table.getItems().getFirst().state().equals("exited"));
        assertThat(screen.getText()).as("the shell ends with its container").contains("[the shell ended");
        action(robot, "start-web");
        Screens.await(robot, stage, "web runs again", 60, () -> !vm.busyProperty().get()
                && table.getItems().getFirst().isRunning());
        String before = table.getItems().getFirst().containerId();
        action(robot, "rebuild-web");
        Screens.await(robot, stage, "web is recreated", 120, () -> !vm.busyProperty().get()
                && table.getItems().getFirst().isRunning()
                && !table.getItems().getFirst().containerId().equals(before));
        assertThat(get("http://127.0.0.1:" + newPort + "/")).contains("hello-from-berth");
        action(robot, "logs-web");
        assertThat(robot.lookup("#logFilterLabel").queryAs(Label.class).getText()).isEqualTo("only web");
        robot.clickOn("#logShowAll");
        assertThat(robot.lookup("#logFilterLabel").queryAs(Label.class).getText()).isEqualTo("all services");

        // the whole project: Restart keeps the containers, Rebuild replaces them
        String rebuilt = table.getItems().getFirst().containerId();
        robot.clickOn("#restartButton");
        Screens.await(robot, stage, "the project restarted", 120, () -> !vm.busyProperty().get()
                && vm.statusProperty().get().startsWith("Restart:"));
        assertThat(table.getItems().getFirst().containerId()).isEqualTo(rebuilt);
        robot.clickOn("#rebuildButton");
        Screens.clickWhenShown(robot, stage, "Up anyway", 60);
        Screens.await(robot, stage, "the project is rebuilt", 120, () -> !vm.busyProperty().get()
                && vm.statusProperty().get().startsWith("Rebuild:") && table.getItems().getFirst().isRunning()
                && !table.getItems().getFirst().containerId().equals(rebuilt));
        assertThat(Files.readString(compose)).as("the remap was written once").isEqualTo(text);
    }

    /**
     * Opens the row's actions menu and chooses an item (fired directly: popups of earlier menus linger in lookups).
     * The table re-renders its rows as stats arrive, so the menu button is looked up again, on the FX thread, in the
     * same step that fires the item.
     */
    private void action(FxRobot robot, String id) throws Exception {
        Screens.clickWhenShown(robot, stage, "#actions-web", 10);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            if (!(stage.getScene().lookup("#actions-web") instanceof javafx.scene.control.MenuButton menu)) {
                return false;   // a row being replaced: look again
            }
            javafx.scene.control.MenuItem item = menu.getItems().stream().filter(i -> id.equals(i.getId()))
                    .findFirst().orElseThrow();
            assertThat(item.isDisable()).as(id + " is enabled").isFalse();
            menu.hide();
            item.fire();
            return true;
        }).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The page, retried while the server is still starting. */
    static String get(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.io.IOException notYet) {
                Thread.sleep(500);
            }
        }
        return "";
    }
}
