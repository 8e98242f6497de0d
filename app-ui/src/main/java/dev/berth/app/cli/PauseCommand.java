package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "pause", description = "Pause the services' running containers (freeze their processes).")
final class PauseCommand extends EngineCommand {

    @Mixin
    ServiceSelection services;

    @Override
    boolean worksByNameAlone() {
        return true;
    }

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        runtime.pause(p, services.names, new ProgressPrinter(out()));
        return 0;
    }
}
