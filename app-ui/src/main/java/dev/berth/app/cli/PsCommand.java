package dev.berth.app.cli;

import dev.berth.engine.api.ContainerInfo;
import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.PublishedPort;
import dev.berth.engine.project.ComposeRuntime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ps", description = "List the project's containers.")
final class PsCommand extends EngineCommand {

    @Option(names = {"-a", "--all"}, description = "Show stopped containers too")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only print container IDs")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, or json: one object per container per line, as docker compose v2 prints them")
    String format;

    @Option(names = "--services", description = "Only print the services' names")
    boolean servicesOnly;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only containers in this state (repeatable): paused, restarting, removing, running, dead,"
                    + " created, exited")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "status=STATUS", description = "Filter containers (status=STATUS)")
    List<String> filters = new ArrayList<>();

    @Mixin
    ServiceSelection services;

    private static final Set<String> STATES =
            Set.of("paused", "restarting", "removing", "running", "dead", "created", "exited");

    @Override
    boolean worksByNameAlone() {
        return true;
    }

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        if (!format.equals("table") && !format.equals("json")) {
            throw new UserFacingException("--format takes table or json, not '" + format + "'");
        }
        Set<String> wanted = new LinkedHashSet<>(statuses);
        for (String filter : filters) {
            if (!filter.startsWith("status=")) {
                throw new UserFacingException("--filter takes status=STATUS, not '" + filter + "'");
            }
            wanted.add(filter.substring("status=".length()));
        }
        for (String state : wanted) {
            if (!STATES.contains(state)) {
                throw new UserFacingException("no such status '" + state + "'; use one of paused, restarting,"
                        + " removing, running, dead, created, exited");
            }
        }
        ComposeRuntime.checkServices(p, services.names);
        // a status asks about stopped containers too
        List<ContainerInfo> containers = runtime.ps(p.name(), all || !wanted.isEmpty()).stream()
                .filter(c -> wanted.isEmpty() || wanted.contains(c.state()))
                .filter(c -> services.names.isEmpty() || services.names.contains(c.service())).toList();
        var out = out();
        if (servicesOnly) {
            containers.stream().map(ContainerInfo::service).distinct().forEach(out::println);
            out.flush();
            return 0;
        }
        if (quiet) {
            containers.forEach(c -> out.println(c.id()));
            out.flush();
            return 0;
        }
        if (format.equals("json")) {
            containers.forEach(c -> out.println(json(c)));
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

    /**
     * v2's keys that scripts read (ID, Name, Names, Image, Project, Service, State, Health, ExitCode, Status, Labels,
     * Ports, Publishers), in v2's formats: Labels as {@code k=v,k=v}, Ports as the table shows them.
     */
    static String json(ContainerInfo c) {
        String publishers = c.ports().stream().map(port -> "{\"URL\":" + DiagnosticsJson.quote(port.hostIp())
                + ",\"TargetPort\":" + port.containerPort() + ",\"PublishedPort\":" + port.hostPort()
                + ",\"Protocol\":" + DiagnosticsJson.quote(port.protocol()) + "}").collect(Collectors.joining(","));
        String labels = c.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        return "{\"ID\":" + DiagnosticsJson.quote(c.id()) + ",\"Name\":" + DiagnosticsJson.quote(c.name())
                + ",\"Names\":" + DiagnosticsJson.quote(c.name())
                + ",\"Image\":" + DiagnosticsJson.quote(c.image()) + ",\"Project\":" + DiagnosticsJson.quote(c.project())
                + ",\"Service\":" + DiagnosticsJson.quote(c.service()) + ",\"State\":" + DiagnosticsJson.quote(c.state())
                + ",\"Health\":" + DiagnosticsJson.quote(c.health()) + ",\"ExitCode\":" + exitCode(c.status())
                + ",\"Status\":" + DiagnosticsJson.quote(c.status()) + ",\"Labels\":" + DiagnosticsJson.quote(labels)
                + ",\"Ports\":" + DiagnosticsJson.quote(ports(c.ports())) + ",\"Publishers\":[" + publishers + "]}";
    }

    private static final Pattern EXITED = Pattern.compile("^Exited \\((-?\\d+)\\)");

    /** The exit code in the engine's status ("Exited (1) 2 minutes ago"); 0 for a container that has not exited. */
    static int exitCode(String status) {
        Matcher m = EXITED.matcher(status == null ? "" : status);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static String ports(List<PublishedPort> ports) {
        return ports.stream()
                .map(p -> (p.hostIp().isEmpty() ? "" : p.hostIp() + ":") + p.hostPort() + "->" + p.containerPort() + "/" + p.protocol())
                .collect(Collectors.joining(", "));
    }
}
