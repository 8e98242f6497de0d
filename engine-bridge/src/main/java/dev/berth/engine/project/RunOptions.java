package dev.berth.engine.project;

import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.VolumeMountSpec;
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
 * @param published    the ports to publish instead of none ({@code --publish}); not with servicePorts
 * @param volumes      mounted besides the service's ({@code --volume}); one on a target the service mounts
 *                     already takes its place. Bind sources are absolute; a volume source that the project
 *                     does not declare is the engine volume of that name
 * @param useAliases   join the networks under the service's aliases ({@code --use-aliases}); without it a
 *                     one-off container is reached by its name only, so that it takes no traffic meant for the
 *                     service
 */
public record RunOptions(List<String> command, List<String> entrypoint, Map<String, String> environment,
                         String user, String workingDir, boolean remove, boolean detach, boolean noDeps,
                         boolean servicePorts, Terminal terminal, String name, Map<String, String> labels,
                         List<PortSpec> published, List<VolumeMountSpec> volumes, boolean useAliases) {

    public RunOptions {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        published = published == null ? List.of() : List.copyOf(published);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        if (servicePorts && !published.isEmpty()) {
            throw new IllegalArgumentException("--service-ports and --publish are incompatible");
        }
    }

    public RunOptions(List<String> command, List<String> entrypoint, Map<String, String> environment,
                      String user, String workingDir, boolean remove, boolean detach, boolean noDeps,
                      boolean servicePorts, Terminal terminal, String name, Map<String, String> labels) {
        this(command, entrypoint, environment, user, workingDir, remove, detach, noDeps, servicePorts, terminal,
                name, labels, List.of(), List.of(), false);
    }

    /** These options with {@code --publish}, {@code --volume} and {@code --use-aliases} as given. */
    public RunOptions with(List<PortSpec> published, List<VolumeMountSpec> volumes, boolean useAliases) {
        return new RunOptions(command, entrypoint, environment, user, workingDir, remove, detach, noDeps,
                servicePorts, terminal, name, labels, published, volumes, useAliases);
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
