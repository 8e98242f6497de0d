package dev.berth.engine.project;

import dev.berth.engine.api.PullProgress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image's pull progress over all its layers, as one percentage: each layer counts equally, its download
 * as the first half and its extraction as the second; a layer that already exists counts as done.
 * The engine first announces every layer (already exists, pulling fs layer, waiting), then transfers: the
 * percentage is known from the first transfer message on, and it never goes back.
 * Not thread-safe: one pull's messages arrive in order on one thread.
 */
final class PullTally {
    private final Map<String, Double> layers = new LinkedHashMap<>();
    private boolean transferring;
    private boolean finished;
    private int shown;

    /** Takes one engine message; returns the new percentage (0–100), or -1 when the message changes nothing. */
    int accept(PullProgress p) {
        String status = p.status();
        if (status.startsWith("Status:") || status.startsWith("Digest:")) {
            finished |= status.startsWith("Status:");
        } else if (!p.layer().isEmpty() && !status.startsWith("Pulling from")) {
            transferring |= !List.of("Pulling fs layer", "Waiting", "Already exists").contains(status);
            double fraction = switch (status) {
                case "Pulling fs layer", "Waiting" -> 0;
                case "Downloading" -> p.total() > 0 ? 0.5 * p.current() / p.total() : 0;
                case "Verifying Checksum", "Download complete" -> 0.5;
                case "Extracting" -> p.total() > 0 ? 0.5 + 0.5 * p.current() / p.total() : 0.5;
                case "Pull complete", "Already exists" -> 1;
                default -> layers.getOrDefault(p.layer(), 0d);
            };
            // messages may repeat an earlier phase (a retried download); progress never goes back
            layers.merge(p.layer(), Math.min(1, fraction), Math::max);
        }
        int now = percent();
        if (now <= shown) {
            return -1;
        }
        shown = now;
        return now;
    }

    /** 0–100; 0 until the transfers begin, 100 once every layer is complete or the engine said the image is there. */
    int percent() {
        if (finished) {
            return 100;
        }
        if (layers.isEmpty() || !transferring) {
            return Math.max(shown, 0);
        }
        double sum = 0;
        for (double f : layers.values()) {
            sum += f;
        }
        return Math.max(shown, (int) Math.floor(100 * sum / layers.size()));
    }
}
