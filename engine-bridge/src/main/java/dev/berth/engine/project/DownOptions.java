package dev.berth.engine.project;

import java.time.Duration;

/**
 * Options of {@code down}.
 *
 * @param removeVolumes remove the project's named volumes (not external ones) and its containers' anonymous volumes
 * @param timeout       how long a container may take to stop before it is killed; null: each service's
 *                      {@code stop_grace_period}, else 10s (as v2 without -t)
 */
public record DownOptions(boolean removeVolumes, boolean removeOrphans, Duration timeout) {

    public static DownOptions defaults() {
        return new DownOptions(false, false, Duration.ofSeconds(10));
    }
}
