package dev.berth.engine.project;

import dev.berth.compose.model.ContainerSettings;
import dev.berth.compose.model.DeploySpec;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.engine.api.ContainerCreateSpec.Blkio;
import dev.berth.engine.api.ContainerCreateSpec.Cgroup;
import dev.berth.engine.api.ContainerCreateSpec.DeviceRequest;
import dev.berth.engine.api.ContainerCreateSpec.Isolation;
import dev.berth.engine.api.ContainerCreateSpec.Settings;
import dev.berth.engine.api.ContainerCreateSpec.Ulimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's container-level settings in the engine's terms, as v2 maps them: {@code mem_limit}, {@code cpus}
 * and {@code pids_limit} win over {@code deploy.resources.limits}; reservations give the memory reservation;
 * {@code stop_grace_period} becomes the container's stop timeout in whole seconds.
 */
final class EngineSettings {
    private EngineSettings() {
    }

    /** @param containerOf the container name of a service of the project, for {@code volumes_from: [service]} */
    static Settings of(ServiceSpec s, java.util.function.Function<String, String> containerOf) {
        ContainerSettings c = s.settings();
        DeploySpec.Resources limits = s.deploy() == null ? null : s.deploy().limits();
        DeploySpec.Resources reservations = s.deploy() == null ? null : s.deploy().reservations();
        Map<String, Ulimit> ulimits = new LinkedHashMap<>();
        c.ulimits().forEach((name, u) -> ulimits.put(name, new Ulimit(u.soft(), u.hard())));
        List<String> extraHosts = new ArrayList<>();
        // a mapped host with a list of addresses is one line per address, as v2 sends it (the model joins them
        // with commas, which no address contains)
        c.extraHosts().forEach((host, addresses) -> {
            for (String address : addresses.split(",")) {
                extraHosts.add(host + ":" + address.strip());
            }
        });
        Map<String, String> tmpfs = new LinkedHashMap<>();
        for (String t : c.tmpfs()) {
            int colon = t.indexOf(':');
            tmpfs.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
        }
        Long serviceReservation = c.cgroup().memReservation();
        Long memory = c.memLimit() != null ? c.memLimit() : limits == null ? null : limits.memory();
        Double cpus = c.cpus() != null ? c.cpus() : limits == null ? null : limits.cpus();
        Long pids = c.pidsLimit() != null ? c.pidsLimit() : limits == null ? null : limits.pids();
        return new Settings(ulimits, c.devices(), extraHosts, c.dns(), c.dnsSearch(), c.capAdd(), c.capDrop(),
                c.privileged(), c.readOnly(), c.init(), c.stopSignal(),
                c.stopGracePeriod() == null ? null : (int) Math.max(0, c.stopGracePeriod().toSeconds()),
                tmpfs, c.shmSize(), memory, serviceReservation != null ? serviceReservation
                        : reservations == null ? null : reservations.memory(),
                cpus == null ? null : Math.round(cpus * 1_000_000_000d), pids, c.sysctls(), c.ipc(), c.pid(),
                c.hostname(), c.domainname(), exposed(c.expose()),
                c.logging() == null ? null : c.logging().driver(),
                c.logging() == null ? Map.of() : c.logging().options(), c.platform(), c.tty(), c.stdinOpen(),
                cgroup(c.cgroup()), new Isolation(c.security().securityOpt(), c.security().groupAdd(),
                        c.security().usernsMode(), c.security().runtime(), c.security().storageOpt()),
                c.macAddress(), volumesFrom(c.volumesFrom(), containerOf), links(c, containerOf), c.dnsOpt(),
                c.uts(), c.cgroupns(), c.deviceCgroupRules(), blkio(c.blkio()),
                deviceRequests(c.gpus(), reservations == null ? List.of() : reservations.devices()), c.annotations());
    }

