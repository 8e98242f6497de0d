package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ProcessList;
import dev.berth.engine.project.ComposeRuntime;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "top", description = "Show the processes running in the services' containers.")
final class TopCommand extends EngineCommand {

    @Mixin
    ServiceSelection services;

    @Override
    boolean worksByNameAlone() {
        return true;
    }

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        var out = out();
        for (Map.Entry<String, ProcessList> e : runtime.top(p, services.names).entrySet()) {
            out.println(e.getKey());
            out.println(String.join("\t", e.getValue().titles()));
            e.getValue().processes().forEach(row -> out.println(String.join("\t", row)));
            out.println();
        }
        out.flush();
        return 0;
    }
}
