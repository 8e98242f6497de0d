package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.UpOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", description = "Create the project's networks, volumes and containers without starting them.")
final class CreateCommand extends EngineCommand {

    @Option(names = "--build", description = "Build images before creating containers")
    boolean build;

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration is unchanged")
    boolean forceRecreate;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (and what they depend on)")
    List<String> services = new ArrayList<>();

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        runtime.create(p, services, true, new UpOptions(build, forceRecreate, false, false, Duration.ZERO),
                new ProgressPrinter(out()));
        return 0;
    }
}
