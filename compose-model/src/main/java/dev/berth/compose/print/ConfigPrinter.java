package dev.berth.compose.print;

import dev.berth.compose.model.BuildSpec;
import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.ContainerSettings;
import dev.berth.compose.model.DeploySpec;
import dev.berth.compose.model.FileObjectSpec;
import dev.berth.compose.model.ServiceFileRef;
import dev.berth.compose.model.DependencySpec;
import dev.berth.compose.model.HealthcheckSpec;
import dev.berth.compose.model.NetworkSpec;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.ServiceNetwork;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMountSpec;
import dev.berth.compose.model.VolumeSpec;
import dev.berth.compose.stage.GoDuration;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Prints a resolved project in the shape of {@code docker compose config} (v2): services, networks, volumes and
 * every map of names (environment, labels, depends_on, ...) sorted by name as Go's encoders print maps,
 * every field in its long, normalised form, keys in v2's order. The printed YAML loads back into the same
 * model; a literal {@code $} is printed {@code $$}. Declared but unused networks and volumes are printed, as
 * v2 does. Keys the model carries without acting on them ({@code develop}, {@code provider}, {@code models}, the
 * lifecycle hooks, {@code x-*}, ...) are printed as the file wrote them, in v2's place. Not yet:
 * {@code create_host_path} is printed for every bind mount because the model does not record whether the file
 * used the short syntax.
 */
public final class ConfigPrinter {

    private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

    /** compose-go's {@code ServiceConfig} fields in declaration order, which is v2's print order. */
    private static final List<String> SERVICE_ORDER = List.of("profiles", "annotations", "attach", "build", "develop",
            "blkio_config", "cap_add", "cap_drop", "cgroup_parent", "cgroup", "cpu_count", "cpu_percent", "cpu_period",
            "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpus", "cpuset", "cpu_shares", "command", "configs",
            "container_name", "credential_spec", "depends_on", "deploy", "device_cgroup_rules", "devices", "dns",
            "dns_opt", "dns_search", "domainname", "entrypoint", "provider", "environment", "expose",
            "external_links", "extra_hosts", "group_add", "gpus", "hostname", "healthcheck", "image", "init", "ipc",
            "isolation", "labels", "links", "logging", "mem_limit", "mem_reservation", "memswap_limit",
            "mem_swappiness", "mac_address", "models", "network_mode", "networks", "oom_kill_disable",
            "oom_score_adj", "pid", "pids_limit", "platform", "ports", "privileged", "pull_policy",
            "pull_refresh_after", "read_only", "restart", "runtime", "scale", "secrets", "security_opt", "shm_size",
            "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls", "tmpfs", "tty", "ulimits",
            "use_api_socket", "user", "userns_mode", "uts", "volumes", "volumes_from", "working_dir", "post_start",
            "pre_stop");
    /** compose-go's {@code BuildConfig} fields in declaration order. */
    private static final List<String> BUILD_ORDER = List.of("context", "dockerfile", "dockerfile_inline",
            "entitlements", "args", "provenance", "sbom", "ssh", "labels", "cache_from", "cache_to", "no_cache",
            "additional_contexts", "network", "pull", "target", "shm_size", "extra_hosts", "isolation", "privileged",
            "secrets", "tags", "ulimits", "platforms");

    private ConfigPrinter() {
    }

