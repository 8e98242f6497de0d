package dev.berth.app.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.berth.app.common.FxTaskExecutor;
import dev.berth.app.common.RecentProjects;
import dev.berth.app.common.SettingsStore;
import dev.berth.app.common.SettingsStore.WindowPlacement;
import dev.berth.app.common.TaskExecutor;
import dev.berth.app.projects.ProjectView;
import dev.berth.app.projects.ProjectViewModel;
import dev.berth.app.editor.EditorPane;
import dev.berth.app.projects.ProjectWorkspace;
import dev.berth.app.start.FolderDiscovery;
import dev.berth.app.start.FolderDiscovery.Found;
import dev.berth.app.start.FolderDiscovery.NotFound;
import dev.berth.app.start.SampleProject;
import dev.berth.app.start.StartView;
import dev.berth.app.start.StartViewModel;
import dev.berth.compose.LoadOptions;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Berth's window: the start screen when no project is open, a project's workspace when one is; the theme follows
 * the system's light or dark setting, and the window's size and place are remembered between runs.
 */
public final class MainWindow {
    private static final double DEFAULT_WIDTH = 1100;
    private static final double DEFAULT_HEIGHT = 720;

    private final Stage stage;
    private final Consumer<String> openUrl;
    private final SettingsStore settings;
    private final TaskExecutor tasks = new FxTaskExecutor();
    private final StackPane content = new StackPane();

    private StartViewModel startViewModel;
    private StartView startView;
    private ProjectViewModel viewModel;
    private ProjectView view;
    private ProjectWorkspace workspace;
    private EditorPane editor;
    /** The window's bounds when last neither maximised nor iconified: what is saved, and restored next time. */
    private Rectangle2D normalBounds;
    private boolean closed;
    private String pendingWarning;

    private MainWindow(Stage stage, Consumer<String> openUrl) {
        this.stage = stage;
        this.openUrl = openUrl;
        // a settings file that cannot be read or written is said on the start screen too, not only on stderr
        this.settings = SettingsStore.standard(warning -> Platform.runLater(() -> settingsWarning(warning)));
    }

    /** The window on {@code project}, as the command line named it. */
    public static MainWindow open(Stage stage, LoadOptions project, Consumer<String> openUrl) {
        MainWindow window = create(stage, openUrl);
        window.showProject(project, null);
        return window;
    }

    /** The window on the start screen: recent projects, open a folder, clone, the sample. */
    public static MainWindow openStart(Stage stage, Consumer<String> openUrl) {
        MainWindow window = create(stage, openUrl);
        window.showStart();
        return window;
    }

    private static MainWindow create(Stage stage, Consumer<String> openUrl) {
        followSystemTheme();
        MainWindow window = new MainWindow(stage, openUrl);
        SettingsStore settings = window.settings;
        // One small file read before the first frame: the placement must be known before the window shows,
        // or it would jump to its place after appearing.
        WindowPlacement saved = settings.current().window();
        boolean placed = saved != null && saved.isUsable() && onSomeScreen(saved);
        // the saved size is the stage's (window decorations included), so it is given back to the stage
        Scene scene = placed ? new Scene(window.content) : new Scene(window.content, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(MainWindow.class.getResource("/dev/berth/app/berth.css")).toExternalForm());
        scene.getAccelerators().put(StartView.OPEN_FOLDER, () -> window.showStart().chooseFolder());
        scene.getAccelerators().put(StartView.CLONE, () -> window.showStart().showCloneDialog());
        stage.setScene(scene);
        if (placed) {
            stage.setX(saved.x());
            stage.setY(saved.y());
            stage.setWidth(saved.width());
            stage.setHeight(saved.height());
            stage.setMaximized(saved.maximized());
        }
        window.trackPlacement();
        stage.setOnHidden(e -> window.close());
        stage.show();
        return window;
    }

    /** Closes whatever is open and shows the start screen; returns its view (for the shortcuts). */
    public StartView showStart() {
        closeProject();
        if (startView == null) {
            startViewModel = new StartViewModel(settings, tasks, System.getenv(), SampleProject.standardDataDirectory(),
                    found -> showProject(found.options(), found));
            startView = new StartView(startViewModel);
        }
        startViewModel.loadRecent();
        if (pendingWarning != null) {
            startViewModel.showMessage("Berth's settings: " + pendingWarning + ".");
            pendingWarning = null;
        }
        stage.titleProperty().unbind();
        stage.setTitle("Berth");
        content.getChildren().setAll(startView.root());
        return startView;
    }

