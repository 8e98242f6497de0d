package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "build", description = "Build the images of the services that have a build: section.")
final class BuildCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        for (String s : services) {
            if (!p.services().containsKey(s)) {
                throw new UserFacingException("no such service: " + s + " (services: "
                        + String.join(", ", p.services().keySet()) + ")");
            }
        }
        runtime.build(p, services, new ProgressPrinter(out()));
        return 0;
    }
}
