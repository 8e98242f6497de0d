package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "kill", description = "Send a signal (default SIGKILL) to the services' running containers.")
final class KillCommand extends EngineCommand {

    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", defaultValue = "SIGKILL",
            description = "Signal to send, e.g. SIGHUP or 1 (default: ${DEFAULT-VALUE})")
    String signal;

    @Mixin
    ServiceSelection services;

    @Override
    boolean worksByNameAlone() {
        return true;
    }

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        runtime.kill(p, services.names, signal, new ProgressPrinter(out()));
        return 0;
    }
}
