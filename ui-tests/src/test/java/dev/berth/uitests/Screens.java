package dev.berth.uitests;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Screenshots from the screen (Xvfb), as a person sees them, into target/screenshots. */
final class Screens {
    static final Path DIR = Path.of("target", "screenshots");

    private Screens() {
    }

    static void capture(FxRobot robot, Window window, String name) throws Exception {
        Files.createDirectories(DIR);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(150); // one more frame painted by the X server
        Scene scene = window.getScene();
        var bounds = new Rectangle2D(window.getX() + scene.getX(), window.getY() + scene.getY(), scene.getWidth(),
                scene.getHeight());
        var image = robot.capture(bounds).getImage();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", DIR.resolve(name).toFile());
    }

    /** Waits for {@code condition}; when it does not come, a screenshot shows why. */
    static void await(FxRobot robot, Window window, String what, int seconds,
                      java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            String name = "timeout-" + what.replaceAll("[^A-Za-z0-9]+", "-") + ".png";
            capture(robot, window, name);
            throw new AssertionError("timed out after " + seconds + "s waiting until " + what + "; see " + DIR.resolve(name), e);
        }
    }

    /** Clicks {@code query} once a visible node answers it (a dialog takes a moment to show). */
    static void clickWhenShown(FxRobot robot, Window window, String query, int seconds) throws Exception {
        await(robot, window, query + " shows", seconds, () -> robot.lookup(query)
                .match(org.testfx.matcher.base.NodeMatchers.isVisible()).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        try {
            robot.clickOn(query);
        } catch (RuntimeException replacedMeanwhile) {
            // a table re-rendered its cells between finding the node and moving to it: find it again
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn(query);
        }
    }
}
