package dev.berth.app.projects;

import dev.berth.compose.diag.Diagnostic;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Up's questions as dialogs: errors block, warnings ask, taken ports offer the one-click remap. */
final class UpDialogs implements UpQuestions {
    static final ButtonType REMAP = new ButtonType("Change ports and continue", ButtonBar.ButtonData.OK_DONE);
    private final Supplier<Window> owner;

    UpDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void showErrors(List<Diagnostic> errors) {
        Alert alert = alert(Alert.AlertType.ERROR, "Up cannot run", "The compose files have " + errors.size()
                + " error" + (errors.size() == 1 ? "" : "s") + ". Fix " + (errors.size() == 1 ? "it" : "them")
                + " first:", ButtonType.OK);
        alert.getDialogPane().setContent(list(errors));
        alert.showAndWait();
    }

    @Override
    public boolean acceptWarnings(List<Diagnostic> warnings) {
        ButtonType upAnyway = new ButtonType("Up anyway", ButtonBar.ButtonData.OK_DONE);
        Alert alert = alert(Alert.AlertType.WARNING, "Warnings", "The compose files have " + warnings.size()
                + " warning" + (warnings.size() == 1 ? "" : "s") + ":", ButtonType.CANCEL, upAnyway);
        alert.getDialogPane().setContent(list(warnings));
        return alert.showAndWait().filter(b -> b == upAnyway).isPresent();
    }

    @Override
    public boolean acceptRemap(List<PortFix> fixes) {
        Alert alert = alert(Alert.AlertType.WARNING, "Host ports in use", fixes.size() == 1
                ? "A port this project publishes is taken." : fixes.size() + " ports this project publishes are taken.",
                ButtonType.CANCEL, REMAP);
        alert.getDialogPane().setId("portConflictDialog");
        GridPane grid = new GridPane(16, 6);
        grid.add(bold("Service"), 0, 0);
        grid.add(bold("Port"), 1, 0);
        grid.add(bold("Held by"), 2, 0);
        grid.add(bold("Free port"), 3, 0);
        int r = 1;
        for (PortFix f : fixes) {
            grid.add(new Label(f.conflict().service()), 0, r);
            grid.add(new Label(String.valueOf(f.conflict().port().published())), 1, r);
            Label holder = new Label(f.conflict().holder());
            holder.setId("conflictHolder-" + r);
            holder.setWrapText(true);
            holder.setMaxWidth(360);
            grid.add(holder, 2, r);
            grid.add(new Label(String.valueOf(f.newPort())), 3, r);
            r++;
        }
        Label explain = new Label("\"Change ports and continue\" writes the free port into the compose file (only "
                + "those digits change; comments and formatting stay), reloads the project and runs Up. "
                + (fixes.stream().anyMatch(f -> f.conflict().holderIsContainer())
                ? "Or stop the container that holds the port and press Up again." : "Or stop the process that holds "
                + "the port and press Up again."));
        explain.setWrapText(true);
        explain.setMaxWidth(620);
        explain.getStyleClass().add("text-muted");
        VBox content = new VBox(12, grid, explain);
        content.setPadding(new Insets(4, 0, 0, 0));
        alert.getDialogPane().setContent(content);
        return alert.showAndWait().filter(b -> b == REMAP).isPresent();
    }

    @Override
    public void showRemapFailure(String message) {
        Alert alert = alert(Alert.AlertType.ERROR, "The ports were not changed", "Berth did not change the compose "
                + "file:", ButtonType.OK);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(560);
        alert.getDialogPane().setContent(text);
        alert.showAndWait();
    }

    private Alert alert(Alert.AlertType type, String title, String header, ButtonType... buttons) {
        Alert alert = new Alert(type, "", buttons);
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.getDialogPane().setMinWidth(560);
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
        return alert;
    }

    private static VBox list(List<Diagnostic> diagnostics) {
        VBox box = new VBox(6);
        for (Diagnostic d : diagnostics.stream().limit(20).toList()) {
            Label l = new Label(d.format());
            l.setWrapText(true);
            l.setMaxWidth(620);
            l.setGraphic(new FontIcon(d.isError() ? Feather.X_CIRCLE : Feather.ALERT_TRIANGLE));
            box.getChildren().add(l);
        }
        if (diagnostics.size() > 20) {
            box.getChildren().add(new Label("… and " + (diagnostics.size() - 20) + " more in Problems"));
        }
        return box;
    }

    private static Label bold(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-bold");
        return l;
    }
}
