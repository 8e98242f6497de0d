package dev.berth.app.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.berth.app.common.FxTaskExecutor;
import dev.berth.app.projects.ProjectView;
import dev.berth.app.projects.ProjectViewModel;
import dev.berth.app.projects.ProjectWorkspace;
import dev.berth.compose.LoadOptions;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Puts a project's view in a stage, with the theme that follows the system's light or dark setting. */
public final class MainWindow {
    private final ProjectViewModel viewModel;
    private final ProjectView view;

    private MainWindow(ProjectViewModel viewModel, ProjectView view) {
        this.viewModel = viewModel;
        this.view = view;
    }

    public static MainWindow open(Stage stage, LoadOptions project, Consumer<String> openUrl) {
        followSystemTheme();
        ProjectViewModel vm = new ProjectViewModel(project, new FxTaskExecutor());
        ProjectView view = new ProjectView(vm, openUrl);
        ProjectWorkspace workspace = ProjectWorkspace.withoutEditor(view);
        Scene scene = new Scene(workspace.root(), 1100, 720);
        scene.getStylesheets().add(Objects.requireNonNull(MainWindow.class.getResource("/dev/berth/app/berth.css")).toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(vm.projectNameProperty().map(n -> n.isEmpty() ? "Berth" : n + " — Berth"));
        stage.show();
        vm.open();
        MainWindow window = new MainWindow(vm, view);
        stage.setOnHidden(e -> window.close());
        return window;
    }

    public ProjectViewModel viewModel() {
        return viewModel;
    }

    /** Stops the frame pulse and closes streams and the engine connection off the FX thread. */
    public void close() {
        view.stop();
        Thread.ofVirtual().start(viewModel::close);
    }

    private static void followSystemTheme() {
        var preferences = Platform.getPreferences();
        Runnable apply = () -> Application.setUserAgentStylesheet(preferences.getColorScheme() == ColorScheme.DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        apply.run();
        preferences.colorSchemeProperty().addListener((obs, old, scheme) -> apply.run());
    }
}
