package dev.berth.app.start;

import atlantafx.base.theme.Styles;
import dev.berth.app.start.RepositoryClone.CloneFailure;
import dev.berth.app.start.RepositoryClone.Progress;
import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "Clone repository…": an address and a folder, then the clone with JGit's progress, which Cancel really stops
 * (the half-made folder is removed). The clone runs on a virtual thread; its progress lands in one slot that an
 * {@link AnimationTimer} reads once per frame, so a chatty transfer never floods the FX thread.
 */
final class CloneDialog {
    private final Stage stage = new Stage();
    private final Path defaultParent;
    private final Consumer<Path> onCloned;

    private final TextField url = new TextField();
    private final TextField target = new TextField();
    private final ProgressBar bar = new ProgressBar(0);
    private final Label step = new Label();
    private final Label error = new Label();
    private final Button clone = new Button("Clone", new FontIcon(Feather.DOWNLOAD));
    private final Button cancel = new Button("Cancel");
    private final Button choose = new Button("Choose…");

    private final AtomicReference<Progress> latest = new AtomicReference<>();
    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            showProgress(latest.getAndSet(null));
        }
    };
    private RepositoryClone running;
    private boolean targetEdited;

    private CloneDialog(Window owner, Path defaultParent, Consumer<Path> onCloned) {
        this.defaultParent = defaultParent;
        this.onCloned = onCloned;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Clone a repository");
        stage.setScene(new Scene(layout()));
        if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setOnCloseRequest(e -> {
            if (running != null) {
                e.consume();
                cancelClone();
            }
        });
    }

    /** Shows the dialog; {@code onCloned} gets the folder of a finished clone (on the FX thread). */
    static void show(Window owner, Path defaultParent, Consumer<Path> onCloned) {
        CloneDialog dialog = new CloneDialog(owner, defaultParent, onCloned);
        dialog.stage.show();
        dialog.url.requestFocus();
    }

    private Region layout() {
        url.setId("cloneUrl");
        url.setPromptText("https://github.com/owner/project.git");
        url.setPrefColumnCount(36);
        url.textProperty().addListener((obs, old, text) -> {
            if (!targetEdited) {
                String name = RepositoryClone.folderNameFor(text);
                target.setText(name.isEmpty() ? "" : defaultParent.resolve(name).toString());
            }
        });
        target.setId("cloneTarget");
        target.setPromptText(defaultParent.resolve("project").toString());
        target.setOnKeyTyped(e -> targetEdited = true);
        choose.setOnAction(e -> chooseParent());
        choose.setMinWidth(Region.USE_PREF_SIZE);

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, fieldLabel("Repository address", url), url);
        HBox targetRow = new HBox(8, target, choose);
        HBox.setHgrow(target, Priority.ALWAYS);
        form.addRow(1, fieldLabel("Clone into folder", target), targetRow);
        GridPane.setHgrow(url, Priority.ALWAYS);
        GridPane.setHgrow(targetRow, Priority.ALWAYS);

        bar.setId("cloneProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        step.setId("cloneStep");
        step.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox progress = new VBox(4, bar, step);
        progress.setVisible(false);
        progress.setManaged(false);
        progress.setId("cloneProgressBox");

        error.setId("cloneError");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        error.setVisible(false);
        error.setManaged(false);
        error.setMaxWidth(560);

        clone.setId("cloneStart");
        clone.setDefaultButton(true);
        clone.getStyleClass().add(Styles.ACCENT);
        clone.setOnAction(e -> startClone(progress));
        cancel.setId("cloneCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> {
            if (running != null) {
                cancelClone();
            } else {
                stage.close();
            }
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, grow, cancel, clone);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        Label hint = new Label("Berth clones with its own git (no git program needed), then opens the project.");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);

        VBox root = new VBox(14, form, hint, progress, error, buttons);
        root.setPadding(new Insets(20));
        root.setPrefWidth(680);
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && running != null) {
                cancelClone();
                e.consume();
            }
        });
        return root;
    }

    private static Label fieldLabel(String text, TextField field) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setLabelFor(field);
        return label;
    }

    private void chooseParent() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder to clone into");
        File parent = chooser.showDialog(stage);
        if (parent != null) {
            String name = RepositoryClone.folderNameFor(url.getText());
            target.setText(parent.toPath().resolve(name.isEmpty() ? "project" : name).toString());
            targetEdited = true;
        }
    }

    private void startClone(VBox progressBox) {
        String targetText = target.getText().strip();
        if (targetText.isEmpty()) {
            showError("Choose the folder to clone into (it must not exist yet, or be empty).");
            return;
        }
        RepositoryClone job = new RepositoryClone(url.getText(), Path.of(targetText).isAbsolute()
                ? Path.of(targetText) : defaultParent.resolve(targetText));
        running = job;
        showError("");
        setEditable(false);
        progressBox.setVisible(true);
        progressBox.setManaged(true);
        bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        step.setText("Connecting to " + url.getText().strip() + "…");
        stage.sizeToScene();
        pulse.start();
        Thread.ofVirtual().name("berth-clone").start(() -> {
            try {
                Path done = job.run(latest::set);
                Platform.runLater(() -> finished(job, progressBox, null, done));
            } catch (CloneFailure failure) {
                Platform.runLater(() -> finished(job, progressBox, failure, null));
            }
        });
    }

    private void cancelClone() {
        cancel.setDisable(true);
        step.setText("Cancelling…");
        running.cancel();
    }

    private void finished(RepositoryClone job, VBox progressBox, CloneFailure failure, Path done) {
        pulse.stop();
        latest.set(null);
        if (running != job) {
            return;
        }
        running = null;
        cancel.setDisable(false);
        setEditable(true);
        progressBox.setVisible(false);
        progressBox.setManaged(false);
        if (failure == null) {
            stage.close();
            onCloned.accept(done);
            return;
        }
        showError(failure.getMessage());
        stage.sizeToScene();
    }

    private void showProgress(Progress p) {
        if (p == null || running == null || cancel.isDisabled()) {
            return;
        }
        bar.setProgress(p.fraction() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : p.fraction());
        step.setText(p.total() > 0 ? p.task() + ": " + p.done() + " of " + p.total() : p.task() + "…");
    }

    private void setEditable(boolean editable) {
        url.setDisable(!editable);
        target.setDisable(!editable);
        choose.setDisable(!editable);
        clone.setDisable(!editable);
    }

    private void showError(String text) {
        error.setText(text);
        error.setVisible(!text.isEmpty());
        error.setManaged(!text.isEmpty());
    }
}
