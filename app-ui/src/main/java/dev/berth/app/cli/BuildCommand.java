package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "build", description = "Build the images of the services that have a build: section.")
final class BuildCommand extends EngineCommand {

    @Option(names = "--no-cache", description = "Build every step again, using no cached layer")
    boolean noCache;

    @Option(names = "--pull", description = "Always try to pull a newer version of the base images")
    boolean pull;

    @Option(names = "--build-arg", paramLabel = "KEY=VALUE",
            description = "Set a build argument, over the file's (repeatable; KEY alone takes it from the environment)")
    List<String> buildArgs = new ArrayList<>();

    @Mixin
    ServiceSelection services;

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        runtime.build(p, services.names, new ComposeRuntime.BuildOptions(noCache, pull, buildArgs(buildArgs,
                System.getenv())), new ProgressPrinter(out()));
        return 0;
    }

    /** {@code KEY=VALUE}, or {@code KEY} with the environment's value (left out when unset), as docker does. */
    static Map<String, String> buildArgs(List<String> given, Map<String, String> environment) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : given) {
            int eq = arg.indexOf('=');
            if (eq == 0) {
                throw new UserFacingException("--build-arg takes KEY=VALUE or KEY, not '" + arg + "'");
            }
            if (eq > 0) {
                args.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (environment.containsKey(arg)) {
                args.put(arg, environment.get(arg));
            }
        }
        return args;
    }
}
