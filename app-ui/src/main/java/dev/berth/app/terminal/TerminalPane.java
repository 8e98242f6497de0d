package dev.berth.app.terminal;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * A shell in a container: its output in a monospace area (the last {@link #CHARS_KEPT} characters), a line to type
 * into (Enter sends it), Ctrl+C and Ctrl+D as buttons and keys. Output arrives once per frame.
 */
public final class TerminalPane extends VBox {
    static final int CHARS_KEPT = 200_000;

    private final ShellSession session;
    private final TextArea screen = new TextArea();
    private final TextField line = new TextField();
    private final List<String> batch = new ArrayList<>();
    private final AnimationTimer pulse;
    private int rows;
    private int columns;

    public TerminalPane(ShellSession session) {
        this.session = session;
        getStyleClass().add("terminal-pane");
        screen.setEditable(false);
        screen.setWrapText(true);
        screen.getStyleClass().add("terminal-screen");
        screen.setId("terminalScreen-" + session.service());
        line.setId("terminalInput-" + session.service());
        line.getStyleClass().add("terminal-input");
        line.setPromptText("Type a command for " + session.service() + " and press Enter (Ctrl+C interrupts)");
        line.setOnAction(e -> {
            session.sendLine(line.getText());
            line.clear();
        });
        line.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isControlDown() && (e.getCode() == KeyCode.C || e.getCode() == KeyCode.D)) {
                session.sendControl(e.getCode() == KeyCode.C ? 'C' : 'D');
                e.consume();
            }
        });
        Button interrupt = new Button("Ctrl+C");
        interrupt.setTooltip(new Tooltip("Interrupt the running command"));
        interrupt.setOnAction(e -> session.sendControl('C'));
        Button end = new Button("Ctrl+D");
        end.setTooltip(new Tooltip("End of input: the shell exits"));
        end.setOnAction(e -> session.sendControl('D'));
        HBox input = new HBox(6, line, interrupt, end);
        input.setAlignment(Pos.CENTER_LEFT);
        input.setPadding(new Insets(6, 8, 6, 8));
        HBox.setHgrow(line, Priority.ALWAYS);
        VBox.setVgrow(screen, Priority.ALWAYS);
        getChildren().addAll(screen, input);
        // the shell's terminal as large as the screen area, in character cells of its font
        screen.widthProperty().addListener(o -> fitTerminal());
        screen.heightProperty().addListener(o -> fitTerminal());
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                drain();
            }
        };
        pulse.start();
    }

    private void drain() {
        batch.clear();
        if (session.drainTo(batch) == 0) {
            return;
        }
        screen.appendText(String.join("", batch));
        int overflow = screen.getLength() - CHARS_KEPT;
        if (overflow > 0) {
            screen.deleteText(0, overflow);
        }
        screen.positionCaret(screen.getLength());
        if (session.ended()) {
            line.setDisable(true);
        }
    }

    private void fitTerminal() {
        Text probe = new Text("MMMMMMMMMM");
        probe.setFont(screen.getFont());
        double cellWidth = probe.getLayoutBounds().getWidth() / 10;
        double cellHeight = probe.getLayoutBounds().getHeight();
        // the area's padding and its vertical scroll bar take a little of the width
        double width = screen.getWidth() - 30;
        double height = screen.getHeight() - 12;
        if (cellWidth <= 0 || cellHeight <= 0 || width <= 0 || height <= 0) {
            return;
        }
        columns = Math.max(20, (int) Math.floor(width / cellWidth));
        rows = Math.max(5, (int) Math.floor(height / cellHeight));
        session.resize(rows, columns);
    }

    /** The shell's terminal size as the pane gives it: rows and columns (0 before the first layout). */
    public int[] terminalSize() {
        return new int[] {rows, columns};
    }

    public void focusInput() {
        line.requestFocus();
    }

    /** Ends the shell and the frame pulse. */
    public void close() {
        pulse.stop();
        session.close();
    }
}
