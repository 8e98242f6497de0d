package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.DownOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "down", description = {"Stop and remove the project's containers and networks (and with -v its volumes).",
        "With SERVICE names: those services' containers and those of every service that depends on them; networks"
                + " and volumes that other containers still use stay."})
final class DownCommand extends EngineCommand {

    @Option(names = {"-v", "--volumes"}, description = "Also remove named volumes declared in the file and anonymous volumes")
    boolean volumes;

    @Option(names = "--remove-orphans", arity = "0..1", paramLabel = "true|false", description = "Remove containers"
            + " of services no longer in the compose file (default: COMPOSE_REMOVE_ORPHANS)")
    boolean removeOrphans;

    @Option(names = "--rmi", paramLabel = "TYPE",
            description = "Also remove images: local (those built for services without an image: name) or all")
    String removeImages;

    @Mixin
    StopTimeout timeout;

    @Mixin
    ServiceSelection services;

    @Override
    boolean worksByNameAlone() {
        return true;
    }

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        if (removeImages != null && !removeImages.equals("local") && !removeImages.equals("all")) {
            throw new UserFacingException("--rmi takes local or all, not '" + removeImages + "'");
        }
        if (fromFiles) {
            // by name alone a service may be unknown because its containers are gone: nothing to do, as in v2
            ComposeRuntime.checkServices(p, services.names);
        }
        runtime.down(p, new DownOptions(volumes, removeOrphans(removeOrphans), timeout.duration(), removeImages,
                services.names), new ProgressPrinter(out()));
        return 0;
    }
}
