package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "unpause", description = "Unpause the services' paused containers.")
final class UnpauseCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        runtime.unpause(p, services, new ProgressPrinter(out()));
        return 0;
    }
}
