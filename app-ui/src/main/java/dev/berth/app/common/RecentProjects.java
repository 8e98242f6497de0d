package dev.berth.app.common;

import dev.berth.app.common.SettingsStore.RecentProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rules of the recent-projects list: most recent first, each folder once, at most {@link #LIMIT}. */
public final class RecentProjects {
    public static final int LIMIT = 10;

    private RecentProjects() {
    }

    /** {@code list} with {@code directory} moved (or added) to the top under {@code name}. */
    public static List<RecentProject> opened(List<RecentProject> list, Path directory, String name) {
        String key = key(directory);
        List<RecentProject> result = new ArrayList<>();
        result.add(new RecentProject(key, name));
        list.stream().filter(r -> !r.directory().equals(key)).limit(LIMIT - 1).forEach(result::add);
        return List.copyOf(result);
    }

    /** {@code list} without {@code directory}. */
    public static List<RecentProject> removed(List<RecentProject> list, Path directory) {
        String key = key(directory);
        return list.stream().filter(r -> !r.directory().equals(key)).toList();
    }

    private static String key(Path directory) {
        return directory.toAbsolutePath().normalize().toString();
    }
}
