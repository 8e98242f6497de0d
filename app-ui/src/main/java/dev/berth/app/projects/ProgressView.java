package dev.berth.app.projects;

import dev.berth.app.projects.ServiceProgress.Phase;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The live view of Up (Rebuild, Restart): a line per service with its step, a bar, what the engine last said and,
 * for a build, its output on demand; when the run fails, a panel that names the service, the step, the engine's
 * message and the fix. It stays until closed, so a failure can be read at leisure.
 */
final class ProgressView {
    private final UpProgress progress;
    private final VBox root = new VBox();
    private final VBox lines = new VBox(2);

    ProgressView(UpProgress progress) {
        this.progress = progress;
        root.setId("progressView");
        root.getStyleClass().add("progress-view");
        root.visibleProperty().bind(progress.shownProperty());
        root.managedProperty().bind(progress.shownProperty());

        Label title = new Label();
        title.setId("progressTitle");
        title.getStyleClass().add("progress-title");
        title.textProperty().bind(progress.titleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button close = new Button(null, new FontIcon(Feather.X));
        close.setId("progressClose");
        close.getStyleClass().addAll("flat", "button-icon");
        close.setTooltip(new Tooltip("Close the progress view"));
        close.disableProperty().bind(progress.runningProperty());
        close.setOnAction(e -> progress.dismiss());
        HBox header = new HBox(8, title, spacer, close);
        header.setAlignment(Pos.CENTER_LEFT);

        ScrollPane scroll = new ScrollPane(lines);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("progress-lines");
        // no preferred viewport: the pane wants its lines' whole height (the skin asks them), up to a cap; more scroll
        scroll.setMaxHeight(300);
        progress.rows().addListener((ListChangeListener<ServiceProgress>) c -> rebuildLines());
        rebuildLines();

        root.getChildren().addAll(header, scroll, failurePanel());
        root.setSpacing(6);
        root.setPadding(new Insets(8, 12, 10, 12));
    }

    Node root() {
        return root;
    }

    private void rebuildLines() {
        lines.getChildren().setAll(progress.rows().stream().map(ProgressView::line).toList());
    }

    private static Node line(ServiceProgress row) {
        FontIcon icon = new FontIcon();
        icon.getStyleClass().add("progress-icon");
        Label name = new Label(row.service());
        name.getStyleClass().add("progress-service");
        name.setMinWidth(110);
        name.setPrefWidth(140);
        Label phase = new Label();
        phase.getStyleClass().add("progress-phase");
        phase.setId("progressPhase-" + row.service());
        phase.setMinWidth(Region.USE_PREF_SIZE);
        phase.setPrefWidth(275);
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(140);
        bar.setMinWidth(100);
        bar.progressProperty().bind(row.fractionProperty());
        Label detail = new Label();
        detail.getStyleClass().add("progress-detail");
        detail.textProperty().bind(row.detailProperty());
        detail.setMaxWidth(Double.MAX_VALUE);
        detail.setMinWidth(60);
        detail.tooltipProperty().bind(Bindings.createObjectBinding(() -> row.detailProperty().get().isEmpty() ? null
                : new Tooltip(row.detailProperty().get()), row.detailProperty()));
        HBox.setHgrow(detail, Priority.ALWAYS);

        ToggleButton showLog = new ToggleButton("Build log");
        showLog.setId("buildLogToggle-" + row.service());
        showLog.getStyleClass().add("small");
        showLog.setMinWidth(Region.USE_PREF_SIZE);
        showLog.visibleProperty().bind(Bindings.isNotEmpty(row.buildLog()));
        showLog.managedProperty().bind(showLog.visibleProperty());
        ListView<String> log = new ListView<>(row.buildLog());
        log.getStyleClass().add("build-log");
        log.setId("buildLog-" + row.service());
        log.setPrefHeight(150);
        log.setFixedCellSize(18);
        log.visibleProperty().bind(showLog.selectedProperty());
        log.managedProperty().bind(log.visibleProperty());
        row.buildLog().addListener((ListChangeListener<String>) c -> {
            if (log.isVisible() && !row.buildLog().isEmpty()) {
                log.scrollTo(row.buildLog().size() - 1);
            }
        });

        HBox top = new HBox(10, icon, name, phase, bar, detail, showLog);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(3, 4, 3, 4));
        VBox line = new VBox(2, top, log);
        line.getStyleClass().add("progress-line");
        Runnable paint = () -> {
            Phase p = row.phase();
            phase.setText(p == Phase.FAILED && row.failedInProperty().get() != null
                    ? "failed while " + row.failedInProperty().get().label() : p.label());
            icon.setIconCode(switch (p) {
                case DONE, BUILT, PULLED -> Feather.CHECK_CIRCLE;
                case FAILED -> Feather.X_CIRCLE;
                case QUEUED -> Feather.CIRCLE;
                case BUILDING -> Feather.TOOL;
                case PULLING -> Feather.DOWNLOAD;
                case WAITING -> Feather.CLOCK;
                default -> Feather.LOADER;
            });
            line.getStyleClass().removeAll("phase-done", "phase-failed", "phase-active");
            line.getStyleClass().add(p == Phase.DONE ? "phase-done" : p == Phase.FAILED ? "phase-failed"
                    : "phase-active");
            boolean measured = p != Phase.QUEUED && p != Phase.DONE && p != Phase.FAILED;
            bar.setVisible(measured || p == Phase.DONE);
        };
        row.phaseProperty().addListener((obs, old, p) -> paint.run());
        paint.run();
        return line;
    }

    private Node failurePanel() {
        Label headline = new Label();
        headline.setId("failureHeadline");
        headline.getStyleClass().add("failure-headline");
        headline.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        headline.setWrapText(true);
        TextArea message = new TextArea();
        message.setId("failureMessage");
        message.getStyleClass().add("failure-message");
        message.setEditable(false);
        message.setWrapText(true);
        message.setPrefRowCount(2);
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label hint = new Label();
        hint.setId("failureHint");
        hint.getStyleClass().add("failure-hint");
        hint.setWrapText(true);
        hint.setGraphic(new FontIcon(Feather.TOOL));
        VBox panel = new VBox(6, headline, message, hint);
        panel.setId("progressFailure");
        panel.getStyleClass().add("failure-panel");
        panel.setPadding(new Insets(8, 10, 10, 10));
        progress.failureProperty().addListener((obs, old, failure) -> {
            panel.setVisible(failure != null);
            panel.setManaged(failure != null);
            if (failure != null) {
                headline.setText(failure.headline());
                message.setText(failure.message());
                message.setPrefRowCount((int) Math.min(6, Math.max(1, failure.message().lines().count())));
                hint.setText(failure.hint().isEmpty() ? "Fix: look at the service's output in the log pane below"
                        : "Fix: " + failure.hint());
            }
        });
        panel.setVisible(false);
        panel.setManaged(false);
        return panel;
    }
}
