package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "rm", description = "Remove the services' stopped containers.")
final class RmCommand extends EngineCommand {

    @Option(names = {"-f", "--force"}, description = "Don't ask to confirm (Berth never asks; accepted as in docker compose)")
    boolean force;

    @Option(names = {"-s", "--stop"}, description = "Stop the containers first, if they run")
    boolean stop;

    @Option(names = {"-v", "--volumes"}, description = "Remove the anonymous volumes attached to the containers")
    boolean volumes;

    @Mixin
    ServiceSelection services;

    @Override
    boolean worksByNameAlone() {
        return true;
    }

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        List<String> removed = runtime.remove(p, services.names, stop, volumes, new ProgressPrinter(out()));
        if (removed.isEmpty()) {
            out().println("No stopped containers");
            out().flush();
        }
        return 0;
    }
}
