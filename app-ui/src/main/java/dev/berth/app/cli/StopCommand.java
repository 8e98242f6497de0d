package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "stop", description = "Stop the services' running containers without removing them (dependents first).")
final class StopCommand extends EngineCommand {

    @Mixin
    StopTimeout timeout;

    @Mixin
    ServiceSelection services;

    @Override
    boolean worksByNameAlone() {
        return true;
    }

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        runtime.stop(p, services.names, timeout.duration(), new ProgressPrinter(out()));
        return 0;
    }
}
