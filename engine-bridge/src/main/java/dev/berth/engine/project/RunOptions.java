package dev.berth.engine.project;

import java.util.List;
import java.util.Map;

/**
 * Options of {@code run}: a one-off container of a service.
 *
 * @param command     null keeps the service's command
 * @param entrypoint  null keeps the service's entrypoint
 * @param environment added to (and overriding) the service's environment
 * @param remove      remove the container once it exited ({@code --rm})
 * @param detach      start it and return its name without waiting
 * @param noDeps      do not start the services it depends on
 * @param servicePorts publish the service's ports as {@code up} does ({@code --service-ports}); without it a
 *                     one-off container publishes none
 * @param terminal     run it on a pseudo-terminal fed from this input (as {@code docker compose run} in a
 *                     terminal), or null for plain output streams
 * @param name         the container's name ({@code --name}), or null for {@code <project>-<service>-run-<id>}
 * @param labels       added to (and overriding) the service's labels ({@code --label})
 */
public record RunOptions(List<String> command, List<String> entrypoint, Map<String, String> environment,
                         String user, String workingDir, boolean remove, boolean detach, boolean noDeps,
                         boolean servicePorts, Terminal terminal, String name, Map<String, String> labels) {

    public RunOptions {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public RunOptions(List<String> command, List<String> entrypoint, Map<String, String> environment,
                      String user, String workingDir, boolean remove, boolean detach, boolean noDeps,
                      boolean servicePorts, Terminal terminal) {
        this(command, entrypoint, environment, user, workingDir, remove, detach, noDeps, servicePorts, terminal,
                null, Map.of());
    }

    /** The user's side of a one-off container's TTY: keys in, and its size (null: the engine's default). */
    public record Terminal(java.io.InputStream stdin, dev.berth.engine.api.ExecRequest.TerminalSize size,
                           dev.berth.engine.api.TerminalResizes resizes) {

        public Terminal(java.io.InputStream stdin, dev.berth.engine.api.ExecRequest.TerminalSize size) {
            this(stdin, size, null);
        }
    }

    public RunOptions(List<String> command, List<String> entrypoint, Map<String, String> environment,
                      String user, String workingDir, boolean remove, boolean detach, boolean noDeps,
                      boolean servicePorts) {
        this(command, entrypoint, environment, user, workingDir, remove, detach, noDeps, servicePorts, null);
    }

    public RunOptions(List<String> command, List<String> entrypoint, Map<String, String> environment,
                      String user, String workingDir, boolean remove, boolean detach, boolean noDeps) {
        this(command, entrypoint, environment, user, workingDir, remove, detach, noDeps, false);
    }

    public static RunOptions command(List<String> command) {
        return new RunOptions(command, null, Map.of(), null, null, false, false, false);
    }
}
