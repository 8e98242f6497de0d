package dev.berth.app.projects;

import dev.berth.app.logs.LogPane;
import dev.berth.app.terminal.TerminalPane;
import dev.berth.engine.api.ContainerStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
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

/**
 * The project window's content: toolbar (Up, Down, Restart, Rebuild), the progress view while one of them runs,
 * the services table (state, image, port links, CPU and memory, per-service actions), logs and shells, status bar.
 */
public final class ProjectView {
    private final ProjectViewModel vm;
    private final Consumer<String> openUrl;
    private final BorderPane root = new BorderPane();
    private final AnimationTimer pulse;
    private final TabPane bottomTabs = new TabPane();
    private final Tab logsTab = new Tab("Logs");
    private final Map<String, TerminalPane> shells = new HashMap<>();

    public ProjectView(ProjectViewModel vm, Consumer<String> openUrl) {
        this.vm = vm;
        this.openUrl = openUrl;
        root.getStyleClass().add("project-view");
        root.getStylesheets().add(java.util.Objects.requireNonNull(ProjectView.class.getResource("projects.css"))
                .toExternalForm());
        root.setTop(toolbar());
        TableView<ServiceRow> table = servicesTable();
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox top = new VBox(new ProgressView(vm.upProgress()).root(), table);
        SplitPane split = new SplitPane(top, logSection());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        table.setMinHeight(130);
        table.setPrefHeight(150); // it grows into what the progress view leaves; its own wish must not squeeze that
        vm.setQuestions(new UpDialogs(() -> root.getScene() == null ? null : root.getScene().getWindow()));
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
        shells.values().forEach(TerminalPane::close);
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

        Button restart = new Button("Restart", new FontIcon(Feather.REFRESH_CW));
        restart.setId("restartButton");
        restart.setTooltip(new Tooltip("Restart every service's containers"));
        restart.setOnAction(e -> vm.restart());

        Button rebuild = new Button("Rebuild", new FontIcon(Feather.TOOL));
        rebuild.setId("rebuildButton");
        rebuild.setTooltip(new Tooltip("Build every image again and recreate every container"));
        rebuild.setOnAction(e -> vm.rebuild());

        var idle = vm.readyProperty().and(vm.busyProperty().not());
        for (Button b : new Button[] {up, down, restart, rebuild}) {
            b.disableProperty().bind(idle.not());
        }

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ProgressIndicator working = new ProgressIndicator();
        working.setPrefSize(18, 18);
        working.visibleProperty().bind(vm.busyProperty());
        HBox bar = new HBox(8, title, up, down, restart, rebuild, spacer, working);
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
        table.getColumns().add(column("Service", 110, ServiceRow::service));
        TableColumn<ServiceRow, String> state = column("State", 140, ServiceRow::stateText);
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().removeAll("state-running", "state-stopped", "state-failed");
                if (!empty && text != null) {
                    getStyleClass().add(text.contains("unhealthy") ? "state-failed"
                            : text.startsWith("running") ? "state-running"
                            : text.startsWith("exited") || text.startsWith("dead") || text.equals("failed")
                            ? "state-failed" : "state-stopped");
                }
            }
        });
        table.getColumns().add(state);
        table.getColumns().add(column("Image", 160, ServiceRow::image));
        TableColumn<ServiceRow, ServiceRow> ports = new TableColumn<>("Ports");
        ports.setPrefWidth(210);
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
                HBox links = new HBox(10);
                links.setAlignment(Pos.CENTER_LEFT);
                // the engine lists a port once per address family (0.0.0.0 and ::): one link is enough
                java.util.Set<String> shown = new java.util.HashSet<>();
                for (PublishedPort p : row.ports()) {
                    if (!shown.add(p.hostPort() + "/" + p.containerPort() + "/" + p.protocol())) {
                        continue;
                    }
                    Hyperlink link = new Hyperlink(p.hostPort() + "→" + p.containerPort());
                    link.setId("portLink-" + row.service() + "-" + p.hostPort());
                    link.setMinWidth(Region.USE_PREF_SIZE);
                    String unreachable = row.whyUnreachable(p);
                    if (unreachable != null) {
                        // a port of Berth's VM that cannot be forwarded here: the link would lead nowhere
                        link.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
                        link.getStyleClass().add("port-unreachable");
                        Tooltip why = new Tooltip("Not reachable on this machine: the container publishes "
                                + ServiceRow.portKey(p.hostPort(), p.protocol()) + " in Berth's VM, but "
                                + unreachable);
                        why.setWrapText(true);
                        why.setMaxWidth(460);
                        link.setTooltip(why);   // and no action: the address leads to the other program
                    } else {
                        link.setTooltip(new Tooltip("Open " + p.url()));
                        link.setOnAction(e -> openUrl.accept(p.url()));
                    }
                    links.getChildren().add(link);
                }
                setGraphic(links);
            }
        });
        table.getColumns().add(ports);
        table.getColumns().add(statsColumn("CPU", 70, "cpuColumn", s -> String.format(java.util.Locale.ROOT, "%.1f %%",
                s.cpuPercent())));
        table.getColumns().add(statsColumn("Memory", 90, "memoryColumn", s -> bytes(s.memoryUsage())));
        table.getColumns().add(actionsColumn());
        table.getColumns().add(column("Container", 180, ServiceRow::container));
        table.setRowFactory(t -> {
            TableRow<ServiceRow> row = new TableRow<>();
            row.itemProperty().addListener((obs, old, item) -> row.setContextMenu(item == null ? null
                    : new ContextMenu(actions(item).toArray(MenuItem[]::new))));
            return row;
        });
        return table;
    }

    private static TableColumn<ServiceRow, String> column(String title, double width,
                                                          java.util.function.Function<ServiceRow, String> value) {
        TableColumn<ServiceRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }

    /** Logs and the open shells, one tab each. */
    private TabPane logSection() {
        Label filter = new Label();
        filter.setId("logFilterLabel");
        filter.getStyleClass().add("text-muted");
        filter.textProperty().bind(Bindings.when(vm.logFilterProperty().isEmpty()).then("all services")
                .otherwise(Bindings.concat("only ", vm.logFilterProperty())));
        Button all = new Button("Show all");
        all.setId("logShowAll");
        all.getStyleClass().addAll("small", "flat");
        all.visibleProperty().bind(vm.logFilterProperty().isNotEmpty());
        all.setOnAction(e -> vm.filterLogs(""));
        HBox heading = new HBox(8, filter, all);
        heading.setAlignment(Pos.CENTER_LEFT);
        heading.setPadding(new Insets(4, 8, 4, 8));
        LogPane logs = new LogPane(vm.shownLogLines());
        vm.services().addListener((javafx.collections.ListChangeListener<ServiceRow>) change ->
                logs.setSomethingRuns(vm.services().stream().anyMatch(ServiceRow::isRunning)));
        VBox.setVgrow(logs, Priority.ALWAYS);
        logsTab.setContent(new VBox(heading, logs));
        logsTab.setClosable(false);
        logsTab.setGraphic(new FontIcon(Feather.ALIGN_LEFT));
        logsTab.setId("logsTab");
        bottomTabs.getTabs().setAll(logsTab);
        bottomTabs.getStyleClass().add("bottom-tabs");
        return bottomTabs;
    }

    /** A shell tab per service; opening it again selects the open one. */
    private void openShell(String service) {
        Tab open = bottomTabs.getTabs().stream().filter(t -> ("shellTab-" + service).equals(t.getId())).findFirst()
                .orElse(null);
        if (open == null) {
            TerminalPane terminal = new TerminalPane(vm.openShell(service));
            shells.put(service, terminal);
            open = new Tab("Shell: " + service, terminal);
            open.setId("shellTab-" + service);
            open.setGraphic(new FontIcon(Feather.TERMINAL));
            open.setOnClosed(e -> shells.remove(service).close());
            bottomTabs.getTabs().add(open);
        }
        bottomTabs.getSelectionModel().select(open);
        TerminalPane terminal = shells.get(service);
        javafx.application.Platform.runLater(terminal::focusInput);
    }

    /** Start, stop, restart, rebuild, logs, shell: the row's menu and the Actions column's button. */
    private List<MenuItem> actions(ServiceRow row) {
        String s = row.service();
        MenuItem start = item("Start", Feather.PLAY, "start-" + s, () -> vm.startService(s));
        MenuItem stop = item("Stop", Feather.SQUARE, "stop-" + s, () -> vm.stopService(s));
        MenuItem restart = item("Restart", Feather.REFRESH_CW, "restart-" + s, () -> vm.restartService(s));
        MenuItem rebuild = item("Rebuild", Feather.TOOL, "rebuild-" + s, () -> vm.rebuildService(s));
        MenuItem logs = item("Show only its logs", Feather.ALIGN_LEFT, "logs-" + s, () -> {
            vm.filterLogs(s);
            bottomTabs.getSelectionModel().select(logsTab);
        });
        MenuItem shell = item("Open shell", Feather.TERMINAL, "shell-" + s, () -> openShell(s));
        var idle = vm.readyProperty().and(vm.busyProperty().not());
        start.disableProperty().bind(idle.not().or(new javafx.beans.property.SimpleBooleanProperty(row.isRunning())));
        stop.disableProperty().bind(idle.not().or(new javafx.beans.property.SimpleBooleanProperty(!row.isRunning())));
        restart.disableProperty().bind(idle.not().or(new javafx.beans.property.SimpleBooleanProperty(row.container()
                .isEmpty())));
        rebuild.disableProperty().bind(idle.not());
        shell.setDisable(!row.isRunning());
        return List.of(start, stop, restart, rebuild, new SeparatorMenuItem(), logs, shell);
    }

    private static MenuItem item(String text, Feather icon, String id, Runnable action) {
        MenuItem item = new MenuItem(text, new FontIcon(icon));
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    private TableColumn<ServiceRow, ServiceRow> actionsColumn() {
        TableColumn<ServiceRow, ServiceRow> column = new TableColumn<>("");
        column.setId("actionsColumn");
        column.setPrefWidth(56);
        column.setMinWidth(56);
        column.setMaxWidth(56);
        column.setSortable(false);
        column.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            // one button per cell for its whole life: a refresh of the rows must not pull it away under the mouse
            private final MenuButton menu = new MenuButton(null, new FontIcon(Feather.MORE_HORIZONTAL));

            {
                menu.getStyleClass().addAll("flat", "no-arrow", "small");
                menu.setTooltip(new Tooltip("Start, stop, restart, rebuild, logs, shell"));
            }

            @Override
            protected void updateItem(ServiceRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                menu.setId("actions-" + row.service());
                if (!menu.isShowing()) {
                    menu.getItems().setAll(actions(row));
                }
                setGraphic(menu);
            }
        });
        return column;
    }

    /** A figure from the newest stats sample of the row's container; empty while it has none. */
    private TableColumn<ServiceRow, String> statsColumn(String title, double width, String id,
                                                        java.util.function.Function<ContainerStats, String> figure) {
        TableColumn<ServiceRow, String> column = new TableColumn<>(title);
        column.setId(id);
        column.setPrefWidth(width);
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        column.setCellValueFactory(c -> {
            String id2 = c.getValue().containerId();
            if (id2.isEmpty() || !c.getValue().isRunning()) {
                return new ReadOnlyStringWrapper("");
            }
            return Bindings.createStringBinding(() -> {
                ContainerStats s = vm.stats().get(id2);
                return s == null ? "…" : figure.apply(s);
            }, Bindings.valueAt(vm.stats(), id2));
        });
        return column;
    }

    /** "12.3 MiB", as docker stats prints memory. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private HBox statusBar() {
        Label status = new Label();
        status.setId("statusLabel");
        status.textProperty().bind(vm.statusProperty().map(t -> t.replace("\n  hint: ", " — hint: ")
                .replace('\n', ' ')));
        status.tooltipProperty().bind(vm.statusProperty().map(t -> t.isEmpty() ? null : new Tooltip(t)));
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Label engine = new Label();
        engine.setId("engineLabel");
        engine.getStyleClass().add("text-muted");
        engine.textProperty().bind(vm.engineProperty());
        // a long "No engine: …" shares the bar with the button: both it and the status then shrink, with tooltips
        engine.minWidthProperty().bind(vm.ownEngineOfferedProperty().map(offered -> offered ? 200.0
                : Region.USE_PREF_SIZE));
        engine.tooltipProperty().bind(vm.engineProperty().map(t -> t.isEmpty() ? null : new Tooltip(t)));
        Button ownEngine = new Button("Start Berth's engine");
        ownEngine.setMinWidth(Region.USE_PREF_SIZE);
        ownEngine.setId("ownEngineButton");
        Tooltip ownEngineTip = new Tooltip();
        ownEngineTip.textProperty().bind(vm.ownEngineActionProperty().map(action -> action.contains("VM")
                ? "Boot Berth's Linux VM with a container engine in it (your home folder shared, published ports"
                + " forwarded here), for as long as Berth runs"
                : "Run a container engine of Berth's own on this machine (a dockerd beside any other, with its own"
                + " data and network), for as long as Berth runs"));
        ownEngine.setTooltip(ownEngineTip);
        ownEngine.textProperty().bind(vm.ownEngineActionProperty());
        ownEngine.visibleProperty().bind(vm.ownEngineOfferedProperty());
        ownEngine.managedProperty().bind(vm.ownEngineOfferedProperty());
        ownEngine.setOnAction(e -> vm.startOwnEngine());
        HBox bar = new HBox(12, status, engine, ownEngine);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }
}
