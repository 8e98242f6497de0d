package dev.berth.app.editor;

import javafx.application.Application;

/** The benchmark's entry point: JavaFX on the class path refuses a main class that is an Application itself. */
public final class RunEditorBenchmark {
    private RunEditorBenchmark() {
    }

    public static void main(String[] args) {
        Application.launch(EditorBenchmark.class, args);
    }
}
