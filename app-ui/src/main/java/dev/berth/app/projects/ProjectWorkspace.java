package dev.berth.app.projects;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What a project window shows once a project is open: its services (state, logs, Up and Down) and its compose
 * file in the editor, one tab each. The window ({@code shell.MainWindow}) decides when a workspace is shown; the
 * workspace only lays out the views it is given.
 */
public final class ProjectWorkspace {
    private final TabPane tabs = new TabPane();
    private final Tab servicesTab;
    private final Tab editorTab;

    public ProjectWorkspace(ProjectView services, Node editor) {
        servicesTab = tab("servicesTab", "Services", Feather.LAYERS, services.root());
        editorTab = tab("editorTab", "Compose file", Feather.FILE_TEXT, editor);
        tabs.getTabs().setAll(servicesTab, editorTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("project-workspace");
    }

    /** A workspace whose editor tab says that the editor is not available (used until a file is open). */
    public static ProjectWorkspace withoutEditor(ProjectView services) {
        Label none = new Label("No compose file is open.");
        none.getStyleClass().add("text-muted");
        return new ProjectWorkspace(services, none);
    }

    public Parent root() {
        return tabs;
    }

    public void showServices() {
        tabs.getSelectionModel().select(servicesTab);
    }

    public void showEditor() {
        tabs.getSelectionModel().select(editorTab);
    }

    private static Tab tab(String id, String title, Feather icon, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        tab.setGraphic(new FontIcon(icon));
        return tab;
    }
}
