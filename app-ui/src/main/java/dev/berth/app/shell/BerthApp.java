package dev.berth.app.shell;

import dev.berth.compose.LoadOptions;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one window on the project that the command line named. */
public final class BerthApp extends Application {
    private static volatile LoadOptions startupProject;
    private MainWindow window;

    /** Opens the window on {@code project} and returns when the user closes it. */
    public static void launchWith(LoadOptions project) {
        startupProject = project;
        Application.launch(BerthApp.class);
    }

    @Override
    public void start(Stage stage) {
        window = MainWindow.open(stage, startupProject, getHostServices()::showDocument);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
