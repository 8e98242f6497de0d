package dev.berth.compose.stage;

import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.model.BuildSpec;
import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.ContainerSettings;
import dev.berth.compose.model.DependencySpec;
import dev.berth.compose.model.DeploySpec;
import dev.berth.compose.model.FileObjectSpec;
import dev.berth.compose.model.HealthcheckSpec;
import dev.berth.compose.model.NetworkSpec;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.ServiceFileRef;
import dev.berth.compose.model.ServiceNetwork;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMountSpec;
import dev.berth.compose.model.VolumeSpec;
import dev.berth.compose.source.EnvFile;
import dev.berth.compose.source.Position;
import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 5, normalise: turns the merged, validated tree into the {@code model} records with compose v2's
 * defaults and resolutions: relative paths made absolute, short syntaxes expanded, environment resolved,
 * services of inactive profiles dropped (unless a target service needs them), the implicit {@code default}
 * network added; {@code deploy}, secrets, configs and the container settings typed (byte sizes as longs,
 * durations as {@link Duration}s). Declared but unused networks and volumes are kept, as v2's {@code config}
 * keeps them.
 * Values the validator already reported as malformed are skipped here without a second diagnostic.
 */
public final class Normaliser {

    private final Path projectDir;
    private final String projectName;
    private final Map<String, String> variables;
    private final Set<String> activeProfiles;
    private final List<String> targetServices;
    private Diagnostics diagnostics;
    private ServiceMemo memo;

    /**
     * @param variables      the interpolation variables (process environment over .env): used for
     *                       {@code environment: [KEY]} lookups and {@code ~} expansion
     * @param activeProfiles enabled profiles; {@code *} enables all
     */
    public Normaliser(Path projectDir, String projectName, Map<String, String> variables, Set<String> activeProfiles,
                      Diagnostics diagnostics) {
        this(projectDir, projectName, variables, activeProfiles, List.of(), diagnostics);
    }

    /**
     * @param targetServices services a command names: they and their dependencies are enabled whatever
     *                       their profiles (compose v2's {@code up svc} with {@code svc} in a profile)
     */
    public Normaliser(Path projectDir, String projectName, Map<String, String> variables, Set<String> activeProfiles,
                      List<String> targetServices, Diagnostics diagnostics) {
        this.targetServices = targetServices;
        this.projectDir = projectDir;
        this.projectName = projectName;
        this.variables = variables;
        this.activeProfiles = activeProfiles;
        this.diagnostics = diagnostics;
    }

    /**
     * Reuse the records of services whose trees did not change since {@code memo}'s last round (for the editor's
     * live document). Services with {@code env_file} are always normalised again: their files may have changed.
     */
    public Normaliser withMemo(ServiceMemo memo) {
        this.memo = memo;
        return this;
    }

