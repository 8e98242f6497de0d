package dev.berth.engine.api;

/**
 * One step of an operation on one resource (a service's container, a network, a volume, an image),
 * as {@code up}/{@code down} report it to the CLI's live view and to the UI.
 *
 * @param resource e.g. "web-1"'s container name, "network trainingwheels_default", "image trainingwheels-web"
 * @param service  the service concerned, or "" for project-level resources
 * @param detail   free text: a build log line, "42%", the engine's error message
 */
public record ProgressEvent(String service, String resource, Step step, String detail) {

    public enum Step {
        BUILDING, PULLING, CREATING, CREATED, STARTING, STARTED, WAITING, HEALTHY,
        STOPPING, STOPPED, REMOVING, REMOVED, RUNNING, DONE, FAILED, WARNING
    }

    public boolean isFailure() {
        return step == Step.FAILED;
    }
}
