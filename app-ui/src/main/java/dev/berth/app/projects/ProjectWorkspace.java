package dev.berth.app.projects;

import atlantafx.base.theme.Styles;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What a project window shows once a project is open: its services (state, logs, Up and Down) and its compose
 * file in the editor, one tab each, under a header naming the files the project was found in. The window ({@code shell.MainWindow}) decides when a workspace is shown; the
 * workspace only lays out the views it is given.
 */
public final class ProjectWorkspace {
    private final TabPane tabs = new TabPane();
    private final Tab servicesTab;
    private final Tab editorTab;
    private final BorderPane root = new BorderPane();
    private final Button projectsButton = new Button("Projects", new FontIcon(Feather.GRID));
    private final HBox sources = new HBox(8);

    public ProjectWorkspace(ProjectView services, Node editor) {
        servicesTab = tab("servicesTab", "Services", Feather.LAYERS, services.root());
        editorTab = tab("editorTab", "Compose file", Feather.FILE_TEXT, editor);
        tabs.getTabs().setAll(servicesTab, editorTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("project-workspace");
        root.setTop(header());
        root.setCenter(tabs);
    }

    /** A workspace whose editor tab says that the editor is not available (used until a file is open). */
    public static ProjectWorkspace withoutEditor(ProjectView services) {
        Label none = new Label("No compose file is open.");
        none.getStyleClass().add("text-muted");
        return new ProjectWorkspace(services, none);
    }

    public Parent root() {
        return root;
    }

    /** Shows the button back to the start screen, which runs {@code action}. */
    public void setOnShowProjects(Runnable action) {
        projectsButton.setOnAction(e -> action.run());
        projectsButton.setVisible(true);
        projectsButton.setManaged(true);
    }

    /** Names the compose files (in load order) and the {@code .env} ({@code null}: none) the project came from. */
    public void showSources(Path projectDirectory, List<Path> composeFiles, Path envFile) {
        Label in = new Label(projectDirectory.toString());
        in.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        in.setMinWidth(0);
        sources.getChildren().setAll(new Label("Files:"));
        for (Path file : composeFiles) {
            sources.getChildren().add(chip(projectDirectory, file, Feather.FILE_TEXT, "compose-file-chip"));
        }
        if (envFile != null) {
            sources.getChildren().add(chip(projectDirectory, envFile, Feather.SLIDERS, "env-file-chip"));
        } else {
            Label none = new Label("no .env");
            none.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            none.setTooltip(new Tooltip("No .env file in " + projectDirectory
                    + ": variables come from the environment only"));
            sources.getChildren().add(none);
        }
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        sources.getChildren().addAll(gap, in);
    }

    /** Says that the files could not be found (e.g. the folder was removed meanwhile) and what to do. */
    public void showSourcesProblem(String message) {
        Label problem = new Label(message);
        problem.getStyleClass().add(Styles.DANGER);
        problem.setWrapText(true);
        sources.getChildren().setAll(problem);
    }

    private HBox header() {
        projectsButton.setId("projectsButton");
        projectsButton.setTooltip(new Tooltip("Back to the start screen: recent projects, open, clone"));
        projectsButton.getStyleClass().add(Styles.FLAT);
        projectsButton.setVisible(false);
        projectsButton.setManaged(false);
        sources.setId("projectSources");
        sources.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(sources, Priority.ALWAYS);
        HBox header = new HBox(12, projectsButton, sources);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(4, 10, 4, 6));
        header.getStyleClass().add("workspace-header");
        return header;
    }

    private static Label chip(Path projectDirectory, Path file, Feather icon, String style) {
        Path shown = file.startsWith(projectDirectory) ? projectDirectory.relativize(file) : file;
        Label chip = new Label(shown.toString(), new FontIcon(icon));
        chip.getStyleClass().addAll("file-chip", style);
        chip.setTooltip(new Tooltip(file.toString()));
        return chip;
    }

    /** Puts {@code editor} in the Compose file tab (once the project's files are known). */
    public void setEditor(Node editor) {
        editorTab.setContent(editor);
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
