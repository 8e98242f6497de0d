package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ExecRequest;
import dev.berth.engine.project.ComposeRuntime;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Exit code: the command's own, as docker compose exec returns it. */
@Command(name = "exec", description = "Run a command in a service's running container.")
final class ExecCommand extends EngineCommand {

    @Option(names = "-T", description = "Disable pseudo-TTY allocation (the default when there is no terminal)")
    boolean noTty;

    @Option(names = {"-d", "--detach"}, description = "Start the command in the background and return at once")
    boolean detach;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run the command as this user")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory of the command")
    String workdir;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set an environment variable (repeatable)")
    List<String> env = new ArrayList<>();

    @Option(names = "--privileged", description = "Give the command extended privileges (every capability)")
    boolean privileged;

    @Option(names = "--index", defaultValue = "1", description = "Replica number when the service is scaled (default: ${DEFAULT-VALUE})")
    int index;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "1..*", description = "The command and its arguments")
    List<String> command = new ArrayList<>();

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        // a terminal gets a TTY and our stdin, as `docker compose exec` does; -T, -d or a pipe get plain streams
        boolean tty = !noTty && !detach && System.console() != null;
        if (!tty) {
            ExecRequest request = new ExecRequest(command, null, false, user, workdir, env, detach, null, privileged);
            return (int) runtime.exec(p, service, index, request, new TerminalOutput(out(), err()));
        }
        // keys as typed (raw mode), and the container's terminal as large as the user's, following its resizes
        try (RawTerminal raw = RawTerminal.enter().orElse(null)) {
            ExecRequest request = new ExecRequest(command, System.in, true, user, workdir, env, false,
                    raw == null ? null : raw.size(), privileged, raw == null ? null : raw.resizes());
            return (int) runtime.exec(p, service, index, request, new TerminalOutput(out(), err()));
        }
    }
}
