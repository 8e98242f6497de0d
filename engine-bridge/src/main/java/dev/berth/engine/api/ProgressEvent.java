package dev.berth.engine.api;

/**
 * One step of an operation on one resource (a service's container, a network, a volume, an image),
 * as {@code up}/{@code down} report it to the CLI's live view and to the UI.
 *
 * @param resource e.g. "web-1"'s container name, "network trainingwheels_default", "image trainingwheels-web"
 * @param service  the service concerned, or "" for project-level resources
 * @param detail   free text: a build log line, a pull's percentage over all layers ("42%", see
 *                 {@link #pullPercent()}) or one layer's message, the engine's error message
 */
public record ProgressEvent(String service, String resource, Step step, String detail) {

    public enum Step {
        BUILDING, PULLING, CREATING, CREATED, STARTING, STARTED, WAITING, HEALTHY,
        STOPPING, STOPPED, REMOVING, REMOVED, RUNNING, DONE, FAILED, WARNING
    }

    private static final java.util.regex.Pattern PERCENT = java.util.regex.Pattern.compile("(\\d{1,3})%");

    /** The detail of a PULLING event that gives the whole image's progress over all its layers: "42%". */
    public static String percentDetail(int percent) {
        return percent + "%";
    }

    /**
     * The whole image's pull percentage (0–100) when this is such an event, else -1. Other PULLING events carry
     * one layer's message ("a1b2c3: Downloading 42%").
     */
    public int pullPercent() {
        if (step != Step.PULLING) {
            return -1;
        }
        java.util.regex.Matcher m = PERCENT.matcher(detail);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    public boolean isFailure() {
        return step == Step.FAILED;
    }
}
