package dev.berth.compose.model;

import dev.berth.compose.source.Position;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The container-level settings of a service that the engine applies one to one. Byte sizes are longs,
 * durations {@link Duration}s; null (or empty) means "not set, the engine's default".
 *
 * @param extraHosts host name → address, from {@code host:ip} / {@code host=ip} items or a mapping
 * @param tmpfs      container paths (with {@code :options} when given)
 * @param positions  where each setting was written, by its key ({@code "shm_size"}), for messages and editors
 */
public record ContainerSettings(
        Map<String, Ulimit> ulimits,
        List<String> devices,
        Map<String, String> extraHosts,
        List<String> dns,
        List<String> dnsSearch,
        List<String> capAdd,
        List<String> capDrop,
        boolean privileged,
        boolean readOnly,
        Boolean init,
        String stopSignal,
        Duration stopGracePeriod,
        List<String> tmpfs,
        Long shmSize,
        Long memLimit,
        Double cpus,
        Long pidsLimit,
        Map<String, String> sysctls,
        String ipc,
        String pid,
        String hostname,
        String domainname,
        List<String> expose,
        Logging logging,
        String platform,
        String pullPolicy,
        boolean tty,
        boolean stdinOpen,
        Cgroup cgroup,
        Security security,
        String macAddress,
        List<String> volumesFrom,
        List<String> links,
        List<String> externalLinks,
        List<String> dnsOpt,
        List<Hook> postStart,
        List<Hook> preStop,
        String uts,
        String cgroupns,
        List<String> deviceCgroupRules,
        Blkio blkio,
        List<DeploySpec.DeviceRequest> gpus,
        Map<String, String> annotations,
        Map<String, Position> positions) {

    public static final ContainerSettings NONE = builder().build();

    public ContainerSettings {
        ulimits = frozen(ulimits);
        devices = List.copyOf(devices);
        extraHosts = frozen(extraHosts);
        dns = List.copyOf(dns);
        dnsSearch = List.copyOf(dnsSearch);
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        tmpfs = List.copyOf(tmpfs);
        sysctls = frozen(sysctls);
        expose = List.copyOf(expose);
        cgroup = cgroup == null ? Cgroup.NONE : cgroup;
        security = security == null ? Security.NONE : security;
        volumesFrom = List.copyOf(volumesFrom);
        links = List.copyOf(links);
        externalLinks = List.copyOf(externalLinks);
        dnsOpt = List.copyOf(dnsOpt);
        postStart = List.copyOf(postStart);
        preStop = List.copyOf(preStop);
        deviceCgroupRules = List.copyOf(deviceCgroupRules);
        blkio = blkio == null ? Blkio.NONE : blkio;
        gpus = List.copyOf(gpus);
        annotations = frozen(annotations);
        positions = frozen(positions);
    }

    /**
     * Resource settings beyond {@code mem_limit}, {@code cpus} and {@code pids_limit}, each as the engine's cgroup
     * setting of the same name; null when not set.
     *
     * @param memswapLimit memory plus swap in bytes; -1 for unlimited swap
     * @param cpuRtPeriod  {@code cpu_rt_period} in microseconds (the file may give a duration)
     * @param cpuRtRuntime {@code cpu_rt_runtime} in microseconds
     */
    public record Cgroup(Long cpuShares, Long cpuQuota, Long cpuPeriod, String cpuset, Long memReservation,
                         Long memswapLimit, Long memSwappiness, Boolean oomKillDisable, Integer oomScoreAdj,
                         String cgroupParent, Long cpuRtPeriod, Long cpuRtRuntime) {
        public static final Cgroup NONE = new Cgroup(null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /**
     * Who the container runs as and how it is isolated: {@code security_opt}, {@code group_add},
     * {@code userns_mode}, {@code runtime}, {@code storage_opt}.
     */
    public record Security(List<String> securityOpt, List<String> groupAdd, String usernsMode, String runtime,
                           Map<String, String> storageOpt) {
        public static final Security NONE = new Security(List.of(), List.of(), null, null, Map.of());

        public Security {
            securityOpt = List.copyOf(securityOpt);
            groupAdd = List.copyOf(groupAdd);
            storageOpt = frozen(storageOpt);
        }
    }

    /** {@code ulimits.<name>}: a single number sets both. */
    /**
     * A lifecycle hook ({@code post_start}, {@code pre_stop}): a command run inside the container right after it
     * starts or right before it stops.
     *
     * @param user       null: the container's user
     * @param workingDir null: the container's working directory
     */
    public record Hook(List<String> command, String user, boolean privileged, String workingDir,
                       Map<String, String> environment) {
        public Hook {
            command = List.copyOf(command);
            environment = frozen(environment);
        }
    }

    /**
     * {@code blkio_config}: block I/O weight and per-device limits.
     *
     * @param weight    10 to 1000, or null
     * @param readBps   bytes a second, per device
     * @param readIops  operations a second, per device
     */
    public record Blkio(Integer weight, List<DeviceLimit> weightDevice, List<DeviceLimit> readBps,
                        List<DeviceLimit> readIops, List<DeviceLimit> writeBps, List<DeviceLimit> writeIops) {
        public static final Blkio NONE = new Blkio(null, List.of(), List.of(), List.of(), List.of(), List.of());

        public Blkio {
            weightDevice = List.copyOf(weightDevice);
            readBps = List.copyOf(readBps);
            readIops = List.copyOf(readIops);
            writeBps = List.copyOf(writeBps);
            writeIops = List.copyOf(writeIops);
        }

        public boolean isSet() {
            return !equals(NONE);
        }
    }

    /** A device's path and its weight or rate. */
    public record DeviceLimit(String path, long value) {
    }

    public record Ulimit(long soft, long hard) {
    }

    /** {@code logging:} driver and options. */
    public record Logging(String driver, Map<String, String> options) {
        public Logging {
            options = frozen(options);
        }
    }

    private static <K, V> Map<K, V> frozen(Map<K, V> map) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** For tests and the normaliser: everything unset until set. */
    public static final class Builder {
        public Map<String, Ulimit> ulimits = Map.of();
        public List<String> devices = List.of();
        public Map<String, String> extraHosts = Map.of();
        public List<String> dns = List.of();
        public List<String> dnsSearch = List.of();
        public List<String> capAdd = List.of();
        public List<String> capDrop = List.of();
        public boolean privileged;
        public boolean readOnly;
        public Boolean init;
        public String stopSignal;
        public Duration stopGracePeriod;
        public List<String> tmpfs = List.of();
        public Long shmSize;
        public Long memLimit;
        public Double cpus;
        public Long pidsLimit;
        public Map<String, String> sysctls = Map.of();
        public String ipc;
        public String pid;
        public String hostname;
        public String domainname;
        public List<String> expose = List.of();
        public Logging logging;
        public String platform;
        public String pullPolicy;
        public boolean tty;
        public boolean stdinOpen;
        public Cgroup cgroup = Cgroup.NONE;
        public Security security = Security.NONE;
        public String macAddress;
        public List<String> volumesFrom = List.of();
        public List<String> links = List.of();
        public List<String> externalLinks = List.of();
        public List<String> dnsOpt = List.of();
        public List<Hook> postStart = List.of();
        public List<Hook> preStop = List.of();
        public String uts;
        /** compose's {@code cgroup}: {@code host} or {@code private}, the container's cgroup namespace. */
        public String cgroupns;
        public List<String> deviceCgroupRules = List.of();
        public Blkio blkio = Blkio.NONE;
        /** {@code gpus:}: {@code all} is one request for every GPU; the engine's capability "gpu" is implied. */
        public List<DeploySpec.DeviceRequest> gpus = List.of();
        /** {@code annotations:}: OCI annotations of the container. */
        public Map<String, String> annotations = Map.of();
        public Map<String, Position> positions = Map.of();

        public ContainerSettings build() {
            return new ContainerSettings(ulimits, devices, extraHosts, dns, dnsSearch, capAdd, capDrop, privileged,
                    readOnly, init, stopSignal, stopGracePeriod, tmpfs, shmSize, memLimit, cpus, pidsLimit, sysctls,
                    ipc, pid, hostname, domainname, expose, logging, platform, pullPolicy, tty, stdinOpen,
                    cgroup, security, macAddress, volumesFrom, links, externalLinks, dnsOpt, postStart, preStop,
                    uts, cgroupns, deviceCgroupRules, blkio, gpus, annotations, positions);
        }
    }
}
