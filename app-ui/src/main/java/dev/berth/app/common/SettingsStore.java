package dev.berth.app.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Berth's own settings (window placement, recent projects) in one small JSON file,
 * {@code settings.json} under {@code $XDG_CONFIG_HOME/berth} or {@code ~/.config/berth}; the system property
 * {@code berth.config.dir} moves it (tests use a temporary folder). The file is replaced atomically, so a crash
 * while saving leaves the old file whole; a file that cannot be read is ignored with a warning, never a crash.
 * File I/O: call from a worker thread, not the FX thread.
 */
public final class SettingsStore {
    public static final String FILE_NAME = "settings.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Consumer<String> warnings;
    private Settings current;

    public SettingsStore(Path directory, Consumer<String> warnings) {
        this.file = directory.resolve(FILE_NAME);
        this.warnings = warnings;
    }

    /** The store at the usual place, warning on standard error and to {@code alsoTell}. */
    public static SettingsStore standard(Consumer<String> alsoTell) {
        return new SettingsStore(directory(System.getenv(), System.getProperty("berth.config.dir"),
                Path.of(System.getProperty("user.home"))), warning -> {
                    System.err.println("berth: " + warning);
                    alsoTell.accept(warning);
                });
    }

    /** {@code berth.config.dir} if set, else {@code $XDG_CONFIG_HOME/berth}, else {@code ~/.config/berth}. */
    static Path directory(Map<String, String> environment, String override, Path home) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "berth");
        }
        return home.resolve(".config").resolve("berth");
    }

    public Path file() {
        return file;
    }

    /** Where the window was and how big; {@code maximized} wins over the rest when set. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WindowPlacement(double x, double y, double width, double height, boolean maximized) {
        public boolean isUsable() {
            return width >= 200 && height >= 150 && Double.isFinite(x) && Double.isFinite(y);
        }
    }

    /** A project folder opened before, most recent first in {@link Settings#recentProjects()}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecentProject(String directory, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Settings(WindowPlacement window, List<RecentProject> recentProjects) {
        public static final Settings EMPTY = new Settings(null, List.of());

        public Settings {
            recentProjects = recentProjects == null ? List.of()
                    : recentProjects.stream().filter(r -> r != null && r.directory() != null).toList();
        }

        public Settings withWindow(WindowPlacement placement) {
            return new Settings(placement, recentProjects);
        }

        public Settings withRecentProjects(List<RecentProject> recent) {
            return new Settings(window, recent);
        }
    }

    /** The saved settings; none saved yet, or a file that cannot be read, gives {@link Settings#EMPTY}. */
    public Settings load() {
        if (!Files.exists(file)) {
            return Settings.EMPTY;
        }
        try {
            Settings read = JSON.readValue(file.toFile(), Settings.class);
            return read == null ? Settings.EMPTY : read;
        } catch (JacksonException e) {
            warnings.accept("settings file " + file + " is not valid (" + e.getOriginalMessage()
                    + "); starting with default settings. It will be replaced when the settings change; "
                    + "delete it to get rid of this warning");
        } catch (IOException e) {
            warnings.accept("could not read settings file " + file + " (" + e.getMessage()
                    + "); starting with default settings. Check the file's permissions");
        }
        return Settings.EMPTY;
    }

    /** The settings as last loaded or saved through this store (loaded on first use). */
    public synchronized Settings current() {
        if (current == null) {
            current = load();
        }
        return current;
    }

    /**
     * Applies {@code change} to the current settings and saves the result; changes from several threads are
     * applied one after the other, so none is lost. A failed save is reported as a warning.
     */
    public synchronized Settings update(UnaryOperator<Settings> change) {
        current = change.apply(current());
        saveOrWarn(current);
        return current;
    }

    /**
     * Writes {@code settings} to a temporary file beside the real one, then moves it over the real one
     * atomically: readers see the old file or the new one, never half of either.
     */
    public void save(Settings settings) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), FILE_NAME + ".", ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), settings);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** As {@link #save} for callers that can only report: a failure becomes a warning. */
    public void saveOrWarn(Settings settings) {
        try {
            save(settings);
        } catch (IOException e) {
            warnings.accept("could not save settings to " + file + " (" + e.getMessage()
                    + "); window placement and recent projects will not be remembered. Check that the folder is writable");
        }
    }
}
