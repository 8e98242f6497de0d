package dev.berth.uitests;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.berth.app.common.FxTaskExecutor;
import dev.berth.app.editor.EditorPane;
import dev.berth.app.editor.Problem;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.rules.ComposeKeys;
import dev.berth.compose.rules.ComposeKeys.Scope;
import java.awt.Robot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The compose editor in a real window on a temporary copy of a commented compose file. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class EditorTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static final String ORIGINAL = """
            # Demo shop: a web front and a cache behind it.
            name: editor-demo

            services:
              web:
                image: berth-sample/busybox:1   # the sample image
                command: ["httpd", "-f", "-p", "8080"]
                ports:
                  - "127.0.0.1:8000:8080"   # the site
                environment:
                  MODE: demo
              cache:
                image: berth-sample/redis:7
                # published for local debugging only
                ports:
                  - "6379:6379"
            """;
    /** The line the misspelt key is typed on (1-based), before the cache's image. */
    static final int TYPED_LINE = 13;
    static final String TYPED = "    enviroment: {DEBUG: \"1\"}";

    private Stage stage;
    private EditorPane editor;
    private Path file;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Path dir = Files.createTempDirectory("berth-editor-ui");
        file = Files.writeString(dir.resolve("compose.yaml"), ORIGINAL);
        LoadOptions options = new LoadOptions(List.of(file), null, "editor-demo", List.of(), Set.of(), Map.of(), dir);
        editor = EditorPane.open(file, options, new FxTaskExecutor());
        stage.setScene(new Scene((Parent) editor.node(), 1100, 700));
        stage.setTitle("compose.yaml — Berth");
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> editor.close()).get();
    }

    @Test
    void aMisspeltKeyIsListedAtItsLineAndTheQuickFixChangesOnlyThatWord(FxRobot robot) throws Exception {
        CodeArea area = waitUntilOpen(robot);
        int at = lineStart(ORIGINAL, TYPED_LINE);
        typeLineAt(robot, area, at, TYPED);
        String typed = ORIGINAL.substring(0, at) + TYPED + "\n" + ORIGINAL.substring(at);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> area.getText().equals(typed));

        Problem problem = waitForProblem(TYPED_LINE);
        assertThat(problem.isError()).isTrue();
        assertThat(problem.where()).isEqualTo("compose.yaml:" + TYPED_LINE);
        assertThat(typed.substring(problem.start(), problem.end())).isEqualTo("enviroment");
        screenshot(robot, "editor-problems.png");

        // click the entry: the caret jumps to the key and selects it
        robot.clickOn(cellOf(robot, problem).lookup(".problem-message"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area.getSelectedText()).isEqualTo("enviroment");

        robot.clickOn(cellOf(robot, problem).lookup(".problem-fix"));
        String title = "Change `enviroment` to `environment`";
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup((Labeled l) -> title.equals(l.getText()))
                .tryQuery().isPresent());
        screenshot(robot, "editor-quickfix.png");
        robot.clickOn(robot.lookup((Labeled l) -> title.equals(l.getText())).<Node>query());
        String fixed = typed.replace("enviroment:", "environment:");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> area.getText().equals(fixed));
        assertThat(area.getText()).isEqualTo(ORIGINAL.substring(0, at) + "    environment: {DEBUG: \"1\"}\n"
                + ORIGINAL.substring(at));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> editor.shownGenerationProperty().get() == editor.changes()
                && editor.problems().stream().noneMatch(Problem::isError));
        assertThat(Files.readString(file)).isEqualTo(ORIGINAL);

        clickInside(robot, area);
        tap(robot, KeyCode.CONTROL, KeyCode.S);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !editor.dirtyProperty().get());
        assertThat(Files.readString(file)).isEqualTo(fixed);

        // undo takes the fix back
        tap(robot, KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> area.getText().equals(typed));
        assertThat(editor.dirtyProperty().get()).isTrue();
        tap(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> area.getText().equals(fixed));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> editor.shownGenerationProperty().get() == editor.changes());
        robot.interact(() -> area.moveTo(lineStart(fixed, 6) + 6));
        screenshot(robot, "editor.png");
    }

    @Test
    void completionInsertsAKeyAllowedAtTheCaret(FxRobot robot) throws Exception {
        CodeArea area = waitUntilOpen(robot);
        int at = lineStart(ORIGINAL, TYPED_LINE);
        typeLineAt(robot, area, at, "    heal");
        robot.interact(() -> area.moveTo(at + "    heal".length()));
        tap(robot, KeyCode.CONTROL, KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#completionList").tryQuery()
                .map(Node::isVisible).orElse(false));
        // what it offers can be seen: the first row shows the key's name
        assertThat(robot.lookup(".completion-name").queryAllAs(Labeled.class).stream()
                .filter(label -> label.getText().equals("healthcheck"))
                .anyMatch(EditorTest::shown)).as("healthcheck shown in the completion list").isTrue();
        screenshot(robot, "editor-completion.png");
        tap(robot, KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> area.getParagraph(TYPED_LINE - 1).getText()
                .equals("    healthcheck: "));
        assertThat(area.getText()).isEqualTo(ORIGINAL.substring(0, at) + "    healthcheck: \n" + ORIGINAL.substring(at));
    }

    @Test
    void hoveringAKeyShowsItsDescription(FxRobot robot) throws Exception {
        CodeArea area = waitUntilOpen(robot);
        int image = ORIGINAL.indexOf("image:");
        Bounds bounds = WaitForAsyncUtils.asyncFx(() -> area.getCharacterBoundsOnScreen(image + 1, image + 3).orElseThrow()).get();
        robot.moveTo(new javafx.geometry.Point2D(bounds.getCenterX(), bounds.getCenterY()));
        String description = ComposeKeys.lookup(Scope.SERVICE, "image").orElseThrow().description();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> editor.hover().isShowing()
                && editor.hover().getText().contains(description));
        assertThat(editor.hover().getText()).startsWith("image — ");
        screenshot(robot, "editor-hover.png");
    }

    @Test
    void aChangeOnDiskReloadsACleanEditorAndAsksADirtyOne(FxRobot robot) throws Exception {
        CodeArea area = waitUntilOpen(robot);
        String other = ORIGINAL.replace("MODE: demo", "MODE: changed elsewhere");
        Files.writeString(file, other);
        // read on the FX thread: the reload replaces the text and marks it clean in one step there
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> area.getText().equals(other) && !editor.dirtyProperty().get()).get());
        assertThat(editor.dirtyProperty().get()).isFalse();

        typeLineAt(robot, area, lineStart(other, TYPED_LINE), "    # mine");
        String third = other.replace("image: berth-sample/redis:7", "image: berth-sample/redis:8");
        Files.writeString(file, third);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".disk-bar").tryQuery()
                .map(Node::isVisible).orElse(false));
        assertThat(area.getText()).contains("    # mine\n");
        screenshot(robot, "editor-changed-on-disk.png");
        robot.clickOn("#reloadButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> area.getText().equals(third));
        // the reload is one undoable step: Ctrl+Z brings the typed line back
        clickInside(robot, area);
        tap(robot, KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> area.getText().contains("    # mine\n"));
    }

    @Test
    void oneCtrlZUndoesOneStepEvenWhenTheWindowIsSlowToAnswer(FxRobot robot) throws Exception {
        CodeArea area = waitUntilOpen(robot);
        int at = lineStart(ORIGINAL, TYPED_LINE);
        String first = ORIGINAL.substring(0, at) + "    # first\n" + ORIGINAL.substring(at);
        robot.interact(() -> {
            area.insertText(at, "    # first\n");
            area.getUndoManager().preventMerge();
            area.insertText(at, "    # second\n");
            // from now on each change stalls the FX thread longer than the X server waits before repeating a held key
            area.plainTextChanges().subscribe(change -> {
                try {
                    Thread.sleep(900);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        });
        clickInside(robot, area);
        tap(robot, KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> area.getText().equals(first));
        Thread.sleep(1500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area.getText()).isEqualTo(first);
    }

    @Test
    void findSelectsTheNextMatch(FxRobot robot) throws Exception {
        CodeArea area = waitUntilOpen(robot);
        clickInside(robot, area);
        tap(robot, KeyCode.CONTROL, KeyCode.F);
        robot.write("image");
        tap(robot, KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> area.getSelection().getStart() == ORIGINAL.indexOf("image"));
        tap(robot, KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> area.getSelection().getStart()
                == ORIGINAL.indexOf("image", ORIGINAL.indexOf("image") + 1));
        assertThat(area.getSelectedText()).isEqualTo("image");
    }

    @Test
    void theProblemsLookRightInTheDarkTheme(FxRobot robot) throws Exception {
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        try {
            CodeArea area = waitUntilOpen(robot);
            typeLineAt(robot, area, lineStart(ORIGINAL, TYPED_LINE), TYPED);
            waitForProblem(TYPED_LINE);
            screenshot(robot, "editor-problems-dark.png");
        } finally {
            robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        }
    }

    /**
     * A file of 20,000 lines goes in a piece per frame after its first lines; a save asked while it goes in writes
     * nothing (it would have written the file cut short), and once in, the editor holds exactly the file.
     */
    @Test
    void aBigFileGoesInPieceByPieceAndASaveMeanwhileWritesNothing() throws Exception {
        StringBuilder text = new StringBuilder("# generated\nservices:\n");
        for (int i = 0; text.length() < 600_000; i++) {
            text.append("  svc").append(i).append(":\n    image: berth-sample/busybox:1\n")
                    .append("    command: [\"sleep\", \"").append(i).append("\"]\n    # a comment\n");
        }
        Path big = Files.writeString(file.resolveSibling("big.yaml"), text);
        LoadOptions options = new LoadOptions(List.of(big), null, "big-demo", List.of(), Set.of(), Map.of(),
                big.getParent());
        EditorPane[] opened = new EditorPane[1];
        Stage[] window = new Stage[1];
        WaitForAsyncUtils.asyncFx(() -> {
            opened[0] = EditorPane.open(big, options, new FxTaskExecutor());
            window[0] = new Stage();
            window[0].setScene(new Scene((Parent) opened[0].node(), 800, 600));
            window[0].show();
        }).get();
        try {
            CodeArea area = opened[0].area();
            boolean[] savedMeanwhile = {false};
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
                if (!savedMeanwhile[0] && area.getParagraphs().size() > 200 && !area.isEditable()) {
                    opened[0].save();   // in the middle of the pieces
                    savedMeanwhile[0] = true;
                }
                return opened[0].readyProperty().get();
            }).get());
            assertThat(savedMeanwhile[0]).as("the save came while the pieces went in").isTrue();
            assertThat(WaitForAsyncUtils.asyncFx(() -> area.getText()).get()).isEqualTo(text.toString());
            assertThat(WaitForAsyncUtils.asyncFx(() -> area.isEditable()).get()).isTrue();
            assertThat(Files.readString(big)).isEqualTo(text.toString());
            // the keystroke run once before the first real one (a space in and out) leaves no trace
            assertThat(WaitForAsyncUtils.asyncFx(() -> area.isUndoAvailable()).get()).as("nothing to undo").isFalse();
            assertThat(WaitForAsyncUtils.asyncFx(() -> opened[0].dirtyProperty().get()).get()).isFalse();
            assertThat(WaitForAsyncUtils.asyncFx(() -> area.getCaretPosition()).get()).isZero();
            // nor does the underline styled once on the first line in view
            assertThat(WaitForAsyncUtils.asyncFx(() -> area.getParagraph(0).getStyleSpans().stream()
                    .noneMatch(span -> span.getStyle().stream().anyMatch(style -> style.startsWith("problem-"))))
                    .get()).as("no underline left on the first line").isTrue();

            // everything deleted, then undone: the text comes back, and its colours down to the last line
            WaitForAsyncUtils.asyncFx(() -> area.deleteText(0, area.getLength())).get();
            WaitForAsyncUtils.asyncFx(() -> area.undo()).get();
            assertThat(WaitForAsyncUtils.asyncFx(() -> area.getText()).get()).isEqualTo(text.toString());
            int lastImage = text.toString().split("\n").length - 3;   // `    image: ...` of the last service
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                    area.getParagraph(lastImage).getStyleSpans().stream()
                            .anyMatch(span -> span.getStyle().contains("yaml-key"))).get());
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                opened[0].close();
                window[0].close();
            }).get();
        }
    }

    /** Whether the node and every parent up to its scene's root are visible. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private CodeArea waitUntilOpen(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> editor.readyProperty().get());
        return editor.area();
    }

    /**
     * Clicks the middle of {@code area}, its place on screen worked out on the FX thread: TestFX's own query reads a
     * node's bounds on the test thread, which races with a layout under way (and failed the run when it lost).
     */
    private static void clickInside(FxRobot robot, CodeArea area) throws Exception {
        Bounds b = WaitForAsyncUtils.asyncFx(() -> area.localToScreen(area.getBoundsInLocal())).get();
        robot.clickOn(new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY()));
    }

    /** Types {@code line} and Enter with the caret at {@code offset}, as a person would. */
    private static void typeLineAt(FxRobot robot, CodeArea area, int offset, String line) throws Exception {
        clickInside(robot, area);
        robot.interact(() -> area.moveTo(offset));
        robot.write(line);
        tap(robot, KeyCode.ENTER);
        robot.interact(() -> area.moveTo(offset + line.length()));
    }

    /**
     * Presses {@code keys} and lets them go at once, as a person taps a shortcut, through the X server directly.
     * TestFX's default (glass) robot sends each press and release from the FX thread, so a release waits behind
     * whatever the FX thread does after the press (the undo itself, a validation outcome, a slow pulse on a
     * loaded machine); a key down longer than the X server's auto-repeat delay (660 ms on Xvfb) is repeated,
     * and one Ctrl+Z became two undos that took the typed line away after a reload.
     */
    private static void tap(FxRobot robot, KeyCode... keys) throws Exception {
        Robot keyboard = new Robot();
        for (KeyCode key : keys) {
            keyboard.keyPress(key.getCode());
        }
        for (int i = keys.length - 1; i >= 0; i--) {
            keyboard.keyRelease(keys[i].getCode());
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Problem waitForProblem(int line) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> editor.shownGenerationProperty().get() == editor.changes()
                && editor.problems().stream().anyMatch(p -> p.line() == line && p.isError()));
        return editor.problems().stream().filter(p -> p.line() == line && p.isError()).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Node cellOf(FxRobot robot, Problem problem) {
        Optional<Node> cell = robot.lookup(".problems-list .list-cell").queryAll().stream()
                .filter(n -> n instanceof ListCell<?> c && c.isVisible() && problem.equals(c.getItem())).findFirst();
        return cell.orElseThrow(() -> new AssertionError("no Problems row for " + problem));
    }

    private static int lineStart(String text, int line) {
        int offset = 0;
        for (int i = 1; i < line; i++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return offset;
    }

    private void screenshot(FxRobot robot, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        var bounds = new javafx.geometry.Rectangle2D(stage.getX() + stage.getScene().getX(),
                stage.getY() + stage.getScene().getY(), stage.getScene().getWidth(), stage.getScene().getHeight());
        var image = robot.capture(bounds).getImage();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", SCREENSHOTS.resolve(name).toFile());
    }
}
