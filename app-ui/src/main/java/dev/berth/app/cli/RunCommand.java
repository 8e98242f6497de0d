package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.stage.ShellWords;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressListener;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.RunOptions;
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
                    raw == null ? null : raw.size(), raw == null ? null : raw.resizes()) : null, name, labelMap);
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
