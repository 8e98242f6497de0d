package dev.berth.engine.project;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.HealthcheckSpec;
import dev.berth.compose.model.NetworkSpec;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.ServiceNetwork;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMountSpec;
import dev.berth.compose.model.VolumeSpec;
import dev.berth.engine.api.ContainerCreateSpec;
import dev.berth.engine.api.ContainerCreateSpec.Mount;
import dev.berth.engine.api.ContainerCreateSpec.NetworkAttachment;
import dev.berth.engine.api.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one replica of a service becomes a container: the create request, plus the networks to connect
 * after creation (engines before API 1.44 accept only one network at create time).
 */
record ContainerPlan(ContainerCreateSpec create, List<NetworkAttachment> laterNetworks) {

    /**
     * @param networkMode the service's network_mode with {@code service:x} already resolved to
     *                    {@code container:<id>}, or null
     */
    static ContainerPlan of(ComposeProject project, ServiceSpec s, int number, String configHash, String imageId,
                            String networkMode) throws EngineException {
        String name = ComposeLabels.containerName(project, s, number);
        List<String> env = new ArrayList<>();
        s.environment().forEach((k, v) -> {
            if (v != null) {
                env.add(k + "=" + v);
            }
        });
        List<ContainerCreateSpec.PortBinding> ports = new ArrayList<>();
        for (PortSpec p : s.ports()) {
            ports.add(new ContainerCreateSpec.PortBinding(p.hostIp() == null ? "" : p.hostIp(), p.published(),
                    p.target(), p.protocol() == null ? "tcp" : p.protocol()));
        }
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMountSpec v : s.volumes()) {
            mounts.add(switch (v.type()) {
                case "bind" -> new Mount(Mount.Type.BIND, v.source(), v.target(), v.readOnly());
                case "tmpfs" -> new Mount(Mount.Type.TMPFS, null, v.target(), v.readOnly());
                case "volume" -> new Mount(Mount.Type.VOLUME, v.source() == null ? null
                        : volume(project, s, v.source()).name(), v.target(), v.readOnly());
                default -> throw new EngineException(s.name(), "service " + s.name() + ": volume type '" + v.type()
                        + "' for " + v.target() + " is not supported", "use bind, volume or tmpfs", null);
            });
        }
        ContainerCreateSpec.Healthcheck health = null;
        HealthcheckSpec h = s.healthcheck();
        if (h != null) {
            health = h.disable() ? new ContainerCreateSpec.Healthcheck(List.of("NONE"), null, null, null, null)
                    : new ContainerCreateSpec.Healthcheck(h.test(), h.interval(), h.timeout(), h.startPeriod(),
                    h.retries());
        }
        NetworkAttachment first = null;
        List<NetworkAttachment> later = new ArrayList<>();
        if (networkMode == null) {
            for (Map.Entry<String, ServiceNetwork> n : s.networks().entrySet()) {
                NetworkSpec network = project.networks().get(n.getKey());
                if (network == null) {
                    throw new EngineException(s.name(), "service " + s.name() + " joins network '" + n.getKey()
                            + "', which is not declared under the top-level networks:",
                            "declare it under networks: or remove it from the service", null);
                }
                NetworkAttachment attachment = new NetworkAttachment(network.name(), aliases(name, s, n.getValue()),
                        n.getValue() == null ? null : n.getValue().ipv4Address());
                if (first == null) {
                    first = attachment;
                } else {
                    later.add(attachment);
                }
            }
        }
        List<ContainerCreateSpec.FileCopy> files = new ArrayList<>();
        FileObjects.place(project, s, mounts, files);
        ContainerCreateSpec create = new ContainerCreateSpec(name, ComposeLabels.imageName(project, s),
                ComposeLabels.containerLabels(project, s, number, configHash, imageId), List.copyOf(env),
                s.entrypoint(), s.command(), s.user(), s.workingDir(), List.copyOf(ports), List.copyOf(mounts),
                restartPolicy(s), health, networkMode, first, EngineSettings.of(s, service -> project.services().containsKey(service)
                        ? ComposeLabels.containerName(project, project.service(service), 1) : service), files);
        return new ContainerPlan(create, List.copyOf(later));
    }

    /**
     * {@code restart:} wins; without it v2 maps {@code deploy.restart_policy}: any → always,
     * on-failure → on-failure[:max_attempts], none → no.
     */
    static String restartPolicy(ServiceSpec s) {
        if (s.restart() != null && !s.restart().isBlank()) {
            return s.restart();
        }
        if (s.deploy() == null || s.deploy().restartPolicy() == null) {
            return null;
        }
        var policy = s.deploy().restartPolicy();
        String condition = policy.condition() == null ? "any" : policy.condition();
        return switch (condition) {
            case "none" -> "no";
            case "on-failure" -> policy.maxAttempts() == null ? "on-failure" : "on-failure:" + policy.maxAttempts();
            default -> "always";
        };
    }

    /** As v2 (getAliases): the container name, the service name, then the aliases configured for that network. */
    static List<String> aliases(String containerName, ServiceSpec s, ServiceNetwork network) {
        List<String> aliases = new ArrayList<>(List.of(containerName, s.name()));
        if (network != null && network.aliases() != null) {
            aliases.addAll(network.aliases());
        }
        return List.copyOf(aliases);
    }

    private static VolumeSpec volume(ComposeProject project, ServiceSpec s, String key) throws EngineException {
        VolumeSpec volume = project.volumes().get(key);
        if (volume == null) {
            throw new EngineException(s.name(), "service " + s.name() + " mounts volume '" + key
                    + "', which is not declared under the top-level volumes:",
                    "declare it under volumes: (or use a path like ./" + key + " for a bind mount)", null);
        }
        return volume;
    }
}
