package dev.berth.engine.api;

/** What the engine says about itself. */
public record EngineVersion(String version, String apiVersion, String os, String arch) {

    /** Whether the engine speaks API {@code wanted} ("1.43") or later; an API it does not say is taken as old. */
    public boolean apiAtLeast(String wanted) {
        return compareApi(apiVersion, wanted) >= 0;
    }

    /** API versions compared part by part ("1.9" &lt; "1.41"); a missing or unreadable one is the lowest. */
    public static int compareApi(String a, String b) {
        String[] left = a == null ? new String[0] : a.strip().split("\\.");
        String[] right = b == null ? new String[0] : b.strip().split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i < left.length && left[i].matches("\\d+") ? Integer.parseInt(left[i]) : -1;
            int r = i < right.length && right[i].matches("\\d+") ? Integer.parseInt(right[i]) : -1;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }
}
