package dev.berth.app.start;

import dev.berth.app.common.RecentProjects;
import dev.berth.app.common.SettingsStore;
import dev.berth.app.common.TaskExecutor;
import dev.berth.app.start.FolderDiscovery.Found;
import dev.berth.app.start.FolderDiscovery.NotFound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The start screen's state and commands, with no node in sight: the recent projects (with whether each folder
 * is still there), a message saying what went wrong and what to do, and opening a folder, which looks for its
 * compose files off the UI thread and hands a {@link Found} project to whoever opens windows.
 */
public final class StartViewModel {

    /** A recent project as the list shows it; {@code present} is false when its folder is gone. */
    public record RecentEntry(Path directory, String name, boolean present) {
    }

    private final SettingsStore settings;
    private final TaskExecutor tasks;
    private final Map<String, String> environment;
    private final Path dataDirectory;
    private final Consumer<Found> onOpen;

    private final ObservableList<RecentEntry> recent = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty busyText = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);

    public StartViewModel(SettingsStore settings, TaskExecutor tasks, Map<String, String> environment,
                          Path dataDirectory, Consumer<Found> onOpen) {
        this.settings = settings;
        this.tasks = tasks;
        this.environment = Map.copyOf(environment);
        this.dataDirectory = dataDirectory;
        this.onOpen = onOpen;
    }

    /** Reads the recent projects and checks which folders still exist, off the UI thread. */
    public void loadRecent() {
        tasks.run(() -> entries(settings.current().recentProjects()), recent::setAll, this::failed);
    }

    /** Looks for compose files in {@code folder}; opens the project when there is one, else says what to do. */
    public void open(Path folder) {
        discover("Looking for compose files in " + folder + "…", () -> FolderDiscovery.look(folder, environment));
    }

    /** Writes the sample out of the app (once) and opens it. */
    public void trySample() {
        discover("Preparing the sample project…",
                () -> FolderDiscovery.look(SampleProject.materialise(dataDirectory), environment));
    }

    /** Takes a project off the list (its folder is left alone). */
    public void remove(RecentEntry entry) {
        tasks.run(() -> entries(settings.update(s -> s.withRecentProjects(
                RecentProjects.removed(s.recentProjects(), entry.directory()))).recentProjects()),
                recent::setAll, this::failed);
    }

    /** A recent entry was picked: open it, or say that its folder is gone. */
    public void openRecent(RecentEntry entry) {
        open(entry.directory());
    }

    /** Shows {@code text} as the screen's message (an error from elsewhere, e.g. a failed clone, or ""). */
    public void showMessage(String text) {
        message.set(text);
    }

    private void discover(String what, Callable<FolderDiscovery.Outcome> work) {
        busy.set(true);
        busyText.set(what);
        message.set("");
        tasks.run(work, outcome -> {
            busy.set(false);
            busyText.set("");
            switch (outcome) {
                case Found found -> onOpen.accept(found);
                case NotFound notFound -> message.set(notFound.message());
            }
        }, this::failed);
    }

    private void failed(Exception e) {
        busy.set(false);
        busyText.set("");
        message.set(e.getMessage() == null ? "Something went wrong: " + e : e.getMessage());
    }

    private static List<RecentEntry> entries(List<SettingsStore.RecentProject> saved) {
        return saved.stream().map(r -> {
            Path dir = Path.of(r.directory());
            return new RecentEntry(dir, r.name(), Files.isDirectory(dir));
        }).toList();
    }

    public ObservableList<RecentEntry> recent() {
        return recent;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyStringProperty busyTextProperty() {
        return busyText;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }
}
