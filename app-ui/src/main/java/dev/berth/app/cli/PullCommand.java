package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "pull", description = "Pull the services' images, showing each layer's progress.")
final class PullCommand extends EngineCommand {

    @Mixin
    ServiceSelection services;

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        runtime.pull(p, services.names, new ProgressPrinter(out()));
        return 0;
    }
}