    public static String yaml(ComposeProject project) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setWidth(Integer.MAX_VALUE)
                .setSplitLines(false)
                .build();
        StringWriter out = new StringWriter();
        new Dump(settings).dumpNode(node(tree(project)), new StreamDataWriter() {
            @Override
            public void write(String str) {
                out.write(str);
            }

            @Override
            public void write(String str, int off, int len) {
                out.write(str, off, len);
            }
        });
        return escapeDollars(out.toString());
    }

    /** {@code docker compose config --format json}: the same tree, as indented JSON. */
    public static String json(ComposeProject project) {
        return escapeDollars(JsonText.pretty(tree(project)));
    }

    /**
     * Values are printed interpolated, so a literal {@code $} is written {@code $$} again (v2's
     * {@code escapeDollarSign}): the output loads back to the same values.
     */
    private static String escapeDollars(String printed) {
        return printed.replace("$", "$$");
    }

    /** The printed form as plain maps, lists, strings, numbers and booleans, in print order. */
    public static Map<String, Object> tree(ComposeProject project) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", project.name());
        Map<String, Object> services = new LinkedHashMap<>();
        new TreeMap<>(project.services()).forEach((name, s) -> services.put(name, service(s)));
        root.put("services", services);
        if (!project.networks().isEmpty()) {
            Map<String, Object> networks = new TreeMap<>();
            project.networks().forEach((key, n) -> networks.put(key, network(n)));
            root.put("networks", networks);
        }
        if (!project.volumes().isEmpty()) {
            Map<String, Object> volumes = new TreeMap<>();
            project.volumes().forEach((key, v) -> volumes.put(key, volume(v)));
            root.put("volumes", volumes);
        }
        putObjects(root, "secrets", project.secrets());
        putObjects(root, "configs", project.configs());
        if (project.unmodelled().containsKey("models")) {
            root.put("models", project.unmodelled().get("models"));
        }
        project.unmodelled().forEach(root::putIfAbsent);
        return root;
    }

    /** One service in printed form, fields in v2's order (its Go struct's field order). */
    public static Map<String, Object> service(ServiceSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        ContainerSettings c = s.settings();
        putList(m, "profiles", s.profiles());
        if (s.build() != null) {
            m.put("build", build(s.build()));
        }
        if (c.blkio().isSet()) {
            m.put("blkio_config", blkio(c.blkio()));
        }
        putList(m, "cap_add", c.capAdd());
        putList(m, "cap_drop", c.capDrop());
        ContainerSettings.Cgroup g = c.cgroup();
        putText(m, "cgroup_parent", g.cgroupParent());
        putText(m, "cgroup", c.cgroupns());
        putNumber(m, "cpu_period", g.cpuPeriod());
        putNumber(m, "cpu_quota", g.cpuQuota());
        if (c.cpus() != null) {
            m.put("cpus", c.cpus());
        }
        putText(m, "cpuset", g.cpuset());
        putNumber(m, "cpu_shares", g.cpuShares());
        if (s.command() != null) {
            m.put("command", s.command());
        }
        putRefs(m, "configs", s.configs());
        putText(m, "container_name", s.containerName());
        if (!s.dependsOn().isEmpty()) {
            Map<String, Object> deps = new TreeMap<>();
            for (DependencySpec d : s.dependsOn()) {
                Map<String, Object> dep = new LinkedHashMap<>();
                dep.put("condition", d.condition());
                if (d.restart()) {
                    dep.put("restart", true);
                }
                dep.put("required", d.required());
                deps.put(d.service(), dep);
            }
            m.put("depends_on", deps);
        }
        if (s.deploy() != null) {
            m.put("deploy", deploy(s.deploy()));
        }
        putList(m, "device_cgroup_rules", c.deviceCgroupRules());
        putList(m, "devices", c.devices());
        putList(m, "dns", c.dns());
        putList(m, "dns_opt", c.dnsOpt());
        putList(m, "dns_search", c.dnsSearch());
        putText(m, "domainname", c.domainname());
        if (s.entrypoint() != null) {
            m.put("entrypoint", s.entrypoint());
        }
        putMap(m, "environment", s.environment());
        putList(m, "expose", c.expose());
        putList(m, "external_links", c.externalLinks());
        if (!c.extraHosts().isEmpty()) {
            m.put("extra_hosts", new TreeMap<>(c.extraHosts()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
        putList(m, "group_add", c.security().groupAdd());
        putText(m, "hostname", c.hostname());
        if (s.healthcheck() != null) {
            m.put("healthcheck", healthcheck(s.healthcheck()));
        }
        putText(m, "image", s.image());
        if (c.init() != null) {
            m.put("init", c.init());
        }
        putText(m, "ipc", c.ipc());
        putMap(m, "labels", s.labels());
        putList(m, "links", c.links());
        if (c.logging() != null) {
            Map<String, Object> logging = new LinkedHashMap<>();
            putText(logging, "driver", c.logging().driver());
            putMap(logging, "options", c.logging().options());
            m.put("logging", logging);
        }
        putBytes(m, "mem_limit", c.memLimit());
        putBytes(m, "mem_reservation", g.memReservation());
        putNumber(m, "memswap_limit", g.memswapLimit());
        putNumber(m, "mem_swappiness", g.memSwappiness());
        putText(m, "mac_address", c.macAddress());
        putText(m, "network_mode", s.networkMode());
        if (!s.networks().isEmpty()) {
            Map<String, Object> networks = new TreeMap<>();
            s.networks().forEach((key, n) -> networks.put(key, serviceNetwork(n)));
            m.put("networks", networks);
        }
        if (g.oomKillDisable() != null) {
            m.put("oom_kill_disable", g.oomKillDisable());
        }
        if (g.oomScoreAdj() != null) {
            m.put("oom_score_adj", g.oomScoreAdj());
        }
        putText(m, "pid", c.pid());
        if (c.pidsLimit() != null) {
            m.put("pids_limit", c.pidsLimit());
        }
        putText(m, "platform", c.platform());
        if (!s.ports().isEmpty()) {
            m.put("ports", s.ports().stream().map(ConfigPrinter::port).toList());
        }
        putFlag(m, "privileged", c.privileged());
        putText(m, "pull_policy", c.pullPolicy());
        putFlag(m, "read_only", c.readOnly());
        putText(m, "restart", s.restart());
        putText(m, "runtime", c.security().runtime());
        if (s.scale() != 1) {
            m.put("scale", s.scale());
        }
        putRefs(m, "secrets", s.secrets());
        putList(m, "security_opt", c.security().securityOpt());
        putBytes(m, "shm_size", c.shmSize());
        putFlag(m, "stdin_open", c.stdinOpen());
        if (c.stopGracePeriod() != null) {
            m.put("stop_grace_period", GoDuration.format(c.stopGracePeriod()));
        }
        putText(m, "stop_signal", c.stopSignal());
        putMap(m, "storage_opt", c.security().storageOpt());
        putMap(m, "sysctls", c.sysctls());
        putList(m, "tmpfs", c.tmpfs());
        putFlag(m, "tty", c.tty());
        if (!c.ulimits().isEmpty()) {
            Map<String, Object> ulimits = new LinkedHashMap<>();
            c.ulimits().forEach((k, u) -> ulimits.put(k, u.soft() == u.hard() ? (Object) u.soft()
                    : new LinkedHashMap<String, Object>(Map.of("soft", u.soft(), "hard", u.hard()))));
            m.put("ulimits", ulimits);
        }
        putText(m, "user", s.user());
        putText(m, "userns_mode", c.security().usernsMode());
        putText(m, "uts", c.uts());
        if (!s.volumes().isEmpty()) {
            m.put("volumes", s.volumes().stream().map(ConfigPrinter::mount).toList());
        }
        putList(m, "volumes_from", c.volumesFrom());
        putText(m, "working_dir", s.workingDir());
        putHooks(m, "post_start", c.postStart());
        putHooks(m, "pre_stop", c.preStop());
        s.unmodelled().forEach(m::putIfAbsent);
        return inOrder(m, SERVICE_ORDER);
    }

    private static Map<String, Object> build(BuildSpec b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("context", b.context().toString());
        putText(m, "dockerfile", b.dockerfile());
        putText(m, "dockerfile_inline", b.dockerfileInline());
        putMap(m, "args", b.args());
        putMap(m, "labels", b.labels());
        putText(m, "target", b.target());
        m.putAll(b.unmodelled());
        return inOrder(m, BUILD_ORDER);
    }

    /** {@code map}'s keys in v2's order (its Go struct's field order), then the others ({@code x-*}) as they came. */
    private static Map<String, Object> inOrder(Map<String, Object> map, List<String> order) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : order) {
            if (map.containsKey(key)) {
                out.put(key, map.get(key));
            }
        }
        map.forEach(out::putIfAbsent);
        return out;
    }

    private static Object serviceNetwork(ServiceNetwork n) {
        if (n.aliases().isEmpty() && n.ipv4Address() == null && n.ipv6Address() == null && n.priority() == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        putList(m, "aliases", n.aliases());
        putText(m, "ipv4_address", n.ipv4Address());
        putText(m, "ipv6_address", n.ipv6Address());
        if (n.priority() != null) {
            m.put("priority", n.priority());
        }
        return m;
    }

    private static Map<String, Object> deploy(DeploySpec d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d.replicas() != null) {
            m.put("replicas", d.replicas());
        }
        putMap(m, "labels", d.labels());
        if (d.restartPolicy() != null) {
            DeploySpec.RestartPolicy p = d.restartPolicy();
            Map<String, Object> policy = new LinkedHashMap<>();
            putText(policy, "condition", p.condition());
            if (p.delay() != null) {
                policy.put("delay", GoDuration.format(p.delay()));
            }
            if (p.maxAttempts() != null) {
                policy.put("max_attempts", p.maxAttempts());
            }
            if (p.window() != null) {
                policy.put("window", GoDuration.format(p.window()));
            }
            m.put("restart_policy", policy);
        }
        Map<String, Object> resources = new LinkedHashMap<>();
        if (d.limits() != null) {
            resources.put("limits", resources(d.limits()));
        }
        if (d.reservations() != null) {
            resources.put("reservations", resources(d.reservations()));
        }
        if (!resources.isEmpty()) {
            m.put("resources", resources);
        }
        return m;
    }

    private static Map<String, Object> resources(DeploySpec.Resources r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r.cpus() != null) {
            m.put("cpus", r.cpus());
        }
        putBytes(m, "memory", r.memory());
        if (r.pids() != null) {
            m.put("pids", r.pids());
        }
        if (!r.devices().isEmpty()) {
            List<Object> devices = new ArrayList<>();
            for (DeploySpec.DeviceRequest d : r.devices()) {
                Map<String, Object> dev = new LinkedHashMap<>();
                putList(dev, "capabilities", d.capabilities());
                putText(dev, "driver", d.driver());
                if (d.count() != null) {
                    dev.put("count", d.count() == -1 ? (Object) "all" : d.count());
                }
                putList(dev, "device_ids", d.deviceIds());
                putMap(dev, "options", d.options());
                devices.add(dev);
            }
            m.put("devices", devices);
        }
        return m;
    }

    private static void putRefs(Map<String, Object> m, String key, List<ServiceFileRef> refs) {
        if (refs.isEmpty()) {
            return;
        }
        List<Object> out = new ArrayList<>();
        for (ServiceFileRef r : refs) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("source", r.source());
            putText(ref, "target", r.target());
            putText(ref, "uid", r.uid());
            putText(ref, "gid", r.gid());
            if (r.mode() != null) {
                ref.put("mode", "0" + Integer.toOctalString(r.mode()));
            }
            out.add(ref);
        }
        m.put(key, out);
    }

    private static void putObjects(Map<String, Object> root, String key, Map<String, FileObjectSpec> objects) {
        if (objects.isEmpty()) {
            return;
        }
        Map<String, Object> out = new TreeMap<>();
        objects.forEach((k, o) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", o.name());
            putText(m, "file", o.file());
            putText(m, "environment", o.environment());
            putText(m, "content", o.content());
            if (o.external()) {
                m.put("external", true);
            }
            out.put(k, m);
        });
        root.put(key, out);
    }

    /** v2 prints byte sizes as a quoted count of bytes. */
    private static void putBytes(Map<String, Object> m, String key, Long bytes) {
        if (bytes != null) {
            m.put(key, String.valueOf(bytes));
        }
    }

    private static void putNumber(Map<String, Object> m, String key, Number value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void putFlag(Map<String, Object> m, String key, boolean value) {
        if (value) {
            m.put(key, true);
        }
    }

    private static Map<String, Object> port(PortSpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "ingress");
        if (!p.hostIp().isEmpty()) {
            m.put("host_ip", p.hostIp());
        }
        m.put("target", p.target());
        if (p.published() != null) {
            m.put("published", p.publishedText());
        }
        m.put("protocol", p.protocol());
        return m;
    }

    private static Map<String, Object> mount(VolumeMountSpec v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", v.type());
        putText(m, "source", v.source());
        m.put("target", v.target());
        if (v.readOnly()) {
            m.put("read_only", true);
        }
        if ("bind".equals(v.type())) {
            m.put("bind", Map.of("create_host_path", true));
        } else if ("volume".equals(v.type())) {
            m.put("volume", Map.of());
        }
        return m;
    }

    private static Map<String, Object> healthcheck(HealthcheckSpec h) {
        Map<String, Object> m = new LinkedHashMap<>();
        putList(m, "test", h.test());
        if (h.timeout() != null) {
            m.put("timeout", GoDuration.format(h.timeout()));
        }
        if (h.interval() != null) {
            m.put("interval", GoDuration.format(h.interval()));
        }
        if (h.retries() != null) {
            m.put("retries", h.retries());
        }
        if (h.startPeriod() != null) {
            m.put("start_period", GoDuration.format(h.startPeriod()));
        }
        if (h.startInterval() != null) {
            m.put("start_interval", GoDuration.format(h.startInterval()));
        }
        if (h.disable()) {
            m.put("disable", true);
        }
        return m;
    }

    private static Map<String, Object> network(NetworkSpec n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n.name());
        putText(m, "driver", n.driver());
        putMap(m, "driver_opts", n.driverOptions());
        if (n.ipam().isSet()) {
            Map<String, Object> ipam = new LinkedHashMap<>();
            putText(ipam, "driver", n.ipam().driver());
            if (!n.ipam().config().isEmpty()) {
                ipam.put("config", n.ipam().config().stream().map(pool -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    putText(c, "subnet", pool.subnet());
                    putText(c, "gateway", pool.gateway());
                    putText(c, "ip_range", pool.ipRange());
                    putMap(c, "aux_addresses", pool.auxAddresses());
                    return c;
                }).toList());
            }
            putMap(ipam, "options", n.ipam().options());
            m.put("ipam", ipam);
        }
        if (n.external()) {
            m.put("external", true);
        }
        putFlag(m, "internal", n.internal());
        putFlag(m, "attachable", n.attachable());
        putMap(m, "labels", n.labels());
        if (n.enableIpv6() != null) {
            m.put("enable_ipv6", n.enableIpv6());
        }
        return m;
    }

    private static Map<String, Object> volume(VolumeSpec v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        putText(m, "driver", v.driver());
        if (v.external()) {
            m.put("external", true);
        }
        putMap(m, "labels", v.labels());
        return m;
    }

    private static void putText(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void putList(Map<String, Object> m, String key, List<String> value) {
        if (!value.isEmpty()) {
            m.put(key, value);
        }
    }

    /** compose-go's {@code BlkioConfig} field order; rates as numbers (bytes or operations a second). */
    private static Map<String, Object> blkio(ContainerSettings.Blkio b) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (b.weight() != null) {
            m.put("weight", b.weight());
        }
        putDevices(m, "weight_device", "weight", b.weightDevice());
        putDevices(m, "device_read_bps", "rate", b.readBps());
        putDevices(m, "device_read_iops", "rate", b.readIops());
        putDevices(m, "device_write_bps", "rate", b.writeBps());
        putDevices(m, "device_write_iops", "rate", b.writeIops());
        return m;
    }

    private static void putDevices(Map<String, Object> m, String key, String valueKey,
                                   List<ContainerSettings.DeviceLimit> devices) {
        if (!devices.isEmpty()) {
            m.put(key, devices.stream().map(d -> {
                Map<String, Object> device = new LinkedHashMap<>();
                device.put("path", d.path());
                device.put(valueKey, d.value());
                return device;
            }).toList());
        }
    }

    /** Lifecycle hooks, each in compose-go's {@code ServiceHook} field order. */
    private static void putHooks(Map<String, Object> m, String key, List<ContainerSettings.Hook> hooks) {
        if (hooks.isEmpty()) {
            return;
        }
        m.put(key, hooks.stream().map(h -> {
            Map<String, Object> hook = new LinkedHashMap<>();
            hook.put("command", h.command());
            putText(hook, "user", h.user());
            putFlag(hook, "privileged", h.privileged());
            putText(hook, "working_dir", h.workingDir());
            putMap(hook, "environment", h.environment());
            return hook;
        }).toList());
    }

    /** A map of names to values: v2 prints it sorted by name (Go's encoders sort map keys). */
    private static void putMap(Map<String, Object> m, String key, Map<String, String> value) {
        if (!value.isEmpty()) {
            m.put(key, new TreeMap<>(value));
        }
    }

    /** Builds snakeyaml nodes ourselves so that strings which would read back as numbers are double-quoted, as v2 prints them. */
    private static Node node(Object value) {
        return switch (value) {
            case null -> new ScalarNode(Tag.NULL, "null", ScalarStyle.PLAIN);
            case Map<?, ?> map -> {
                List<NodeTuple> tuples = new ArrayList<>();
                map.forEach((k, v) -> tuples.add(new NodeTuple(node(String.valueOf(k)), node(v))));
                yield new MappingNode(Tag.MAP, tuples, FlowStyle.BLOCK);
            }
            case List<?> list -> new SequenceNode(Tag.SEQ, list.stream().map(ConfigPrinter::node).toList(), FlowStyle.BLOCK);
            case Boolean b -> new ScalarNode(Tag.BOOL, b.toString(), ScalarStyle.PLAIN);
            case Integer i -> new ScalarNode(Tag.INT, i.toString(), ScalarStyle.PLAIN);
            case Long l -> new ScalarNode(Tag.INT, l.toString(), ScalarStyle.PLAIN);
            case Double d -> new ScalarNode(Tag.FLOAT, d.toString(), ScalarStyle.PLAIN);
            default -> {
                String s = value.toString();
                boolean plainIsString = !s.isEmpty() && Tag.STR.equals(RESOLVER.resolve(s, true));
                // several lines as a block, as v2 prints them (the emitter picks a quoted style when it cannot)
                ScalarStyle style = s.contains("\n") ? ScalarStyle.LITERAL
                        : plainIsString ? ScalarStyle.PLAIN : ScalarStyle.DOUBLE_QUOTED;
                yield new ScalarNode(Tag.STR, s, style);
            }
        };
    }
}
