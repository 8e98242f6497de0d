package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.UpOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", description = "Create the project's networks, volumes and containers without starting them.")
final class CreateCommand extends EngineCommand {

    @Option(names = "--build", description = "Build images before creating containers")
    boolean build;

    @Option(names = "--no-build", description = "Build no image, even a missing one")
    boolean noBuild;

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration is unchanged")
    boolean forceRecreate;

    @Option(names = "--no-recreate", description = "Keep containers that exist, even when their configuration changed")
    boolean noRecreate;

    @Option(names = "--remove-orphans", description = "Remove containers of services no longer in the compose file")
    boolean removeOrphans;

    @Option(names = "--pull", paramLabel = "POLICY",
            description = "Pull images always, missing (the default), never, or build them: for every service, instead of its pull_policy")
    String pull;

    @Option(names = "--scale", paramLabel = "SERVICE=NUM", description = "Create NUM replicas of SERVICE (repeatable; overrides scale: in the file)")
    Map<String, Integer> scale = new LinkedHashMap<>();

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (and what they depend on)")
    List<String> services = new ArrayList<>();

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        UpCommand.checkPolicies(build, noBuild, forceRecreate, noRecreate, pull);
        UpOptions options = new UpOptions(build, forceRecreate, removeOrphans, false, Duration.ZERO).withScale(scale)
                .withPolicies(noRecreate, noBuild, pull);
        runtime.create(p, services, true, options, new ProgressPrinter(out()));
        return 0;
    }
}
