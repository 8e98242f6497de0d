package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.VolumeMountSpec;
import dev.berth.compose.stage.PortSyntax;
import dev.berth.compose.stage.ShellWords;
import dev.berth.compose.stage.VolumeSyntax;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressListener;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Exit code: the one-off container's own. */
@Command(name = "run", description = "Run a one-off command in a new container of a service (named <project>-<service>-run-<id>).")
final class RunCommand extends EngineCommand {

    @Option(names = "--rm", description = "Remove the container when it exits")
    boolean remove;

    @Option(names = {"-d", "--detach"}, description = "Run it in the background and print its name")
    boolean detach;

    @Option(names = "--no-deps", description = "Don't start the services it depends on")
    boolean noDeps;

    @Option(names = "--service-ports", description = "Publish the service's ports, as up does (by default a one-off"
            + " container publishes none)")
    boolean servicePorts;

    @Option(names = {"-p", "--publish"}, paramLabel = "[IP:][HOST:]PORT[/PROTO]", description = "Publish a port of"
            + " the container (repeatable), e.g. 127.0.0.1:8080:80")
    List<String> publish = new ArrayList<>();

    @Option(names = {"-v", "--volume", "--volumes"}, paramLabel = "[SOURCE:]TARGET[:ro]", description = "Mount a"
            + " host path (absolute, ./relative to the project directory, or ~/...), a volume, or with TARGET alone"
            + " a new anonymous volume, besides the service's own (repeatable)")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--use-aliases", description = "Join the networks under the service's network aliases (by"
            + " default a one-off container answers to its own name only)")
    boolean useAliases;

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Override the image's entrypoint")
    String entrypoint;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run as this user")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set an environment variable (repeatable)")
    List<String> env = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "Name the container (default: <project>-<service>-run-<id>)")
    String name;

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Add or override a label (repeatable)")
    List<String> labels = new ArrayList<>();

    @Option(names = "-T", description = "Disable pseudo-TTY allocation (the default when there is no terminal)")
    boolean noTty;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*", description = "Command (default: the service's)")
    List<String> command = new ArrayList<>();

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        if (servicePorts && !publish.isEmpty()) {
            throw new UserFacingException("--service-ports and --publish cannot be used together: --service-ports"
                    + " publishes the service's own ports, --publish only the ones given");
        }
        List<PortSpec> published = ports(publish);
        List<VolumeMountSpec> mounts = volumes(volumes, p.workingDir(),
                variables.getOrDefault("HOME", System.getProperty("user.home")));
        Map<String, String> environment = keyValues("-e", env);
        Map<String, String> labelMap = keyValues("--label", labels);
        List<String> entrypointWords = null;
        if (entrypoint != null) {
            // split as a shell would, as v2 does: --entrypoint "sh -c"
            ShellWords.Split split = ShellWords.split(entrypoint);
            if (split.error() != null) {
                throw new UserFacingException("--entrypoint: cannot split \"" + entrypoint + "\" into words: "
                        + split.error());
            }
            entrypointWords = split.words();
        }
        // a terminal gets a TTY fed from our stdin (raw mode, the user's size), as `docker compose run` does
        boolean tty = !noTty && !detach && System.console() != null;
        ComposeRuntime.RunResult result;
        try (RawTerminal raw = tty ? RawTerminal.enter().orElse(null) : null) {
            RunOptions options = new RunOptions(command.isEmpty() ? null : command, entrypointWords, environment,
                    user, workdir, remove, detach, noDeps, servicePorts, tty ? new RunOptions.Terminal(System.in,
                    raw == null ? null : raw.size(), raw == null ? null : raw.resizes()) : null, name, labelMap)
                    .with(published, mounts, useAliases);
            // progress goes to stderr so that the command's own output stays clean on stdout; on a terminal, as
            // `docker compose run` does, only the dependencies' progress and failures are shown: the one-off
            // container's own steps would land in its session (and in raw mode lines end in \r\n)
            ProgressPrinter printer = new ProgressPrinter(err(), raw != null);
            ProgressListener progress = !tty ? printer : e -> {
                boolean oneOff = e.service().equals(service) && e.resource().contains("-run-");
                if (!oneOff || e.step() == ProgressEvent.Step.FAILED) {
                    printer.onEvent(e);
                }
            };
            result = runtime.run(p, service, options, new TerminalOutput(out(), err()), progress);
        }
        if (detach) {
            out().println(result.container());
            out().flush();
        }
        return (int) result.exitCode();
    }

    private static List<PortSpec> ports(List<String> given) {
        List<PortSpec> ports = new ArrayList<>();
        for (String spec : given) {
            PortSyntax.Parsed parsed = PortSyntax.parse(spec, null);
            if (!parsed.ok()) {
                throw new UserFacingException("--publish: " + parsed.error());
            }
            ports.addAll(parsed.ports());
        }
        return ports;
    }

    /** {@code -v} as the file's short syntax reads it; a relative host path is the project directory's, as there. */
    private static List<VolumeMountSpec> volumes(List<String> given, Path projectDir, String home) {
        List<VolumeMountSpec> mounts = new ArrayList<>();
        for (String spec : given) {
            VolumeSyntax v = VolumeSyntax.parse(spec);
            if (v.target().isEmpty() || !v.target().startsWith("/")) {
                throw new UserFacingException("--volume \"" + spec + "\": the path in the container must be"
                        + " absolute, e.g. ./data:/data, mydata:/data or /data");
            }
            if (v.source() != null && v.source().isEmpty()) {
                throw new UserFacingException("--volume \"" + spec + "\": the source before ':' is empty; give a host"
                        + " path (./data), a volume name, or the container path alone for a new anonymous volume");
            }
            mounts.add(v.mount(projectDir, home, null));
        }
        return mounts;
    }

    private static Map<String, String> keyValues(String option, List<String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String e : given) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new UserFacingException(option + " takes KEY=VALUE, not '" + e + "'");
            }
            values.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return values;
    }
}
