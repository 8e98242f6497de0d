package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "create", description = "Create the project's networks, volumes and containers without starting them.")
final class CreateCommand extends EngineCommand {

    @Mixin
    ConvergeOptions converge;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (and what they depend on)")
    List<String> services = new ArrayList<>();

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        runtime.create(p, services, true, converge.toUpOptions(false, Duration.ZERO, this), new ProgressPrinter(out()));
        return 0;
    }
}
