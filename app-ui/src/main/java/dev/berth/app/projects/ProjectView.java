package dev.berth.app.projects;

import dev.berth.app.logs.LogPane;
import dev.berth.engine.api.PublishedPort;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The project window's content: toolbar (Up, Down), services table, log pane, status bar. */
public final class ProjectView {
    private final ProjectViewModel vm;
    private final Consumer<String> openUrl;
    private final BorderPane root = new BorderPane();
    private final AnimationTimer pulse;

    public ProjectView(ProjectViewModel vm, Consumer<String> openUrl) {
        this.vm = vm;
        this.openUrl = openUrl;
        root.getStyleClass().add("project-view");
        root.setTop(toolbar());
        SplitPane split = new SplitPane(servicesTable(), logSection());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        root.setCenter(split);
        root.setBottom(statusBar());
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.drainPulse();
            }
        };
        pulse.start();
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.U, KeyCombination.SHORTCUT_DOWN), vm::up);
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN,
                        KeyCombination.SHIFT_DOWN), () -> confirmDown());
            }
        });
    }

    public Parent root() {
        return root;
    }

    public void stop() {
        pulse.stop();
    }

    private HBox toolbar() {
        Label title = new Label();
        title.setId("projectTitle");
        title.getStyleClass().add("title-3");
        title.textProperty().bind(Bindings.when(vm.projectNameProperty().isEmpty())
                .then("Berth").otherwise(vm.projectNameProperty()));

        Button up = new Button("Up", new FontIcon(Feather.PLAY));
        up.setId("upButton");
        up.getStyleClass().add("accent");
        up.setTooltip(new Tooltip("Build, create and start every service (Ctrl+U)"));
        up.setOnAction(e -> vm.up());

        Button down = new Button("Down", new FontIcon(Feather.STOP_CIRCLE));
        down.setId("downButton");
        down.setTooltip(new Tooltip("Stop and remove the containers and networks (Ctrl+Shift+D)"));
        down.setOnAction(e -> confirmDown());

        var idle = vm.readyProperty().and(vm.busyProperty().not());
        up.disableProperty().bind(idle.not());
        down.disableProperty().bind(idle.not());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ProgressIndicator working = new ProgressIndicator();
        working.setPrefSize(18, 18);
        working.visibleProperty().bind(vm.busyProperty());
        HBox bar = new HBox(8, title, up, down, spacer, working);
        HBox.setMargin(up, new Insets(0, 0, 0, 16));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        bar.getStyleClass().add("project-toolbar");
        return bar;
    }

    /** Down keeps volumes unless the user ticks the box: removing data is an explicit, confirmed choice. */
    private void confirmDown() {
        if (!vm.readyProperty().get() || vm.busyProperty().get()) {
            return;
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Down");
        dialog.setHeaderText("Stop and remove the containers and networks of " + vm.projectNameProperty().get() + "?");
        CheckBox volumes = new CheckBox("Also remove the project's volumes (their data is lost)");
        volumes.setId("removeVolumes");
        dialog.getDialogPane().setContent(volumes);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ButtonType.OK);
        dialog.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        dialog.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.down(volumes.isSelected()));
    }

    private TableView<ServiceRow> servicesTable() {
        TableView<ServiceRow> table = new TableView<>(vm.services());
        table.setId("servicesTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No services: open a folder with a compose.yaml"));
        table.getColumns().add(column("Service", 140, ServiceRow::service));
        TableColumn<ServiceRow, String> state = column("State", 150, ServiceRow::stateText);
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().removeAll("state-running", "state-stopped", "state-failed");
                if (!empty && text != null) {
                    getStyleClass().add(text.startsWith("running") ? "state-running"
                            : text.startsWith("exited") || text.startsWith("dead") || text.equals("failed")
                            ? "state-failed" : "state-stopped");
                }
            }
        });
        table.getColumns().add(state);
        table.getColumns().add(column("Image", 200, ServiceRow::image));
        TableColumn<ServiceRow, ServiceRow> ports = new TableColumn<>("Ports");
        ports.setPrefWidth(200);
        ports.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        ports.setCellFactory(c -> new TableCell<>() {
            {
                setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(ServiceRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null || row.ports().isEmpty()) {
                    setGraphic(null);
                    return;
                }
                HBox links = new HBox(4);
                links.setAlignment(Pos.CENTER_LEFT);
                for (PublishedPort p : row.ports()) {
                    Hyperlink link = new Hyperlink(p.hostPort() + "→" + p.containerPort());
                    link.setTooltip(new Tooltip("Open " + p.url()));
                    link.setOnAction(e -> openUrl.accept(p.url()));
                    links.getChildren().add(link);
                }
                setGraphic(links);
            }
        });
        table.getColumns().add(ports);
        table.getColumns().add(column("Container", 220, ServiceRow::container));
        return table;
    }

    private static TableColumn<ServiceRow, String> column(String title, double width,
                                                          java.util.function.Function<ServiceRow, String> value) {
        TableColumn<ServiceRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }

    private VBox logSection() {
        Label heading = new Label("Logs");
        heading.getStyleClass().add("text-bold");
        heading.setPadding(new Insets(6, 8, 4, 8));
        LogPane logs = new LogPane(vm.logLines());
        VBox.setVgrow(logs, Priority.ALWAYS);
        return new VBox(heading, logs);
    }

    private HBox statusBar() {
        Label status = new Label();
        status.setId("statusLabel");
        status.textProperty().bind(vm.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Label engine = new Label();
        engine.setId("engineLabel");
        engine.getStyleClass().add("text-muted");
        engine.textProperty().bind(vm.engineProperty());
        HBox bar = new HBox(12, status, engine);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }
}
