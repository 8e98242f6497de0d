package dev.berth.engine.project;

import dev.berth.engine.api.PullProgress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One image's pull progress over all its layers, as one percentage: each layer counts equally, its download
 * as the first half and its extraction as the second; a layer that already exists counts as done.
 * Not thread-safe: one pull's messages arrive in order on one thread.
 */
final class PullTally {
    private final Map<String, Double> layers = new LinkedHashMap<>();
    private boolean finished;

    /** Takes one engine message; returns the new percentage (0–100), or -1 when the message changes nothing. */
    int accept(PullProgress p) {
        int before = percent();
        String status = p.status();
        if (status.startsWith("Status:") || status.startsWith("Digest:")) {
            finished |= status.startsWith("Status:");
        } else if (!p.layer().isEmpty() && !status.startsWith("Pulling from")) {
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
        int after = percent();
        return after == before ? -1 : after;
    }

    /** 0–100; 100 once every layer is complete or the engine said the image is there. */
    int percent() {
        if (finished) {
            return 100;
        }
        if (layers.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (double f : layers.values()) {
            sum += f;
        }
        return (int) Math.floor(100 * sum / layers.size());
    }
}