    /**
     * Opens the project {@code options} load in the workspace. {@code found} names its files when the start
     * screen already looked for them; when null (a project from the command line), they are looked up here.
     */
    public void showProject(LoadOptions options, Found found) {
        closeProject();
        ProjectViewModel vm = new ProjectViewModel(options, tasks);
        ProjectView projectView = new ProjectView(vm, openUrl);
        ProjectWorkspace workspace = ProjectWorkspace.withoutEditor(projectView);
        workspace.setOnShowProjects(this::showStart);
        viewModel = vm;
        view = projectView;
        this.workspace = workspace;
        if (found != null) {
            showFound(workspace, options, found);
        } else {
            tasks.run(() -> FolderDiscovery.look(options), outcome -> {
                switch (outcome) {
                    case Found f -> showFound(workspace, options, f);
                    case NotFound notFound -> workspace.showSourcesProblem(notFound.message());
                }
            }, e -> workspace.showSourcesProblem(String.valueOf(e.getMessage())));
        }
        content.getChildren().setAll(workspace.root());
        stage.titleProperty().bind(vm.projectNameProperty().map(n -> n.isEmpty() ? "Berth" : n + " — Berth"));
        vm.open();
    }

    private void showFound(ProjectWorkspace workspace, LoadOptions options, Found found) {
        workspace.showSources(found.projectDirectory(), found.composeFiles(), found.envFile());
        if (!found.composeFiles().isEmpty() && workspace == this.workspace) {
            // the first file in the editor: the one a user writes; overrides and -f extras come after it
            editor = EditorPane.open(found.composeFiles().getFirst(), options, tasks);
            workspace.setEditor(editor.node());
        }
        tasks.run(() -> settings.update(s -> s.withRecentProjects(
                RecentProjects.opened(s.recentProjects(), found.projectDirectory(), found.displayName()))),
                saved -> { }, e -> { });
    }

    private void settingsWarning(String warning) {
        pendingWarning = warning;
        if (startViewModel != null && viewModel == null) {
            startViewModel.showMessage("Berth's settings: " + warning + ".");
            pendingWarning = null;
        }
    }

    /** The open project's view-model, or null on the start screen. */
    public ProjectViewModel viewModel() {
        return viewModel;
    }

    /** The open project's compose file editor, or null until its files are found (and on the start screen). */
    public EditorPane editor() {
        return editor;
    }

    /** The start screen's view-model, or null when it was never shown. */
    public StartViewModel startViewModel() {
        return startViewModel;
    }

    /** Saves the window's placement, stops the frame pulse, and closes streams and the engine connection off the FX thread. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeProject();
        if (normalBounds != null) {
            // at exit: a synchronous write of a few hundred bytes, so that it is done before the JVM ends
            settings.update(s -> s.withWindow(new WindowPlacement(normalBounds.getMinX(), normalBounds.getMinY(),
                    normalBounds.getWidth(), normalBounds.getHeight(), stage.isMaximized())));
        }
    }

    private void closeProject() {
        if (editor != null) {
            editor.close();
            editor = null;
        }
        workspace = null;
        if (view != null) {
            view.stop();
            ProjectViewModel closing = viewModel;
            Thread.ofVirtual().start(closing::close);
            view = null;
            viewModel = null;
        }
    }

    private void trackPlacement() {
        Runnable remember = () -> {
            if (!stage.isMaximized() && !stage.isIconified() && stage.getWidth() > 0 && !Double.isNaN(stage.getX())) {
                normalBounds = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            }
        };
        stage.xProperty().addListener((o, a, b) -> remember.run());
        stage.yProperty().addListener((o, a, b) -> remember.run());
        stage.widthProperty().addListener((o, a, b) -> remember.run());
        stage.heightProperty().addListener((o, a, b) -> remember.run());
        stage.maximizedProperty().addListener((o, a, b) -> remember.run());
    }

    private static boolean onSomeScreen(WindowPlacement p) {
        return !Screen.getScreensForRectangle(p.x(), p.y(), Math.min(p.width(), 100), Math.min(p.height(), 100)).isEmpty();
    }

    private static void followSystemTheme() {
        var preferences = Platform.getPreferences();
        Runnable apply = () -> Application.setUserAgentStylesheet(preferences.getColorScheme() == ColorScheme.DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        apply.run();
        preferences.colorSchemeProperty().addListener((obs, old, scheme) -> apply.run());
    }
}
