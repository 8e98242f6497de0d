package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.LogOptions;
import dev.berth.engine.project.UpOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "up", description = "Create and start containers: build or pull images, networks and volumes as needed.")
final class UpCommand extends EngineCommand {

    @Option(names = {"-d", "--detach"}, description = "Run in the background; without it, follow the logs (Ctrl+C leaves the containers running)")
    boolean detach;

    @Option(names = "--build", description = "Build images before starting containers")
    boolean build;

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration is unchanged")
    boolean forceRecreate;

    @Option(names = "--remove-orphans", description = "Remove containers of services no longer in the compose file")
    boolean removeOrphans;

    @Option(names = "--wait", description = "Wait for services to be running|healthy (implies --detach)")
    boolean await;

    @Option(names = "--wait-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Maximum seconds to wait with --wait (default: ${DEFAULT-VALUE})")
    long waitTimeoutSeconds;

    @Option(names = "--scale", paramLabel = "SERVICE=NUM", description = "Run NUM replicas of SERVICE (repeatable; overrides scale: in the file)")
    Map<String, Integer> scale = new LinkedHashMap<>();

    @Option(names = "--no-deps", description = "With SERVICE names: leave the services they depend on alone")
    boolean noDeps;

    @Parameters(paramLabel = "SERVICE", arity = "0..*",
            description = "Only these services (and what they depend on); default: all")
    List<String> services = new ArrayList<>();

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        UpOptions options = new UpOptions(build, forceRecreate, removeOrphans, await,
                Duration.ofSeconds(waitTimeoutSeconds)).withScale(scale);
        if (services.isEmpty()) {
            runtime.up(p, options, new ProgressPrinter(out()));
        } else {
            runtime.up(p, services, !noDeps, options, new ProgressPrinter(out()));
        }
        if (!detach && !await) {
            LogsCommand.follow(runtime, p.name(), new LogOptions(true, false, -1, services), out());
        }
        return 0;
    }
}
