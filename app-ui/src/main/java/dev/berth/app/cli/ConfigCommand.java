package dev.berth.app.cli;

import dev.berth.compose.LoadResult;
import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.print.ConfigPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "config", description = "Parse, resolve and print the compose file in canonical form.")
final class ConfigCommand implements Callable<Integer> {

    @ParentCommand
    BerthCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", defaultValue = "yaml", description = "yaml or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--services", description = "Print the service names, one per line")
    boolean services;

    @Option(names = "--volumes", description = "Print the volume names, one per line")
    boolean volumes;

    @Override
    public Integer call() {
        LoadResult result = parent.project.loadOrFail(spec.commandLine().getErr());
        ComposeProject p = result.project();
        var out = spec.commandLine().getOut();
        if (services) {
            p.services().keySet().forEach(out::println);
        } else if (volumes) {
            p.volumes().keySet().forEach(out::println);
        } else {
            out.print(switch (format) {
                case "yaml" -> ConfigPrinter.yaml(p);
                case "json" -> ConfigPrinter.json(p);
                default -> throw new UserFacingException("unknown --format '" + format + "': use yaml or json");
            });
        }
        out.flush();
        return 0;
    }
}
