package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineEvent;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.ProjectEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "events", description = "Print the engine's events about the project's containers as they happen (Ctrl+C ends).")
final class EventsCommand extends EngineCommand {

    @Option(names = "--json", description = "One JSON object per line")
    boolean json;

    @Option(names = "--until-idle", paramLabel = "SECONDS", hidden = true,
            description = "Stop after this many seconds without an event (for scripts and tests)")
    long untilIdleSeconds;

    @Mixin
    ServiceSelection services;

    @Override
    boolean worksByNameAlone() {
        return true;
    }

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        var out = out();
        try (ProjectEvents events = runtime.events(p.name())) {
            Runtime.getRuntime().addShutdownHook(new Thread(events::close));
            Instant lastEvent = Instant.now();
            while (!events.isClosed()) {
                EngineEvent e = events.poll(Duration.ofMillis(200));
                if (e == null) {
                    if (untilIdleSeconds > 0 && Instant.now().isAfter(lastEvent.plusSeconds(untilIdleSeconds))) {
                        return 0;
                    }
                    continue;
                }
                lastEvent = Instant.now();
                String service = e.attributes().getOrDefault("com.docker.compose.service", "");
                if (!services.names.isEmpty() && !services.names.contains(service)) {
                    continue;
                }
                out.println(json ? json(e, service) : Instant.now() + " " + e.type() + " " + e.action() + " "
                        + e.actorId() + " (" + attributes(e) + ")");
                out.flush();
            }
        }
        return 0;
    }

    private static String json(EngineEvent e, String service) {
        return "{\"time\":" + DiagnosticsJson.quote(Instant.now().toString())
                + ",\"type\":" + DiagnosticsJson.quote(e.type())
                + ",\"action\":" + DiagnosticsJson.quote(e.action())
                + ",\"id\":" + DiagnosticsJson.quote(e.actorId())
                + ",\"service\":" + DiagnosticsJson.quote(service)
                + ",\"attributes\":{" + String.join(",", new TreeMap<>(e.attributes()).entrySet().stream()
                .map(a -> DiagnosticsJson.quote(a.getKey()) + ":" + DiagnosticsJson.quote(a.getValue())).toList())
                + "}}";
    }

    private static String attributes(EngineEvent e) {
        return String.join(", ", new TreeMap<>(e.attributes()).entrySet().stream()
                .filter(a -> !a.getKey().startsWith("com.docker.compose.project.")
                        && !a.getKey().equals("com.docker.compose.config-hash"))
                .map(a -> a.getKey() + "=" + a.getValue()).toList());
    }
}
