package dev.berth.engine.api;

/** What the engine says about itself. */
public record EngineVersion(String version, String apiVersion, String os, String arch) {

    /** Whether the engine speaks API {@code wanted} ("1.43") or later; an API it does not say is taken as old. */
    public boolean apiAtLeast(String wanted) {
        String[] have = apiVersion == null ? new String[0] : apiVersion.strip().split("\\.");
        String[] want = wanted.split("\\.");
        for (int i = 0; i < want.length; i++) {
            int h = i < have.length && have[i].matches("\\d+") ? Integer.parseInt(have[i]) : -1;
            int w = Integer.parseInt(want[i]);
            if (h != w) {
                return h > w;
            }
        }
        return true;
    }
}
