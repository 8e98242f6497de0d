package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressListener;
import dev.berth.engine.project.ComposeRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pull", description = "Pull the services' images, showing each layer's progress.")
final class PullCommand extends EngineCommand {

    @Option(names = {"-q", "--quiet"}, description = "Pull without printing progress")
    boolean quiet;

    @Option(names = "--ignore-pull-failures", description = "Pull what can be pulled and warn about the rest")
    boolean ignoreFailures;

    @Mixin
    ServiceSelection services;

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        ProgressPrinter printer = new ProgressPrinter(out());
        // quiet: only what went wrong
        ProgressListener progress = !quiet ? printer : e -> {
            if (e.step() == ProgressEvent.Step.WARNING || e.step() == ProgressEvent.Step.FAILED) {
                printer.onEvent(e);
            }
        };
        runtime.pull(p, services.names, ignoreFailures, progress);
        return 0;
    }
}
