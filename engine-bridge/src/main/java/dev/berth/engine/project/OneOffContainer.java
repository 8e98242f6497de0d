package dev.berth.engine.project;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.VolumeMountSpec;
import dev.berth.compose.model.VolumeSpec;
import dev.berth.engine.api.ContainerCreateSpec;
import dev.berth.engine.api.ContainerCreateSpec.Mount;
import dev.berth.engine.api.ContainerCreateSpec.NetworkAttachment;
import dev.berth.engine.api.ContainerCreateSpec.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a service's container plan into {@code run}'s one-off container the way v2 does: its own name, the
 * one-off label, no published ports unless --service-ports asks for the service's or --publish for others, no
 * network aliases unless --use-aliases, no restart policy, the command, environment and extra volumes given on the
 * command line.
 */
final class OneOffContainer {
    private OneOffContainer() {
    }

    static ContainerCreateSpec of(ComposeProject project, ContainerCreateSpec service, String name, RunOptions o) {
        Map<String, String> labels = new LinkedHashMap<>(service.labels());
        labels.putAll(o.labels());
        labels.put(ComposeLabels.ONEOFF, "True");
        List<String> env = new ArrayList<>(service.env());
        o.environment().forEach((k, v) -> {
            env.removeIf(e -> e.startsWith(k + "="));
            env.add(k + "=" + v);
        });
        NetworkAttachment first = service.firstNetwork() == null ? null
                : new NetworkAttachment(service.firstNetwork().network(),
                        o.useAliases() ? aliases(service.firstNetwork(), name) : List.of(), null);
        List<PortBinding> ports = o.servicePorts() ? service.ports() : o.published().stream()
                .map(p -> new PortBinding(p.hostIp(), p.published(), p.target(), p.protocol())).toList();
        return new ContainerCreateSpec(name, service.image(), Map.copyOf(labels), List.copyOf(env),
                o.entrypoint() != null ? o.entrypoint() : service.entrypoint(),
                o.command() != null && !o.command().isEmpty() ? o.command() : service.command(),
                o.user() != null ? o.user() : service.user(),
                o.workingDir() != null ? o.workingDir() : service.workingDir(),
                ports, mounts(project, service.mounts(), o.volumes()), null, service.healthcheck(),
                service.networkMode(), first,
                o.terminal() != null && !o.detach() ? service.settings().withTerminal() : service.settings(),
                service.files());
    }

    /**
     * A network the one-off container joins later: under the service's aliases with --use-aliases, else none;
     * never at the service's fixed address, which its own container holds (as on the first network).
     */
    static NetworkAttachment laterNetwork(NetworkAttachment service, String name, RunOptions o) {
        return new NetworkAttachment(service.network(), o.useAliases() ? aliases(service, name) : List.of(), null);
    }

    /** The service container's aliases (its own name first) with the one-off container's name instead. */
    private static List<String> aliases(NetworkAttachment service, String name) {
        List<String> aliases = new ArrayList<>(service.aliases());
        if (!aliases.isEmpty()) {
            aliases.set(0, name);
        }
        return List.copyOf(aliases);
    }

    /** The service's mounts, then --volume's; a --volume on a target the service mounts takes its place. */
    private static List<Mount> mounts(ComposeProject project, List<Mount> service, List<VolumeMountSpec> given) {
        List<Mount> extra = new ArrayList<>();
        for (VolumeMountSpec v : given) {
            extra.add(switch (v.type()) {
                case "bind" -> new Mount(Mount.Type.BIND, v.source(), v.target(), v.readOnly());
                case "tmpfs" -> new Mount(Mount.Type.TMPFS, null, v.target(), v.readOnly());
                default -> {
                    VolumeSpec declared = v.source() == null ? null : project.volumes().get(v.source());
                    yield new Mount(Mount.Type.VOLUME, declared != null ? declared.name() : v.source(), v.target(),
                            v.readOnly());
                }
            });
        }
        List<Mount> mounts = new ArrayList<>(service);
        mounts.removeIf(m -> extra.stream().anyMatch(e -> ComposeRuntime.normalTarget(e.target())
                .equals(ComposeRuntime.normalTarget(m.target()))));
        mounts.addAll(extra);
        return List.copyOf(mounts);
    }
}
