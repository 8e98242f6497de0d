package dev.berth.app.cli;

import dev.berth.engine.api.ContainerInfo;
import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.PublishedPort;
import dev.berth.engine.project.ComposeRuntime;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ps", description = "List the project's containers.")
final class PsCommand extends EngineCommand {

    @Option(names = {"-a", "--all"}, description = "Show stopped containers too")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only print container IDs")
    boolean quiet;

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        List<ContainerInfo> containers = runtime.ps(p.name(), all);
        var out = out();
        if (quiet) {
            containers.forEach(c -> out.println(c.id()));
            out.flush();
            return 0;
        }
        String format = "%-32s %-28s %-12s %-30s %s%n";
        out.printf(format, "NAME", "IMAGE", "SERVICE", "STATUS", "PORTS");
        for (ContainerInfo c : containers) {
            out.printf(format, c.name(), c.image(), c.service(), c.status(), ports(c.ports()));
        }
        out.flush();
        return 0;
    }

    static String ports(List<PublishedPort> ports) {
        return ports.stream()
                .map(p -> (p.hostIp().isEmpty() ? "" : p.hostIp() + ":") + p.hostPort() + "->" + p.containerPort() + "/" + p.protocol())
                .collect(Collectors.joining(", "));
    }
}