    /**
     * {@code gpus:} and {@code deploy.resources.reservations.devices} as v2 sends them: each a request of its own,
     * its capabilities one set; a {@code gpus:} request also asks for "gpu"; with neither a count nor device ids a
     * request takes all the devices (count -1), as the compose reference says.
     */
    static List<DeviceRequest> deviceRequests(List<DeploySpec.DeviceRequest> gpus,
                                              List<DeploySpec.DeviceRequest> reserved) {
        List<DeviceRequest> requests = new ArrayList<>();
        for (DeploySpec.DeviceRequest g : gpus) {
            List<String> capabilities = new ArrayList<>(g.capabilities());
            if (!capabilities.contains("gpu")) {
                capabilities.add(0, "gpu");
            }
            requests.add(request(g, capabilities));
        }
        for (DeploySpec.DeviceRequest d : reserved) {
            requests.add(request(d, d.capabilities()));
        }
        return requests;
    }

    private static DeviceRequest request(DeploySpec.DeviceRequest d, List<String> capabilities) {
        Integer count = d.count() != null ? d.count() : d.deviceIds().isEmpty() ? Integer.valueOf(-1) : null;
        return new DeviceRequest(d.driver(), count, d.deviceIds(), List.of(capabilities), d.options());
    }

    private static Blkio blkio(ContainerSettings.Blkio b) {
        return new Blkio(b.weight(), byPath(b.weightDevice()), byPath(b.readBps()),
                byPath(b.readIops()), byPath(b.writeBps()), byPath(b.writeIops()));
    }

    private static Map<String, Long> byPath(List<ContainerSettings.DeviceLimit> limits) {
        Map<String, Long> out = new LinkedHashMap<>();
        limits.forEach(l -> out.put(l.path(), l.value()));
        return out;
    }

    private static Cgroup cgroup(ContainerSettings.Cgroup g) {
        return new Cgroup(g.cpuShares(), g.cpuQuota(), g.cpuPeriod(), g.cpuset(), g.memswapLimit(), g.memSwappiness(),
                g.oomKillDisable(), g.oomScoreAdj(), g.cgroupParent(), g.cpuRtPeriod(), g.cpuRtRuntime());
    }

    /**
     * {@code volumes_from} items as the engine reads them: {@code service[:ro|rw]} names the service's first
     * container, {@code container:name[:ro|rw]} a container by name.
     */
    static List<String> volumesFrom(List<String> items, java.util.function.Function<String, String> containerOf) {
        List<String> out = new ArrayList<>();
        for (String item : items) {
            if (item.startsWith("container:")) {
                out.add(item.substring("container:".length()));
                continue;
            }
            int colon = item.indexOf(':');
            String service = colon < 0 ? item : item.substring(0, colon);
            out.add(containerOf.apply(service) + (colon < 0 ? "" : item.substring(colon)));
        }
        return out;
    }

    /**
     * {@code links} and {@code external_links} as the engine's legacy links ({@code container:alias}), as v2 sets
     * them: {@code service[:alias]} names the service's container (the alias defaults to the service's name),
     * {@code container[:alias]} of {@code external_links} any container.
     */
    static List<String> links(ContainerSettings c, java.util.function.Function<String, String> containerOf) {
        List<String> out = new ArrayList<>();
        for (String link : c.links()) {
            int colon = link.indexOf(':');
            String service = colon < 0 ? link : link.substring(0, colon);
            out.add(containerOf.apply(service) + ":" + (colon < 0 ? service : link.substring(colon + 1)));
        }
        for (String link : c.externalLinks()) {
            out.add(link.contains(":") ? link : link + ":" + link);
        }
        return out;
    }

    /** {@code expose:} items, ranges ({@code 8000-8002/udp}) expanded one port each. */
    static List<String> exposed(List<String> expose) {
        List<String> ports = new ArrayList<>();
        for (String e : expose) {
            int slash = e.indexOf('/');
            String range = slash < 0 ? e : e.substring(0, slash);
            String protocol = slash < 0 ? "" : e.substring(slash);
            int dash = range.indexOf('-');
            if (dash > 0 && range.substring(0, dash).matches("\\d+") && range.substring(dash + 1).matches("\\d+")) {
                for (int p = Integer.parseInt(range.substring(0, dash)); p <= Integer.parseInt(range.substring(dash + 1)); p++) {
                    ports.add(p + protocol);
                }
            } else {
                ports.add(e);
            }
        }
        return ports;
    }
}
