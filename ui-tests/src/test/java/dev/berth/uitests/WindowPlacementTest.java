package dev.berth.uitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.common.SettingsStore;
import dev.berth.app.common.SettingsStore.WindowPlacement;
import dev.berth.app.shell.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The window comes back where and as big as it was left; a corrupt settings file does not stop it opening. */
@Tag("ui")
class WindowPlacementTest {
    @TempDir
    static Path config;
    private static String previous;

    @BeforeAll
    static void configOfOurOwn() throws Exception {
        previous = System.getProperty("berth.config.dir");
        System.setProperty("berth.config.dir", config.toString());
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void restore() {
        if (previous == null) {
            System.clearProperty("berth.config.dir");
        } else {
            System.setProperty("berth.config.dir", previous);
        }
    }

    @Test
    void theWindowReopensWithTheSizeAndPlaceItWasClosedWith() throws Exception {
        FxRobot robot = new FxRobot();
        Files.writeString(config.resolve(SettingsStore.FILE_NAME), "{ not json");

        Stage first = WaitForAsyncUtils.asyncFx(() -> {
            Stage stage = new Stage();
            MainWindow.openStart(stage, url -> { });
            return stage;
        }).get();
        // the corrupt file was ignored: the window opened at its default size, and the start screen says so
        assertThat(first.getWidth()).isEqualTo(1100);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#startMessage").queryAs(javafx.scene.control.Label.class).getText())
                .contains(SettingsStore.FILE_NAME).contains("is not valid").contains("default settings");
        robot.interact(() -> {
            first.setX(130);
            first.setY(90);
            first.setWidth(900);
            first.setHeight(640);
        });
        robot.interact(first::close);

        WindowPlacement saved = new SettingsStore(config, w -> { }).load().window();
        assertThat(saved).isEqualTo(new WindowPlacement(130, 90, 900, 640, false));

        Stage second = WaitForAsyncUtils.asyncFx(() -> {
            Stage stage = new Stage();
            MainWindow.openStart(stage, url -> { });
            return stage;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(second.getX()).isEqualTo(130);
        assertThat(second.getY()).isEqualTo(90);
        assertThat(second.getWidth()).isEqualTo(900);
        assertThat(second.getHeight()).isEqualTo(640);
        robot.interact(second::close);
    }
}
