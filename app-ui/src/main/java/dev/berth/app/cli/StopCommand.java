package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stop", description = "Stop the services' running containers without removing them (dependents first).")
final class StopCommand extends EngineCommand {

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds to wait for a container to stop before killing it (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        runtime.stop(p, services, Duration.ofSeconds(timeoutSeconds), new ProgressPrinter(out()));
        return 0;
    }
}
