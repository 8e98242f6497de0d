package dev.berth.engine.api;

/**
 * One progress message of a pull, as the engine sends them: per layer ("Downloading", "Extracting",
 * "Pull complete") or for the whole image (layer "").
 *
 * @param current bytes done so far, 0 when the message carries no count
 * @param total   bytes in all, 0 when unknown
 */
public record PullProgress(String layer, String status, long current, long total) {

    /** 0–100 for a message with a known total, else -1. */
    public int percent() {
        return total > 0 ? (int) Math.min(100, current * 100 / total) : -1;
    }

    /** e.g. "a1b2c3: Downloading 42%", "Status: Downloaded newer image for ...". */
    public String describe() {
        return (layer.isEmpty() ? "" : layer + ": ") + status + (percent() >= 0 ? " " + percent() + "%" : "");
    }
}
