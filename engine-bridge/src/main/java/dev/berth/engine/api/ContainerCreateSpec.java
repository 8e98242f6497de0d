package dev.berth.engine.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one container, in Berth's terms.
 *
 * @param entrypoint   null keeps the image's entrypoint
 * @param command      null keeps the image's command
 * @param networkMode  host, none, bridge, container:&lt;id&gt;, or null when {@code firstNetwork} is set
 * @param firstNetwork the network joined at creation (API 1.41 takes only one); others are connected after
 * @param restartPolicy no, always, unless-stopped, on-failure[:n], or null
 * @param settings     the container-level settings beyond these (limits, capabilities, dns...); never null
 * @param files        files written into the container after it is created and before it starts (secrets and
 *                     configs whose content is not a host file, as v2 injects them)
 */
public record ContainerCreateSpec(
        String name,
        String image,
        Map<String, String> labels,
        List<String> env,
        List<String> entrypoint,
        List<String> command,
        String user,
        String workingDir,
        List<PortBinding> ports,
        List<Mount> mounts,
        String restartPolicy,
        Healthcheck healthcheck,
        String networkMode,
        NetworkAttachment firstNetwork,
        Settings settings,
        List<FileCopy> files) {

    public ContainerCreateSpec {
        settings = settings == null ? Settings.NONE : settings;
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** Without settings or files: the engine's defaults. */
    public ContainerCreateSpec(String name, String image, Map<String, String> labels, List<String> env,
                               List<String> entrypoint, List<String> command, String user, String workingDir,
                               List<PortBinding> ports, List<Mount> mounts, String restartPolicy,
                               Healthcheck healthcheck, String networkMode, NetworkAttachment firstNetwork) {
        this(name, image, labels, env, entrypoint, command, user, workingDir, ports, mounts, restartPolicy,
                healthcheck, networkMode, firstNetwork, Settings.NONE, List.of());
    }

    /** A copy with other mounts. */
    public ContainerCreateSpec withMounts(List<Mount> other) {
        return new ContainerCreateSpec(name, image, labels, env, entrypoint, command, user, workingDir, ports,
                List.copyOf(other), restartPolicy, healthcheck, networkMode, firstNetwork, settings, files);
    }

    /** A copy with other settings. */
    public ContainerCreateSpec withSettings(Settings other) {
        return new ContainerCreateSpec(name, image, labels, env, entrypoint, command, user, workingDir, ports, mounts,
                restartPolicy, healthcheck, networkMode, firstNetwork, other, files);
    }

    /** hostIp "" = all interfaces; hostPort null = the engine picks one. */
    public record PortBinding(String hostIp, Integer hostPort, int containerPort, String protocol) {
    }

    /** source: a host path (bind), an engine volume name or null for an anonymous volume (volume), null (tmpfs). */
    public record Mount(Type type, String source, String target, boolean readOnly) {
        public enum Type { BIND, VOLUME, TMPFS }
    }

    /** Durations and retries may be null (the engine's defaults apply); test ["NONE"] disables the image's. */
    public record Healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
                              Integer retries) {
    }

    /**
     * The settings the engine applies one to one. Null (or empty) means "the engine's default".
     *
     * @param ulimits     name → soft/hard
     * @param devices     {@code host[:container[:permissions]]}
     * @param extraHosts  {@code host:address}
     * @param tmpfs       container path → mount options ("" for none)
     * @param exposed     container ports without a host binding, {@code 80}, {@code 53/udp}
     * @param nanoCpus    CPU limit in billionths of a CPU ({@code cpus: 0.5} = 500000000)
     * @param stopTimeout seconds the engine waits after the stop signal before killing
     */
    public record Settings(Map<String, Ulimit> ulimits, List<String> devices, List<String> extraHosts,
                           List<String> dns, List<String> dnsSearch, List<String> capAdd, List<String> capDrop,
                           boolean privileged, boolean readOnly, Boolean init, String stopSignal, Integer stopTimeout,
                           Map<String, String> tmpfs, Long shmSize, Long memory, Long memoryReservation,
                           Long nanoCpus, Long pidsLimit, Map<String, String> sysctls, String ipc, String pid,
                           String hostname, String domainname, List<String> exposed, String logDriver,
                           Map<String, String> logOptions, String platform, boolean tty, boolean stdinOpen,
                           Cgroup cgroup, Isolation isolation, String macAddress, List<String> volumesFrom,
                           List<String> links, List<String> dnsOptions, String uts, String cgroupns,
                           List<String> deviceCgroupRules, Blkio blkio, List<DeviceRequest> deviceRequests,
                           Map<String, String> annotations) {

        public static final Settings NONE = new Settings(Map.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), false, false, null, null, null, Map.of(), null, null, null, null, null,
                Map.of(), null, null, null, null, List.of(), null, Map.of(), null, false, false,
                Cgroup.NONE, Isolation.NONE, null, List.of(), List.of(), List.of(), null, null, List.of(), Blkio.NONE,
                List.of(), Map.of());

        public Settings {
            ulimits = ordered(ulimits);
            devices = List.copyOf(devices);
            extraHosts = List.copyOf(extraHosts);
            dns = List.copyOf(dns);
            dnsSearch = List.copyOf(dnsSearch);
            capAdd = List.copyOf(capAdd);
            capDrop = List.copyOf(capDrop);
            tmpfs = ordered(tmpfs);
            sysctls = ordered(sysctls);
            exposed = List.copyOf(exposed);
            logOptions = ordered(logOptions);
            cgroup = cgroup == null ? Cgroup.NONE : cgroup;
            isolation = isolation == null ? Isolation.NONE : isolation;
            volumesFrom = volumesFrom == null ? List.of() : List.copyOf(volumesFrom);
            links = links == null ? List.of() : List.copyOf(links);
            dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
            deviceCgroupRules = deviceCgroupRules == null ? List.of() : List.copyOf(deviceCgroupRules);
            blkio = blkio == null ? Blkio.NONE : blkio;
            deviceRequests = deviceRequests == null ? List.of() : List.copyOf(deviceRequests);
            annotations = ordered(annotations);
        }

        /** The same settings with a TTY and stdin kept open ({@code run} in a terminal). */
        public Settings withTerminal() {
            return new Settings(ulimits, devices, extraHosts, dns, dnsSearch, capAdd, capDrop, privileged, readOnly,
                    init, stopSignal, stopTimeout, tmpfs, shmSize, memory, memoryReservation, nanoCpus, pidsLimit,
                    sysctls, ipc, pid, hostname, domainname, exposed, logDriver, logOptions, platform, true, true,
                    cgroup, isolation, macAddress, volumesFrom, links, dnsOptions, uts, cgroupns, deviceCgroupRules,
                    blkio, deviceRequests, annotations);
        }

        private static <K, V> Map<K, V> ordered(Map<K, V> map) {
            return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
        }
    }

    public record Ulimit(long soft, long hard) {
    }

    /**
     * A request for devices a driver provides (GPUs): count -1 is all of them; capabilities are alternatives, each
     * a set the device must have all of (e.g. [[gpu]]).
     */
    public record DeviceRequest(String driver, Integer count, List<String> deviceIds, List<List<String>> capabilities,
                                Map<String, String> options) {
        public DeviceRequest {
            deviceIds = List.copyOf(deviceIds);
            capabilities = capabilities.stream().map(List::copyOf).toList();
            options = Map.copyOf(options);
        }
    }

    /** cgroup settings by the engine's names; null leaves the engine's default. {@code memorySwap} -1: unlimited. */
    public record Cgroup(Long cpuShares, Long cpuQuota, Long cpuPeriod, String cpusetCpus, Long memorySwap,
                         Long memorySwappiness, Boolean oomKillDisable, Integer oomScoreAdj, String cgroupParent,
                         Long cpuRealtimePeriod, Long cpuRealtimeRuntime) {
        public static final Cgroup NONE = new Cgroup(null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /**
     * Block I/O limits: a weight (10–1000, null for the default), per-device weights, and per-device rates in bytes
     * or operations a second, each a device path and its value.
     */
    public record Blkio(Integer weight, Map<String, Long> weightDevice, Map<String, Long> readBps,
                        Map<String, Long> readIops, Map<String, Long> writeBps, Map<String, Long> writeIops) {
        public static final Blkio NONE = new Blkio(null, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

        public Blkio {
            weightDevice = Settings.ordered(weightDevice);
            readBps = Settings.ordered(readBps);
            readIops = Settings.ordered(readIops);
            writeBps = Settings.ordered(writeBps);
            writeIops = Settings.ordered(writeIops);
        }
    }

    /** Security and isolation: {@code security_opt}, {@code group_add}, user namespace, OCI runtime, storage. */
    public record Isolation(List<String> securityOpt, List<String> groupAdd, String usernsMode, String runtime,
                            Map<String, String> storageOpt) {
        public static final Isolation NONE = new Isolation(List.of(), List.of(), null, null, Map.of());

        public Isolation {
            securityOpt = List.copyOf(securityOpt);
            groupAdd = List.copyOf(groupAdd);
            storageOpt = Settings.ordered(storageOpt);
        }
    }

    /**
     * One file put into the container before it starts.
     *
     * @param path absolute path in the container
     * @param mode permission bits (e.g. 0444)
     */
    public record FileCopy(String path, byte[] content, int uid, int gid, int mode) {
    }

    /** ipv4Address may be null. */
    public record NetworkAttachment(String network, List<String> aliases, String ipv4Address) {
    }
}
