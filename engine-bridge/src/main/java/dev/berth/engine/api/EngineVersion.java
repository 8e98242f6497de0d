package dev.berth.engine.api;

/** What the engine says about itself. */
public record EngineVersion(String version, String apiVersion, String os, String arch) {

    /** Whether the engine speaks API {@code wanted} ("1.43") or later; an API it does not say is taken as old. */
    public boolean apiAtLeast(String wanted) {
        return compareApi(apiVersion, wanted) >= 0;
    }

    /**
     * API versions compared part by part ("1.9" &lt; "1.41", "1.44" = "1.44.0"); an unreadable part is the lowest,
     * and so is a version not given at all.
     */
    public static int compareApi(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        String[] left = a.strip().split("\\.");
        String[] right = b.strip().split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i >= left.length ? 0 : left[i].matches("\\d+") ? Integer.parseInt(left[i]) : -1;
            int r = i >= right.length ? 0 : right[i].matches("\\d+") ? Integer.parseInt(right[i]) : -1;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }
}
