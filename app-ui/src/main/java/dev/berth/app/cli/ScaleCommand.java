package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.UpOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docker compose scale web=3 worker=2}: the services' containers added or removed to that many. */
@Command(name = "scale", description = "Run this many containers of each service named: SERVICE=NUM.")
final class ScaleCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE=NUM", arity = "1..*", description = "A service and its number of containers")
    Map<String, Integer> replicas = new LinkedHashMap<>();

    @Option(names = "--no-deps", description = "Leave the services they depend on alone")
    boolean noDeps;

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        runtime.up(p, new ArrayList<>(replicas.keySet()), !noDeps, UpOptions.defaults().withScale(replicas),
                new ProgressPrinter(out()));
        return 0;
    }
}
