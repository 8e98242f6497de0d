package dev.berth.app.start;

import atlantafx.base.theme.Styles;
import dev.berth.app.start.StartViewModel.RecentEntry;
import java.io.File;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What Berth shows with no project open: the ways in (open a folder, clone a repository, try the sample) on the
 * left, the recent projects on the right, and a message in between when something needs the user's attention.
 */
public final class StartView {
    public static final KeyCombination OPEN_FOLDER = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination CLONE = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final StartViewModel vm;
    private final BorderPane root = new BorderPane();

    public StartView(StartViewModel vm) {
        this.vm = vm;
        HBox columns = new HBox(48, actions(), recentColumn());
        columns.setMaxWidth(960);
        columns.setMaxHeight(560);
        columns.setPadding(new Insets(40));
        VBox page = new VBox(16, message(), columns);
        page.setAlignment(Pos.TOP_CENTER);
        page.setMaxWidth(960);
        page.setPadding(new Insets(48, 24, 24, 24));
        StackPane centred = new StackPane(page);
        StackPane.setAlignment(page, Pos.TOP_CENTER);
        root.setCenter(centred);
        root.getStyleClass().add("start-screen");
        root.setId("startScreen");
    }

    public Parent root() {
        return root;
    }

    /** Asks for a folder and opens it (Ctrl+O). */
    public void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a project folder");
        File chosen = chooser.showDialog(window());
        if (chosen != null) {
            vm.open(chosen.toPath());
        }
    }

    /** Opens the Clone dialog (Ctrl+Shift+O); a finished clone is opened like a folder. */
    public void showCloneDialog() {
        CloneDialog.show(window(), Path.of(System.getProperty("user.home")), vm::open);
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private Node actions() {
        Label title = new Label("Berth");
        title.getStyleClass().addAll(Styles.TITLE_1);
        Label subtitle = new Label("Run Compose projects on this machine.");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        subtitle.setWrapText(true);

        Button open = action("openFolderButton", "Open folder…", "A folder with a compose.yaml", Feather.FOLDER,
                "Ctrl+O");
        open.setOnAction(e -> chooseFolder());
        Button clone = action("cloneButton", "Clone repository…", "Any git address, no git needed",
                Feather.GIT_BRANCH, "Ctrl+Shift+O");
        clone.setOnAction(e -> showCloneDialog());
        Button sample = action("sampleButton", "Try the sample", "A web page and a key-value store", Feather.PLAY_CIRCLE,
                null);
        sample.setOnAction(e -> vm.trySample());
        for (Button b : new Button[] {open, clone, sample}) {
            b.disableProperty().bind(vm.busyProperty());
        }

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        Label busy = new Label();
        busy.setId("startBusy");
        busy.textProperty().bind(vm.busyTextProperty());
        busy.setGraphic(spinner);
        busy.setWrapText(true);
        busy.visibleProperty().bind(vm.busyProperty());
        busy.managedProperty().bind(vm.busyProperty());

        VBox column = new VBox(12, title, subtitle, spacer(12), open, clone, sample, busy);
        column.setPrefWidth(340);
        column.setMinWidth(340);
        return column;
    }

    private static Button action(String id, String title, String detail, Feather icon, String shortcut) {
        Label main = new Label(title);
        main.getStyleClass().add(Styles.TEXT_BOLD);
        Label sub = new Label(detail);
        sub.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox text = new VBox(2, main, sub);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox content = new HBox(12, new FontIcon(icon), text);
        content.setAlignment(Pos.CENTER_LEFT);
        if (shortcut != null) {
            Label keys = new Label(shortcut);
            keys.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            keys.setMinWidth(Region.USE_PREF_SIZE);
            content.getChildren().add(keys);
        }
        Button button = new Button(null, content);
        button.setId(id);
        button.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        button.setMaxWidth(Double.MAX_VALUE);
        button.getStyleClass().add("start-action");
        content.prefWidthProperty().bind(button.widthProperty().subtract(32));
        return button;
    }

    private Node recentColumn() {
        Label heading = new Label("Recent projects");
        heading.getStyleClass().add(Styles.TITLE_4);

        ListView<RecentEntry> list = new ListView<>(vm.recent());
        list.setId("recentProjects");
        list.getStyleClass().addAll("recent-projects", Styles.STRIPED);
        list.setCellFactory(v -> new RecentCell());
        Label empty = new Label("No recent projects yet.\nOpen a folder that holds a compose.yaml, clone a repository, "
                + "or try the sample: it will be listed here next time.");
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setPadding(new Insets(16));
        list.setPlaceholder(empty);
        list.setOnKeyPressed(e -> {
            RecentEntry picked = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && picked != null) {
                vm.openRecent(picked);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox column = new VBox(12, heading, list);
        HBox.setHgrow(column, Priority.ALWAYS);
        column.setMinWidth(360);
        return column;
    }

    private Node message() {
        Label text = new Label();
        text.setId("startMessage");
        text.textProperty().bind(vm.messageProperty());
        text.setWrapText(true);
        text.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        text.setMaxWidth(Double.MAX_VALUE);
        Button dismiss = new Button(null, new FontIcon(Feather.X));
        dismiss.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        dismiss.setTooltip(new Tooltip("Dismiss"));
        dismiss.setOnAction(e -> vm.showMessage(""));
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox banner = new HBox(8, text, dismiss);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("start-message");
        banner.setMaxWidth(880);
        var shown = vm.messageProperty().isNotEmpty();
        banner.visibleProperty().bind(shown);
        banner.managedProperty().bind(shown);
        return banner;
    }

    private static Region spacer(double height) {
        Region r = new Region();
        r.setMinHeight(height);
        return r;
    }

    /** One recent project: name and folder, or, when the folder is gone, that fact and a way off the list. */
    private final class RecentCell extends ListCell<RecentEntry> {
        RecentCell() {
            // as wide as the list, never wider: long paths end in an ellipsis instead of a horizontal scroll bar
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(RecentEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            setText(null);
            setOnMouseClicked(null);
            if (empty || entry == null) {
                setGraphic(null);
                return;
            }
            Label name = new Label(entry.name());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            Label path = new Label(entry.directory().toString());
            path.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            path.setMinWidth(0);
            path.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
            path.setTooltip(new Tooltip(entry.directory().toString()));
            VBox text = new VBox(2, name, path);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMinWidth(0);
            FontIcon icon = new FontIcon(entry.present() ? Feather.FOLDER : Feather.ALERT_CIRCLE);
            HBox row = new HBox(10, icon, text);
            row.setAlignment(Pos.CENTER_LEFT);
            if (!entry.present()) {
                Label gone = new Label("Folder not found: moved or deleted?");
                gone.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
                text.getChildren().add(gone);
                name.getStyleClass().add(Styles.TEXT_MUTED);
                icon.getStyleClass().add(Styles.DANGER);
                Button remove = new Button("Remove from list");
                remove.getStyleClass().addAll(Styles.SMALL);
                remove.setMinWidth(Region.USE_PREF_SIZE);
                remove.setOnAction(e -> vm.remove(entry));
                row.getChildren().add(remove);
            }
            setGraphic(row);
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 1 && entry.present()) {
                    vm.openRecent(entry);
                }
            });
        }
    }
}