    public ComposeProject normalise(YamlMap root, List<Path> configFiles) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        Map<String, YamlMap> active = new LinkedHashMap<>();
        Map<String, List<String>> disabled = new LinkedHashMap<>();
        if (root.get("services") instanceof YamlMap all) {
            Set<String> enabled = enabledByTarget(all);
            for (YamlEntry e : all.entries()) {
                if (e.value() instanceof YamlMap service && (isActive(service) || enabled.contains(e.name()))) {
                    active.put(e.name(), service);
                } else if (e.value() instanceof YamlMap service) {
                    disabled.put(e.name(), List.copyOf(strings(service.get("profiles"))));
                }
            }
            List<String> defined = all.keys(); // once, not once per service
            // what a service's record depends on besides its own tree: which services exist and are active
            Object context = memo == null ? null
                    : memo.context("normalise", List.of(List.copyOf(active.keySet()), defined));
            for (YamlEntry e : all.entries()) {
                if (!active.containsKey(e.name())) {
                    continue;
                }
                YamlMap service = active.get(e.name());
                if (memo == null || service.has("env_file")) {
                    services.put(e.name(), service(e.name(), service, e.key().position(), active.keySet(), defined));
                } else {
                    services.put(e.name(), memo.reuse("normalise", e.name(), service, context, diagnostics, own -> {
                        Diagnostics outer = diagnostics;
                        diagnostics = own;
                        try {
                            return service(e.name(), service, e.key().position(), active.keySet(), defined);
                        } finally {
                            diagnostics = outer;
                        }
                    }));
                }
            }
        }
        Map<String, NetworkSpec> networks = new LinkedHashMap<>();
        if (root.get("networks") instanceof YamlMap defs) {
            for (YamlEntry e : defs.entries()) {
                networks.put(e.name(), network(e.name(), e.value()));
            }
        }
        boolean defaultUsed = services.values().stream().anyMatch(s -> s.networks().containsKey("default"));
        if (defaultUsed && !networks.containsKey("default")) {
            networks.put("default", new NetworkSpec("default", projectName + "_default", false, null, Map.of()));
        }
        Map<String, VolumeSpec> volumes = new LinkedHashMap<>();
        if (root.get("volumes") instanceof YamlMap defs) {
            for (YamlEntry e : defs.entries()) {
                volumes.put(e.name(), volume(e.name(), e.value()));
            }
        }
        return new ComposeProject(projectName, projectDir, configFiles, services, networks, volumes,
                fileObjects(root.get("secrets")), fileObjects(root.get("configs")),
                unmodelled(root, MODELLED_TOP_LEVEL_KEYS), disabled);
    }

    /** The target services and everything they depend on, transitively. */
    private Set<String> enabledByTarget(YamlMap all) {
        Set<String> enabled = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(targetServices);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (enabled.add(name) && all.get(name) instanceof YamlMap s) {
                YamlMap deps = Merger.asMap(s.get("depends_on"));
                if (deps != null) {
                    todo.addAll(deps.keys());
                }
            }
        }
        return enabled;
    }

    private Map<String, FileObjectSpec> fileObjects(YamlNode node) {
        Map<String, FileObjectSpec> out = new LinkedHashMap<>();
        if (node instanceof YamlMap defs) {
            for (YamlEntry e : defs.entries()) {
                YamlMap m = e.value() instanceof YamlMap map ? map : new YamlMap(List.of(), e.value().position());
                boolean external = isExternal(m);
                String name = text(m.get("name"));
                if (name == null) {
                    name = external ? externalName(m, e.name()) : projectName + "_" + e.name();
                }
                String file = text(m.get("file"));
                String environment = text(m.get("environment"));
                out.put(e.name(), new FileObjectSpec(e.name(), name,
                        file == null ? null : hostPath(file), environment, text(m.get("content")),
                        external, e.key().position(), environment == null ? null : variables.get(environment)));
            }
        }
        return frozen(out);
    }

    private boolean isActive(YamlMap service) {
        List<String> profiles = strings(service.get("profiles"));
        if (profiles.isEmpty() || activeProfiles.contains("*")) {
            return true;
        }
        return profiles.stream().anyMatch(activeProfiles::contains);
    }

    /**
     * The service keys that the model reads into its own fields, or that are consumed on the way ({@code extends},
     * {@code env_file} and {@code label_file} end up in other fields). Every other key is kept as a plain value.
     */
    private static final Set<String> MODELLED_SERVICE_KEYS = Set.of(
            "blkio_config", "build", "cap_add", "cap_drop", "cgroup", "cgroup_parent", "command", "configs",
            "container_name", "cpu_period", "cpu_quota", "cpu_shares", "cpus", "cpuset", "depends_on", "deploy",
            "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname", "entrypoint", "env_file",
            "environment", "expose", "extends", "external_links", "extra_hosts", "group_add", "healthcheck", "hostname",
            "image", "init", "ipc", "label_file", "labels", "links", "logging", "mac_address", "mem_limit",
            "mem_reservation", "mem_swappiness", "memswap_limit", "network_mode", "networks", "oom_kill_disable",
            "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop", "privileged",
            "profiles", "pull_policy", "read_only", "restart", "runtime", "scale", "secrets", "security_opt",
            "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls", "tmpfs", "tty",
            "ulimits", "user", "userns_mode", "uts", "volumes", "volumes_from", "working_dir");
    private static final Set<String> MODELLED_BUILD_KEYS = Set.of("context", "dockerfile", "args", "target",
            "dockerfile_inline", "labels");
    private static final Set<String> MODELLED_TOP_LEVEL_KEYS = Set.of("version", "name", "include", "services",
            "networks", "volumes", "secrets", "configs");

    /**
     * The keys of {@code map} outside {@code modelled}, as plain values, with compose-go's normalisation of them:
     * {@code develop.watch[].path} made absolute.
     */
    private Map<String, Object> unmodelled(YamlMap map, Set<String> modelled) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (YamlEntry e : map.entries()) {
            if (modelled.contains(e.name())) {
                continue;
            }
            Object value = PlainValue.of(e.value());
            if (e.name().equals("develop")) {
                watchPaths(value);
            }
            out.put(e.name(), value);
        }
        return out;
    }

    private void watchPaths(Object develop) {
        if (develop instanceof Map<?, ?> d && d.get("watch") instanceof List<?> rules) {
            for (Object rule : rules) {
                if (rule instanceof Map<?, ?> r && r.get("path") instanceof String watched) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> writable = (Map<String, Object>) r;
                    writable.put("path", projectDir.resolve(watched).normalize().toString());
                }
            }
        }
    }

    /**
     * {@code blkio_config}; rates in bytes may be written as sizes ({@code 12mb}), operation rates are numbers. A rate
     * that is neither is left out with a warning (the schema lets any string through).
     */
    private ContainerSettings.Blkio blkio(YamlNode node, String path) {
        if (!(node instanceof YamlMap m)) {
            return ContainerSettings.Blkio.NONE;
        }
        String weight = text(m.get("weight"));
        return new ContainerSettings.Blkio(weight != null && Digits.only(weight) ? Integer.valueOf(weight) : null,
                deviceLimits(m, "weight_device", "weight", false, path),
                deviceLimits(m, "device_read_bps", "rate", true, path),
                deviceLimits(m, "device_read_iops", "rate", false, path),
                deviceLimits(m, "device_write_bps", "rate", true, path),
                deviceLimits(m, "device_write_iops", "rate", false, path));
    }

    private List<ContainerSettings.DeviceLimit> deviceLimits(YamlMap blkio, String list, String key, boolean bytes,
                                                             String path) {
        List<ContainerSettings.DeviceLimit> limits = new ArrayList<>();
        if (blkio.get(list) instanceof YamlSeq seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlMap d && text(d.get("path")) != null && d.get(key) instanceof YamlScalar v
                        && v.text() != null) {
                    String value = v.text();
                    Long parsed = Digits.only(value) ? Long.valueOf(value) : bytes ? ByteSize.parse(value) : null;
                    if (parsed != null) {
                        limits.add(new ContainerSettings.DeviceLimit(text(d.get("path")), parsed));
                    } else {
                        diagnostics.warning(v.position(), path + ".blkio_config." + list, "\"" + value + "\" is not "
                                + (bytes ? "a size" : "a whole number") + ", so this limit is not applied; write e.g. "
                                + (bytes ? "12mb" : "120"));
                    }
                }
            }
        }
        return limits;
    }

    /** {@code post_start} or {@code pre_stop}: each hook's command split into words when written as one string. */
    private List<ContainerSettings.Hook> hooks(YamlNode node, String path) {
        List<ContainerSettings.Hook> hooks = new ArrayList<>();
        if (!(node instanceof YamlSeq seq)) {
            return hooks;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            if (seq.items().get(i) instanceof YamlMap hook) {
                List<String> command = command(hook.get("command"), path + "[" + i + "].command");
                hooks.add(new ContainerSettings.Hook(command == null ? List.of() : command, text(hook.get("user")),
                        "true".equalsIgnoreCase(text(hook.get("privileged"))), text(hook.get("working_dir")),
                        keyValues(hook.get("environment"), true)));
            }
        }
        return hooks;
    }

    private ServiceSpec service(String name, YamlMap s, Position position, Set<String> activeServices,
                                List<String> definedServices) {
        String path = "services." + name;
        Map<String, String> environment = new LinkedHashMap<>(envFiles(s.get("env_file"), path));
        environment.putAll(keyValues(s.get("environment"), true));
        String networkMode = text(s.get("network_mode"));
        return new ServiceSpec(
                name,
                text(s.get("image")),
                build(s.get("build")),
                command(s.get("entrypoint"), path + ".entrypoint"),
                command(s.get("command"), path + ".command"),
                frozen(environment),
                ports(s.get("ports")),
                volumes(s.get("volumes")),
                text(s.get("user")),
                text(s.get("working_dir")),
                implied(dependsOn(name, s.get("depends_on"), activeServices, definedServices), s, activeServices),
                serviceNetworks(s.get("networks"), networkMode),
                networkMode,
                labels(s, path),
                text(s.get("restart")),
                text(s.get("container_name")),
                healthcheck(s.get("healthcheck"), path + ".healthcheck"),
                scale(s),
                strings(s.get("profiles")),
                position,
                deploy(s.get("deploy"), path + ".deploy"),
                fileRefs(s.get("secrets"), "/run/secrets/"),
                fileRefs(s.get("configs"), "/"),
                settings(s, path),
                unmodelled(s, MODELLED_SERVICE_KEYS));
    }

    /** {@code label_file} entries in order (read as env files), then {@code labels}, which win. */
    private Map<String, String> labels(YamlMap s, String path) {
        Map<String, String> labels = new LinkedHashMap<>();
        YamlNode files = s.get("label_file");
        List<YamlNode> entries = files instanceof YamlSeq seq ? seq.items() : files == null ? List.of() : List.of(files);
        for (YamlNode entry : entries) {
            String file = text(entry);
            if (file == null) {
                continue;
            }
            Path resolved = projectDir.resolve(file).normalize();
            if (Files.isRegularFile(resolved)) {
                labels.putAll(EnvFile.read(resolved, variables::get, diagnostics));
            } else {
                diagnostics.error(entry.position(), path + ".label_file", "label file " + resolved
                        + " not found; create it or fix the path");
            }
        }
        labels.putAll(keyValues(s.get("labels"), false));
        return frozen(labels);
    }

    private DeploySpec deploy(YamlNode node, String path) {
        if (!(node instanceof YamlMap d)) {
            return null;
        }
        String replicas = text(d.get("replicas"));
        DeploySpec.Resources limits = null;
        DeploySpec.Resources reservations = null;
        if (d.get("resources") instanceof YamlMap r) {
            limits = resources(r.get("limits"));
            reservations = resources(r.get("reservations"));
        }
        DeploySpec.RestartPolicy policy = null;
        if (d.get("restart_policy") instanceof YamlMap rp) {
            String attempts = text(rp.get("max_attempts"));
            policy = new DeploySpec.RestartPolicy(text(rp.get("condition")),
                    duration(rp, "delay", path + ".restart_policy"),
                    attempts != null && Digits.only(attempts) ? Integer.valueOf(attempts) : null,
                    duration(rp, "window", path + ".restart_policy"));
        }
        return new DeploySpec(
                replicas != null && Digits.only(replicas) ? Integer.valueOf(replicas) : null,
                limits, reservations, policy, keyValues(d.get("labels"), false), d.position());
    }

    private DeploySpec.Resources resources(YamlNode node) {
        if (!(node instanceof YamlMap m)) {
            return null;
        }
        List<DeploySpec.DeviceRequest> devices = new ArrayList<>();
        if (m.get("devices") instanceof YamlSeq seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlMap dev) {
                    devices.add(deviceRequest(dev));
                }
            }
        }
        String pids = text(m.get("pids"));
        return new DeploySpec.Resources(number(text(m.get("cpus"))),
                ByteSize.parse(text(m.get("memory"))), pids != null && Digits.signed(pids) ? Long.valueOf(pids) : null,
                devices);
    }

    /** One item of {@code devices:} in a reservation, or of {@code gpus:}; count "all" is -1. */
    private DeploySpec.DeviceRequest deviceRequest(YamlMap dev) {
        String count = text(dev.get("count"));
        return new DeploySpec.DeviceRequest(strings(dev.get("capabilities")), text(dev.get("driver")),
                "all".equals(count) ? Integer.valueOf(-1)
                        : count != null && Digits.only(count) ? Integer.valueOf(count) : null,
                strings(dev.get("device_ids")), keyValues(dev.get("options"), false));
    }

    /** {@code gpus: all} (one request for every GPU), or a list of requests. */
    private List<DeploySpec.DeviceRequest> gpus(YamlNode node) {
        if ("all".equals(text(node))) {
            return List.of(new DeploySpec.DeviceRequest(List.of(), null, -1, List.of(), Map.of()));
        }
        List<DeploySpec.DeviceRequest> gpus = new ArrayList<>();
        if (node instanceof YamlSeq seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlMap dev) {
                    gpus.add(deviceRequest(dev));
                }
            }
        }
        return gpus;
    }

    /** {@code cpu_rt_period}/{@code cpu_rt_runtime}: microseconds, or a duration ({@code 400ms}). */
    private static Long micros(YamlNode node) {
        Long whole = whole(node);
        if (whole != null || text(node) == null) {
            return whole;
        }
        java.time.Duration d = GoDuration.parse(text(node));
        return d == null ? null : d.toNanos() / 1_000;
    }

    private static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private List<ServiceFileRef> fileRefs(YamlNode node, String targetPrefix) {
        List<ServiceFileRef> refs = new ArrayList<>();
        if (node instanceof YamlSeq seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlScalar s && s.text() != null) {
                    refs.add(new ServiceFileRef(s.text(), targetPrefix + s.text(), null, null,
                            null, s.position()));
                } else if (item instanceof YamlMap m && text(m.get("source")) != null) {
                    String source = text(m.get("source"));
                    String target = text(m.get("target"));
                    if (target == null) {
                        target = targetPrefix + source;
                    } else if (targetPrefix.startsWith("/run/secrets") && !target.startsWith("/")) {
                        target = targetPrefix + target;
                    }
                    String mode = text(m.get("mode"));
                    Integer bits = null;
                    if (mode != null && mode.matches("0?[0-7]+") && m.get("mode") instanceof YamlScalar ms) {
                        // YAML 1.2 reads 0440 as decimal 440; compose means octal either way
                        bits = Integer.parseInt(mode, ms.kind() == YamlScalar.Kind.INT && !mode.startsWith("0") ? 10 : 8);
                    }
                    refs.add(new ServiceFileRef(source, target, text(m.get("uid")),
                            text(m.get("gid")), bits, m.position()));
                }
            }
        }
        return List.copyOf(refs);
    }

    private ContainerSettings settings(YamlMap s, String path) {
        var b = ContainerSettings.builder();
        if (s.get("ulimits") instanceof YamlMap u) {
            Map<String, ContainerSettings.Ulimit> ulimits = new LinkedHashMap<>();
            for (YamlEntry e : u.entries()) {
                if (e.value() instanceof YamlScalar v && v.text() != null && Digits.signed(v.text())) {
                    long n = Long.parseLong(v.text());
                    ulimits.put(e.name(), new ContainerSettings.Ulimit(n, n));
                } else if (e.value() instanceof YamlMap m) {
                    String soft = text(m.get("soft"));
                    String hard = text(m.get("hard"));
                    if (soft != null && hard != null && Digits.signed(soft) && Digits.signed(hard)) {
                        ulimits.put(e.name(), new ContainerSettings.Ulimit(
                                Long.parseLong(soft), Long.parseLong(hard)));
                    }
                }
            }
            b.ulimits = ulimits;
        }
        b.devices = strings(s.get("devices"));
        b.extraHosts = extraHosts(s.get("extra_hosts"));
        b.dns = stringOrList(s.get("dns"));
        b.dnsSearch = stringOrList(s.get("dns_search"));
        b.capAdd = strings(s.get("cap_add"));
        b.capDrop = strings(s.get("cap_drop"));
        b.privileged = "true".equalsIgnoreCase(text(s.get("privileged")));
        b.readOnly = "true".equalsIgnoreCase(text(s.get("read_only")));
        b.init = text(s.get("init")) == null ? null : "true".equalsIgnoreCase(text(s.get("init")));
        b.stopSignal = text(s.get("stop_signal"));
        b.stopGracePeriod = duration(s, "stop_grace_period", path);
        b.tmpfs = stringOrList(s.get("tmpfs"));
        b.shmSize = size(s, "shm_size", path);
        b.memLimit = size(s, "mem_limit", path);
        b.cpus = number(text(s.get("cpus")));
        String pids = text(s.get("pids_limit"));
        b.pidsLimit = pids != null && Digits.signed(pids) ? Long.valueOf(pids) : null;
        b.sysctls = keyValues(s.get("sysctls"), false);
        b.ipc = text(s.get("ipc"));
        b.pid = text(s.get("pid"));
        b.hostname = text(s.get("hostname"));
        b.domainname = text(s.get("domainname"));
        b.expose = strings(s.get("expose"));
        if (s.get("logging") instanceof YamlMap l) {
            b.logging = new ContainerSettings.Logging(text(l.get("driver")),
                    keyValues(l.get("options"), false));
        }
        b.platform = text(s.get("platform"));
        b.pullPolicy = text(s.get("pull_policy"));
        b.tty = "true".equalsIgnoreCase(text(s.get("tty")));
        b.stdinOpen = "true".equalsIgnoreCase(text(s.get("stdin_open")));
        String oomScore = text(s.get("oom_score_adj"));
        String memswap = text(s.get("memswap_limit"));
        b.cgroup = new ContainerSettings.Cgroup(whole(s.get("cpu_shares")), whole(s.get("cpu_quota")),
                whole(s.get("cpu_period")), text(s.get("cpuset")), size(s, "mem_reservation", path),
                "-1".equals(memswap) ? Long.valueOf(-1) : size(s, "memswap_limit", path), whole(s.get("mem_swappiness")),
                text(s.get("oom_kill_disable")) == null ? null : "true".equalsIgnoreCase(text(s.get("oom_kill_disable"))),
                oomScore != null && Digits.signed(oomScore) ? Integer.valueOf(oomScore) : null,
                text(s.get("cgroup_parent")), micros(s.get("cpu_rt_period")), micros(s.get("cpu_rt_runtime")));
        b.gpus = gpus(s.get("gpus"));
        b.annotations = keyValues(s.get("annotations"), false);
        b.security = new ContainerSettings.Security(strings(s.get("security_opt")), strings(s.get("group_add")),
                text(s.get("userns_mode")), text(s.get("runtime")), keyValues(s.get("storage_opt"), false));
        b.macAddress = text(s.get("mac_address"));
        b.volumesFrom = strings(s.get("volumes_from"));
        b.links = strings(s.get("links"));
        b.externalLinks = strings(s.get("external_links"));
        b.dnsOpt = strings(s.get("dns_opt"));
        b.postStart = hooks(s.get("post_start"), path + ".post_start");
        b.preStop = hooks(s.get("pre_stop"), path + ".pre_stop");
        b.uts = text(s.get("uts"));
        b.cgroupns = text(s.get("cgroup"));
        b.deviceCgroupRules = strings(s.get("device_cgroup_rules"));
        b.blkio = blkio(s.get("blkio_config"), path);
        Map<String, Position> positions = new LinkedHashMap<>();
        s.entries().forEach(e -> positions.put(e.name(), e.value().position()));
        b.positions = positions;
        return b.build();
    }

    /** A whole number written as a number or a string; null when absent or not whole. */
    private static Long whole(YamlNode node) {
        String text = text(node);
        return text != null && Digits.signed(text.strip()) ? Long.valueOf(text.strip()) : null;
    }

    /** {@code host:ip} or {@code host=ip} items (IPv6 addresses keep their colons), or a mapping. */
    private static Map<String, String> extraHosts(YamlNode node) {
        Map<String, String> hosts = new LinkedHashMap<>();
        if (node instanceof YamlMap m) {
            m.entries().forEach(e -> hosts.put(e.name(), e.value() instanceof YamlSeq seq
                    ? String.join(",", strings(seq)) : String.valueOf(text(e.value()))));
        } else {
            for (String item : strings(node)) {
                int eq = item.indexOf('=');
                int sep = eq >= 0 ? eq : item.indexOf(':');
                if (sep > 0) {
                    hosts.put(item.substring(0, sep), item.substring(sep + 1));
                }
            }
        }
        return hosts;
    }

    private static List<String> stringOrList(YamlNode node) {
        return node instanceof YamlScalar s && s.text() != null ? List.of(s.text()) : strings(node);
    }

    private Long size(YamlMap m, String key, String path) {
        String text = text(m.get(key));
        if (text == null) {
            return null;
        }
        // The structure layer (ValueFormats) owns the format check and has reported a bad size already.
        return ByteSize.parse(text);
    }

    private BuildSpec build(YamlNode node) {
        if (node instanceof YamlScalar s && s.text() != null) {
            return new BuildSpec(projectDir.resolve(s.text()).normalize(), "Dockerfile", Map.of(), null);
        }
        if (node instanceof YamlMap m) {
            String context = text(m.get("context"));
            String dockerfile = text(m.get("dockerfile"));
            String inline = text(m.get("dockerfile_inline"));
            return new BuildSpec(projectDir.resolve(context == null ? "." : context).normalize(),
                    dockerfile == null && inline == null ? "Dockerfile" : dockerfile,
                    frozen(keyValues(m.get("args"), true)), text(m.get("target")), inline,
                    keyValues(m.get("labels"), false), unmodelled(m, MODELLED_BUILD_KEYS));
        }
        return null;
    }

    private List<String> command(YamlNode node, String path) {
        if (node instanceof YamlScalar s && s.text() != null) {
            ShellWords.Split split = ShellWords.split(s.text());
            if (split.error() != null) {
                diagnostics.error(s.position(), path, "cannot split \"" + s.text() + "\" into words: " + split.error()
                        + "; close the quote or use the list form");
                return List.of();
            }
            return split.words();
        }
        if (node instanceof YamlSeq seq) {
            return strings(seq);
        }
        return null;
    }

    /**
     * {@code KEY=VALUE} items or a mapping. A key without a value takes it from the environment when
     * {@code fromEnvironment} (environment, build args) and is dropped when unset there; for labels it is "".
     */
    private Map<String, String> keyValues(YamlNode node, boolean fromEnvironment) {
        Map<String, String> values = new LinkedHashMap<>();
        YamlMap map = Merger.asMap(node);
        if (map == null) {
            return values;
        }
        for (YamlEntry e : map.entries()) {
            String value = e.value() instanceof YamlScalar v ? v.text() : null;
            if (value == null && fromEnvironment) {
                value = variables.get(e.name());
                if (value == null) {
                    continue;
                }
            }
            values.put(e.name(), value == null ? "" : value);
        }
        return values;
    }

    private Map<String, String> envFiles(YamlNode node, String path) {
        Map<String, String> values = new LinkedHashMap<>();
        List<YamlNode> entries = node instanceof YamlSeq seq ? seq.items() : node == null ? List.of() : List.of(node);
        for (YamlNode entry : entries) {
            String file = null;
            boolean required = true;
            boolean raw = false;
            if (entry instanceof YamlScalar s) {
                file = s.text();
            } else if (entry instanceof YamlMap m) {
                file = text(m.get("path"));
                required = !"false".equalsIgnoreCase(text(m.get("required")));
                raw = "raw".equals(text(m.get("format")));
            }
            if (file == null) {
                continue;
            }
            Path resolved = projectDir.resolve(file).normalize();
            if (!Files.isRegularFile(resolved)) {
                if (required) {
                    diagnostics.error(entry.position(), path + ".env_file", "env file " + resolved
                            + " not found; create it, fix the path, or mark it `required: false`");
                }
                continue;
            }
            values.putAll(raw ? EnvFile.readRaw(resolved, diagnostics) : EnvFile.read(resolved, variables::get, diagnostics));
        }
        return values;
    }

    private List<PortSpec> ports(YamlNode node) {
        List<PortSpec> ports = new ArrayList<>();
        if (!(node instanceof YamlSeq seq)) {
            return ports;
        }
        for (YamlNode item : seq.items()) {
            if (item instanceof YamlScalar s && s.text() != null) {
                PortSyntax.Parsed parsed = PortSyntax.parse(s.text(), s.position());
                ports.addAll(parsed.ports());
            } else if (item instanceof YamlMap m) {
                Integer target = PortSyntax.port(String.valueOf(text(m.get("target"))));
                if (target == null) {
                    continue;
                }
                String published = text(m.get("published"));
                int[] range = published == null || published.isEmpty() ? null : PortSyntax.range(published);
                String hostIp = text(m.get("host_ip"));
                String protocol = text(m.get("protocol"));
                ports.add(new PortSpec(hostIp == null ? "" : hostIp, range == null ? null : range[0], target,
                        protocol == null ? "tcp" : protocol, m.position(),
                        range == null || range[1] == range[0] ? null : range[1]));
            }
        }
        return Collections.unmodifiableList(ports);
    }

    private List<VolumeMountSpec> volumes(YamlNode node) {
        List<VolumeMountSpec> mounts = new ArrayList<>();
        if (!(node instanceof YamlSeq seq)) {
            return mounts;
        }
        for (YamlNode item : seq.items()) {
            if (item instanceof YamlScalar s && s.text() != null) {
                mounts.add(VolumeSyntax.parse(s.text()).mount(projectDir, home(), s.position()));
            } else if (item instanceof YamlMap m) {
                String type = text(m.get("type"));
                String source = text(m.get("source"));
                if ("bind".equals(type) && source != null) {
                    source = hostPath(source);
                } else if ("tmpfs".equals(type)) {
                    source = null;
                }
                mounts.add(new VolumeMountSpec(type, source, text(m.get("target")),
                        "true".equalsIgnoreCase(text(m.get("read_only"))), m.position()));
            }
        }
        return Collections.unmodifiableList(mounts);
    }

    /** A bind source made absolute: {@code ~} is HOME from the environment, relative paths the project dir. */
    private String hostPath(String source) {
        return VolumeSyntax.hostPath(source, projectDir, home());
    }

    private String home() {
        return variables.getOrDefault("HOME", System.getProperty("user.home"));
    }

    private List<DependencySpec> dependsOn(String service, YamlNode node, Set<String> activeServices,
                                           List<String> definedServices) {
        List<DependencySpec> deps = new ArrayList<>();
        YamlMap map = Merger.asMap(node);
        if (map == null) {
            return deps;
        }
        for (YamlEntry e : map.entries()) {
            YamlMap detail = e.value() instanceof YamlMap d ? d : null;
            String condition = detail == null ? null : text(detail.get("condition"));
            boolean restart = detail != null && "true".equalsIgnoreCase(text(detail.get("restart")));
            boolean required = detail == null || !"false".equalsIgnoreCase(text(detail.get("required")));
            if (!activeServices.contains(e.name())) {
                // an undefined service was reported by the validator; here only profile-disabled ones remain
                if (required && definedServices.contains(e.name())) {
                    diagnostics.error(e.key().position(), "services." + service + ".depends_on", "service `" + service
                            + "` depends on `" + e.name() + "`, which is not enabled; enable its profile with "
                            + "--profile, or mark the dependency `required: false`");
                }
                continue;
            }
            deps.add(new DependencySpec(e.name(), condition == null ? "service_started" : condition, restart, required));
        }
        return Collections.unmodifiableList(deps);
    }

    /**
     * The dependencies a service has without writing them, as compose-go adds them: on the services it
     * {@code links} to or shares a namespace with ({@code network_mode}, {@code ipc}, {@code pid}, {@code uts},
     * {@code cgroup}: {@code service:NAME}; restarted with them), and on those whose volumes it mounts
     * ({@code volumes_from}). Each is started first; an explicit {@code depends_on} entry wins.
     */
    private static List<DependencySpec> implied(List<DependencySpec> explicit, YamlMap s, Set<String> activeServices) {
        Map<String, DependencySpec> deps = new LinkedHashMap<>();
        explicit.forEach(d -> deps.put(d.service(), d));
        for (String link : strings(s.get("links"))) {
            String service = link.contains(":") ? link.substring(0, link.indexOf(':')) : link;
            if (activeServices.contains(service)) {
                deps.putIfAbsent(service, new DependencySpec(service, "service_started", true, true));
            }
        }
        for (String key : List.of("network_mode", "ipc", "pid", "uts", "cgroup")) {
            String mode = text(s.get(key));
            String service = mode != null && mode.startsWith("service:") ? mode.substring("service:".length()) : null;
            if (service != null && activeServices.contains(service)) {
                deps.putIfAbsent(service, new DependencySpec(service, "service_started", true, true));
            }
        }
        for (String from : strings(s.get("volumes_from"))) {
            String service = from.contains(":") ? from.substring(0, from.indexOf(':')) : from;
            if (!from.startsWith("container:") && activeServices.contains(service)) {
                deps.putIfAbsent(service, new DependencySpec(service, "service_started", false, true));
            }
        }
        return deps.size() == explicit.size() ? explicit : List.copyOf(deps.values());
    }

    private Map<String, ServiceNetwork> serviceNetworks(YamlNode node, String networkMode) {
        Map<String, ServiceNetwork> networks = new LinkedHashMap<>();
        YamlMap map = Merger.asMap(node);
        if (map != null) {
            for (YamlEntry e : map.entries()) {
                if (e.value() instanceof YamlMap detail) {
                    String priority = text(detail.get("priority"));
                    networks.put(e.name(), new ServiceNetwork(strings(detail.get("aliases")),
                            text(detail.get("ipv4_address")), text(detail.get("ipv6_address")),
                            priority != null && Digits.signed(priority) ? Integer.valueOf(priority) : null));
                } else {
                    networks.put(e.name(), new ServiceNetwork(List.of(), null));
                }
            }
        }
        if (networks.isEmpty() && networkMode == null) {
            networks.put("default", new ServiceNetwork(List.of(), null));
        }
        return frozen(networks);
    }

    private HealthcheckSpec healthcheck(YamlNode node, String path) {
        if (!(node instanceof YamlMap m)) {
            return null;
        }
        List<String> test = null;
        if (m.get("test") instanceof YamlScalar s && s.text() != null) {
            test = List.of("CMD-SHELL", s.text());
        } else if (m.get("test") instanceof YamlSeq seq) {
            test = strings(seq);
        }
        String retries = text(m.get("retries"));
        return new HealthcheckSpec(test == null ? List.of() : test,
                duration(m, "interval", path), duration(m, "timeout", path), duration(m, "start_period", path),
                retries == null || !Digits.only(retries) ? null : Integer.valueOf(retries),
                "true".equalsIgnoreCase(text(m.get("disable"))), duration(m, "start_interval", path));
    }

    private Duration duration(YamlMap m, String key, String path) {
        YamlNode node = m.get(key);
        String text = text(node);
        if (text == null) {
            return null;
        }
        // The structure layer (ValueFormats, the schema's types) owns the format check and has reported it already.
        return GoDuration.parse(text);
    }

    private int scale(YamlMap s) {
        String scale = text(s.get("scale"));
        if (scale == null && s.get("deploy") instanceof YamlMap deploy) {
            scale = text(deploy.get("replicas"));
        }
        return scale != null && Digits.only(scale) ? Integer.parseInt(scale) : 1;
    }

    private NetworkSpec network(String key, YamlNode node) {
        YamlMap m = node instanceof YamlMap map ? map : new YamlMap(List.of(), node.position());
        boolean external = isExternal(m);
        String name = text(m.get("name"));
        if (name == null) {
            name = external ? externalName(m, key) : projectName + "_" + key;
        }
        NetworkSpec.Ipam ipam = NetworkSpec.Ipam.NONE;
        if (m.get("ipam") instanceof YamlMap i) {
            List<NetworkSpec.Pool> pools = new ArrayList<>();
            if (i.get("config") instanceof YamlSeq seq) {
                for (YamlNode item : seq.items()) {
                    if (item instanceof YamlMap pool) {
                        pools.add(new NetworkSpec.Pool(text(pool.get("subnet")), text(pool.get("ip_range")),
                                text(pool.get("gateway")), keyValues(pool.get("aux_addresses"), false)));
                    }
                }
            }
            ipam = new NetworkSpec.Ipam(text(i.get("driver")), pools, keyValues(i.get("options"), false));
        }
        String ipv6 = text(m.get("enable_ipv6"));
        return new NetworkSpec(key, name, external, text(m.get("driver")), frozen(keyValues(m.get("labels"), false)),
                keyValues(m.get("driver_opts"), false), "true".equalsIgnoreCase(text(m.get("internal"))),
                "true".equalsIgnoreCase(text(m.get("attachable"))),
                ipv6 == null ? null : "true".equalsIgnoreCase(ipv6), ipam);
    }

    private VolumeSpec volume(String key, YamlNode node) {
        YamlMap m = node instanceof YamlMap map ? map : new YamlMap(List.of(), node.position());
        boolean external = isExternal(m);
        String name = text(m.get("name"));
        if (name == null) {
            name = external ? externalName(m, key) : projectName + "_" + key;
        }
        return new VolumeSpec(key, name, external, text(m.get("driver")), frozen(keyValues(m.get("labels"), false)));
    }

    /** {@code external: true}, or the legacy {@code external: {name: x}}. */
    private static boolean isExternal(YamlMap m) {
        YamlNode external = m.get("external");
        return external instanceof YamlMap || "true".equalsIgnoreCase(text(external));
    }

    private static String externalName(YamlMap m, String key) {
        if (m.get("external") instanceof YamlMap legacy && text(legacy.get("name")) != null) {
            return text(legacy.get("name"));
        }
        return key;
    }

    private static String text(YamlNode node) {
        return node instanceof YamlScalar s ? s.text() : null;
    }

    private static List<String> strings(YamlNode node) {
        if (!(node instanceof YamlSeq seq)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            if (item instanceof YamlScalar s && s.text() != null) {
                out.add(s.text());
            }
        }
        return List.copyOf(out);
    }

    private static <K, V> Map<K, V> frozen(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
