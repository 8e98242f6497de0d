package dev.berth.engine.project;

import java.time.Duration;
import java.util.List;

/**
 * Options of {@code down}.
 *
 * @param removeVolumes remove the project's named volumes (not external ones) and its containers' anonymous volumes
 * @param timeout       how long a container may take to stop before it is killed; null: each service's
 *                      {@code stop_grace_period}, else 10s (as v2 without -t)
 * @param removeImages  {@code --rmi}: null (keep images), {@code local} (the images Compose names after the project,
 *                      for services without {@code image:}) or {@code all} (every service's image)
 * @param services      {@code down SERVICE…}: these services and those that depend on them; empty: all
 */
public record DownOptions(boolean removeVolumes, boolean removeOrphans, Duration timeout, String removeImages,
                          List<String> services) {

    public DownOptions {
        if (removeImages != null && !removeImages.equals("local") && !removeImages.equals("all")) {
            throw new IllegalArgumentException("--rmi takes local or all, not '" + removeImages + "'");
        }
        services = services == null ? List.of() : List.copyOf(services);
    }

    public DownOptions(boolean removeVolumes, boolean removeOrphans, Duration timeout, String removeImages) {
        this(removeVolumes, removeOrphans, timeout, removeImages, List.of());
    }

    public DownOptions(boolean removeVolumes, boolean removeOrphans, Duration timeout) {
        this(removeVolumes, removeOrphans, timeout, null);
    }

    public static DownOptions defaults() {
        return new DownOptions(false, false, Duration.ofSeconds(10));
    }
}
