package dev.berth.app.shell;

import dev.berth.compose.LoadOptions;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one window, on the project the command line named or on the start screen. */
public final class BerthApp extends Application {
    private static volatile LoadOptions startupProject;
    private MainWindow window;

    /** Opens the window on {@code project} and returns when the user closes it. */
    public static void launchWith(LoadOptions project) {
        startupProject = project;
        Application.launch(BerthApp.class);
    }

    /** Opens the window on the start screen (recent projects, open, clone, sample) and returns when it is closed. */
    public static void launchOnStartScreen() {
        startupProject = null;
        Application.launch(BerthApp.class);
    }

    @Override
    public void start(Stage stage) {
        window = startupProject == null
                ? MainWindow.openStart(stage, getHostServices()::showDocument)
                : MainWindow.open(stage, startupProject, getHostServices()::showDocument);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        // Berth's own engine, when the window started it, ends with the app (its containers stopped first)
        dev.berth.app.engine.OwnEngine.stop();
    }
}
