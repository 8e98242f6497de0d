package dev.berth.engine.project;

import dev.berth.engine.api.ContainerCreateSpec;
import dev.berth.engine.api.ContainerCreateSpec.NetworkAttachment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a service's container plan into {@code run}'s one-off container the way v2 does: its own name, the
 * one-off label, no published ports unless --service-ports asks for the service's, no restart policy, the
 * command and environment given on the command line.
 */
final class OneOffContainer {
    private OneOffContainer() {
    }

    static ContainerCreateSpec of(ContainerCreateSpec service, String name, RunOptions o) {
        Map<String, String> labels = new LinkedHashMap<>(service.labels());
        labels.putAll(o.labels());
        labels.put(ComposeLabels.ONEOFF, "True");
        List<String> env = new ArrayList<>(service.env());
        o.environment().forEach((k, v) -> {
            env.removeIf(e -> e.startsWith(k + "="));
            env.add(k + "=" + v);
        });
        NetworkAttachment first = service.firstNetwork() == null ? null
                : new NetworkAttachment(service.firstNetwork().network(), List.of(), null);
        return new ContainerCreateSpec(name, service.image(), Map.copyOf(labels), List.copyOf(env),
                o.entrypoint() != null ? o.entrypoint() : service.entrypoint(),
                o.command() != null && !o.command().isEmpty() ? o.command() : service.command(),
                o.user() != null ? o.user() : service.user(),
                o.workingDir() != null ? o.workingDir() : service.workingDir(),
                o.servicePorts() ? service.ports() : List.of(), service.mounts(), null, service.healthcheck(), service.networkMode(), first,
                o.terminal() != null && !o.detach() ? service.settings().withTerminal() : service.settings(),
                service.files());
    }
}
