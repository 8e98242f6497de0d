package dev.berth.app.editor;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ctrl+F: a small bar above the text; Enter finds the next match, Shift+Enter the previous, Esc closes. */
final class FindBar {
    private final CodeArea area;
    private final TextField field = new TextField();
    private final Label count = new Label();
    private final HBox bar;

    FindBar(CodeArea area) {
        this.area = area;
        field.setId("findField");
        field.setPromptText("Find");
        field.setPrefColumnCount(24);
        Button previous = new Button(null, new FontIcon(Feather.CHEVRON_UP));
        previous.setTooltip(new Tooltip("Previous (Shift+Enter)"));
        previous.setOnAction(e -> find(false));
        Button next = new Button(null, new FontIcon(Feather.CHEVRON_DOWN));
        next.setTooltip(new Tooltip("Next (Enter)"));
        next.setOnAction(e -> find(true));
        Button close = new Button(null, new FontIcon(Feather.X));
        close.getStyleClass().add("flat");
        close.setTooltip(new Tooltip("Close (Esc)"));
        close.setOnAction(e -> close());
        count.getStyleClass().add("find-count");
        bar = new HBox(6, field, previous, next, count, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("find-bar");
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                find(!e.isShiftDown());
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                close();
                e.consume();
            }
        });
        field.textProperty().addListener((o, a, b) -> count.setText(""));
        bar.setVisible(false);
        bar.setManaged(false);
    }

    Node node() {
        return bar;
    }

    void open() {
        String selected = area.getSelectedText();
        if (!selected.isEmpty() && selected.indexOf('\n') < 0) {
            field.setText(selected);
        }
        bar.setVisible(true);
        bar.setManaged(true);
        field.requestFocus();
        field.selectAll();
    }

    void close() {
        bar.setVisible(false);
        bar.setManaged(false);
        area.requestFocus();
    }

    /** Selects the next (or previous) match from the caret, wrapping around; case is ignored. */
    void find(boolean forward) {
        String needle = field.getText().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return;
        }
        String text = area.getText().toLowerCase(Locale.ROOT);
        int from = area.getSelection().getLength() > 0 && !forward ? area.getSelection().getStart() : area.getCaretPosition();
        int at = forward ? text.indexOf(needle, from) : text.lastIndexOf(needle, from - 1);
        if (at < 0) {
            at = forward ? text.indexOf(needle) : text.lastIndexOf(needle);
        }
        if (at < 0) {
            count.setText("No matches");
            return;
        }
        int total = 0;
        int index = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            total++;
            if (i == at) {
                index = total;
            }
        }
        count.setText(index + " of " + total);
        area.selectRange(at, at + needle.length());
        area.requestFollowCaret();
    }
}
