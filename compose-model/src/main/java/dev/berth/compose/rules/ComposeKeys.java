package dev.berth.compose.rules;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of keys Berth knows, per place in the file. Validation reads it for unknown keys and wrong
 * types; the editor will read it for completion and hover. Keys are those of the Compose Specification;
 * a {@code Shape.ANY} entry is known but not yet type-checked.
 */
public final class ComposeKeys {

    /** Where in a compose file a mapping sits. */
    public enum Scope {
        TOP_LEVEL("at the top level"),
        SERVICE("in service `%s`"),
        BUILD("in `build` of service `%s`"),
        HEALTHCHECK("in `healthcheck` of service `%s`"),
        DEPENDS_ON("in a `depends_on` entry of service `%s`"),
        SERVICE_NETWORK("in a `networks` entry of service `%s`"),
        PORT("in a `ports` entry of service `%s`"),
        SERVICE_VOLUME("in a `volumes` entry of service `%s`"),
        NETWORK("in network `%s`"),
        VOLUME("in volume `%s`");

        private final String where;

        Scope(String where) {
            this.where = where;
        }

        /** "in service `web`" and the like, for messages. */
        public String where(String owner) {
            return where.formatted(owner);
        }
    }

    private static final Map<Scope, Map<String, KeyDoc>> TABLE = new EnumMap<>(Scope.class);

    static {
        scope(Scope.TOP_LEVEL,
                "version", Shape.SCALAR, "Obsolete; ignored by Compose v2.",
                "name", Shape.SCALAR, "The project name, unless -p or COMPOSE_PROJECT_NAME set one.",
                "include", Shape.LIST, "Other compose files to load as sub-projects.",
                "services", Shape.MAP, "The containers this project runs, by service name.",
                "networks", Shape.MAP, "Networks that services can join.",
                "volumes", Shape.MAP, "Named volumes that services can mount.",
                "secrets", Shape.MAP, "Secrets that services can read as files.",
                "configs", Shape.MAP, "Configuration files that services can mount.",
                "models", Shape.MAP, "AI models that services can use.");
        scope(Scope.SERVICE,
                "annotations", Shape.LIST_OR_MAP, "OCI annotations for the container.",
                "attach", Shape.BOOL, "Whether `up` attaches to this service's logs.",
                "blkio_config", Shape.MAP, "Block IO limits.",
                "build", Shape.SCALAR_OR_MAP, "How to build the image: a context path or a build section.",
                "cap_add", Shape.LIST, "Linux capabilities to add.",
                "cap_drop", Shape.LIST, "Linux capabilities to drop.",
                "cgroup", Shape.SCALAR, "cgroup namespace: host or private.",
                "cgroup_parent", Shape.SCALAR, "Parent cgroup for the container.",
                "command", Shape.SCALAR_OR_LIST, "Overrides the image's CMD.",
                "configs", Shape.LIST, "Configs mounted into the container.",
                "container_name", Shape.SCALAR, "A fixed container name instead of <project>-<service>-<n>.",
                "cpu_count", Shape.ANY, "Number of usable CPUs (Windows).",
                "cpu_percent", Shape.ANY, "Usable percentage of CPUs (Windows).",
                "cpu_period", Shape.ANY, "CPU CFS period.",
                "cpu_quota", Shape.ANY, "CPU CFS quota.",
                "cpu_rt_period", Shape.ANY, "CPU real-time period.",
                "cpu_rt_runtime", Shape.ANY, "CPU real-time runtime.",
                "cpu_shares", Shape.ANY, "Relative CPU weight.",
                "cpus", Shape.ANY, "Number of CPUs the container may use.",
                "cpuset", Shape.SCALAR, "CPUs the container may run on.",
                "credential_spec", Shape.MAP, "Credential spec for a managed service account (Windows).",
                "depends_on", Shape.LIST_OR_MAP, "Services to start first, and when they count as ready.",
                "deploy", Shape.MAP, "Deployment settings: replicas, resources, restart policy.",
                "develop", Shape.MAP, "Development settings such as `watch`.",
                "device_cgroup_rules", Shape.LIST, "Device cgroup rules.",
                "devices", Shape.LIST, "Host devices to map into the container.",
                "dns", Shape.SCALAR_OR_LIST, "DNS servers.",
                "dns_opt", Shape.LIST, "DNS resolver options.",
                "dns_search", Shape.SCALAR_OR_LIST, "DNS search domains.",
                "domainname", Shape.SCALAR, "Container domain name.",
                "entrypoint", Shape.SCALAR_OR_LIST, "Overrides the image's ENTRYPOINT.",
                "env_file", Shape.SCALAR_OR_LIST, "Files of KEY=VALUE lines added to the environment.",
                "environment", Shape.LIST_OR_MAP, "Environment variables, as KEY=VALUE items or a mapping.",
                "expose", Shape.LIST, "Ports exposed to other containers only.",
                "extends", Shape.SCALAR_OR_MAP, "Another service to inherit configuration from.",
                "external_links", Shape.LIST, "Links to containers outside this project.",
                "extra_hosts", Shape.LIST_OR_MAP, "Extra /etc/hosts entries.",
                "gpus", Shape.ANY, "GPU devices for the container.",
                "group_add", Shape.LIST, "Extra groups for the container's user.",
                "healthcheck", Shape.MAP, "How the engine checks that the container is healthy.",
                "hostname", Shape.SCALAR, "Container host name.",
                "image", Shape.SCALAR, "The image to run (or to tag the build with).",
                "init", Shape.BOOL, "Run an init process as PID 1.",
                "ipc", Shape.SCALAR, "IPC namespace mode.",
                "isolation", Shape.SCALAR, "Container isolation technology.",
                "label_file", Shape.SCALAR_OR_LIST, "Files of labels.",
                "labels", Shape.LIST_OR_MAP, "Container labels.",
                "links", Shape.LIST, "Legacy links to other services.",
                "logging", Shape.MAP, "Logging driver and options.",
                "mac_address", Shape.SCALAR, "Container MAC address.",
                "mem_limit", Shape.ANY, "Memory limit.",
                "mem_reservation", Shape.ANY, "Memory soft limit.",
                "mem_swappiness", Shape.ANY, "Swappiness 0-100.",
                "memswap_limit", Shape.ANY, "Memory plus swap limit.",
                "models", Shape.LIST_OR_MAP, "AI models this service uses.",
                "network_mode", Shape.SCALAR, "Network mode: bridge, host, none, service:<name> or container:<id>.",
                "networks", Shape.LIST_OR_MAP, "Networks to join, by top-level key.",
                "oom_kill_disable", Shape.BOOL, "Disable the OOM killer.",
                "oom_score_adj", Shape.ANY, "OOM score adjustment.",
                "pid", Shape.SCALAR, "PID namespace mode.",
                "pids_limit", Shape.ANY, "Maximum number of processes.",
                "platform", Shape.SCALAR, "Target platform, e.g. linux/amd64.",
                "ports", Shape.LIST, "Ports to publish on the host.",
                "post_start", Shape.LIST, "Commands run after the container starts.",
                "pre_stop", Shape.LIST, "Commands run before the container stops.",
                "privileged", Shape.BOOL, "Run with extended privileges.",
                "profiles", Shape.LIST, "Profiles that enable this service; none means always enabled.",
                "provider", Shape.MAP, "An external provider that implements this service.",
                "pull_policy", Shape.SCALAR, "When to pull the image: always, never, missing, build, daily...",
                "read_only", Shape.BOOL, "Mount the root filesystem read-only.",
                "restart", Shape.SCALAR, "Restart policy: no, always, on-failure[:n], unless-stopped.",
                "runtime", Shape.SCALAR, "OCI runtime.",
                "scale", Shape.INT, "Number of containers for this service.",
                "secrets", Shape.LIST, "Secrets mounted into the container.",
                "security_opt", Shape.LIST, "Security options.",
                "shm_size", Shape.ANY, "Size of /dev/shm.",
                "stdin_open", Shape.BOOL, "Keep stdin open.",
                "stop_grace_period", Shape.SCALAR, "Time to wait before killing on stop.",
                "stop_signal", Shape.SCALAR, "Signal used to stop the container.",
                "storage_opt", Shape.MAP, "Storage driver options.",
                "sysctls", Shape.LIST_OR_MAP, "Kernel parameters.",
                "tmpfs", Shape.SCALAR_OR_LIST, "tmpfs mounts.",
                "tty", Shape.BOOL, "Allocate a TTY.",
                "ulimits", Shape.MAP, "ulimits.",
                "use_api_socket", Shape.BOOL, "Give the container access to the engine API socket.",
                "user", Shape.SCALAR, "User (and group) the process runs as.",
                "userns_mode", Shape.SCALAR, "User namespace mode.",
                "uts", Shape.SCALAR, "UTS namespace mode.",
                "volumes", Shape.LIST, "Mounts: bind paths, named volumes, tmpfs.",
                "volumes_from", Shape.LIST, "Mount all volumes of another service or container.",
                "working_dir", Shape.SCALAR, "Working directory of the process.");
        scope(Scope.BUILD,
                "context", Shape.SCALAR, "Build context: a directory (relative to the project) or a URL.",
                "dockerfile", Shape.SCALAR, "Dockerfile path, relative to the context.",
                "dockerfile_inline", Shape.SCALAR, "Dockerfile content written inline.",
                "args", Shape.LIST_OR_MAP, "Build arguments.",
                "ssh", Shape.LIST_OR_MAP, "SSH agent sockets or keys for the build.",
                "cache_from", Shape.LIST, "Cache sources.",
                "cache_to", Shape.LIST, "Cache destinations.",
                "additional_contexts", Shape.LIST_OR_MAP, "Named extra build contexts.",
                "entitlements", Shape.LIST, "Extra privileged entitlements.",
                "extra_hosts", Shape.LIST_OR_MAP, "Extra /etc/hosts entries during the build.",
                "isolation", Shape.SCALAR, "Build isolation technology.",
                "labels", Shape.LIST_OR_MAP, "Labels for the built image.",
                "network", Shape.SCALAR, "Network for RUN instructions.",
                "no_cache", Shape.BOOL, "Build without cache.",
                "platforms", Shape.LIST, "Target platforms.",
                "privileged", Shape.BOOL, "Build with elevated privileges.",
                "pull", Shape.BOOL, "Always pull base images.",
                "secrets", Shape.LIST, "Secrets for the build.",
                "shm_size", Shape.ANY, "Size of /dev/shm during the build.",
                "tags", Shape.LIST, "Extra tags for the built image.",
                "target", Shape.SCALAR, "Build stage to stop at.",
                "ulimits", Shape.MAP, "ulimits during the build.");
        scope(Scope.HEALTHCHECK,
                "test", Shape.SCALAR_OR_LIST, "The check: a shell command string, or [\"CMD\", ...] / [\"CMD-SHELL\", ...].",
                "interval", Shape.SCALAR, "Time between checks, e.g. 30s or 1m30s.",
                "timeout", Shape.SCALAR, "How long one check may take.",
                "retries", Shape.INT, "Failures in a row before the container is unhealthy.",
                "start_period", Shape.SCALAR, "Grace time after start during which failures do not count.",
                "start_interval", Shape.SCALAR, "Time between checks during the start period.",
                "disable", Shape.BOOL, "Turn off the image's health check.");
        scope(Scope.DEPENDS_ON,
                "condition", Shape.SCALAR, "service_started, service_healthy or service_completed_successfully.",
                "restart", Shape.BOOL, "Restart this service when the dependency is updated.",
                "required", Shape.BOOL, "Fail when the dependency is missing (default true).");
        scope(Scope.SERVICE_NETWORK,
                "aliases", Shape.LIST, "Extra host names for the service on this network.",
                "ipv4_address", Shape.SCALAR, "Fixed IPv4 address.",
                "ipv6_address", Shape.SCALAR, "Fixed IPv6 address.",
                "link_local_ips", Shape.LIST, "Link-local addresses.",
                "mac_address", Shape.SCALAR, "MAC address on this network.",
                "driver_opts", Shape.MAP, "Driver options for this endpoint.",
                "priority", Shape.INT, "Order in which networks are connected.",
                "gw_priority", Shape.INT, "Which network provides the default gateway.",
                "interface_name", Shape.SCALAR, "Interface name inside the container.");
        scope(Scope.PORT,
                "name", Shape.SCALAR, "A human-readable name for the port.",
                "mode", Shape.SCALAR, "host or ingress.",
                "host_ip", Shape.SCALAR, "Host address to bind.",
                "target", Shape.ANY, "Container port.",
                "published", Shape.ANY, "Host port or range.",
                "protocol", Shape.SCALAR, "tcp, udp or sctp.",
                "app_protocol", Shape.SCALAR, "Application protocol hint.");
        scope(Scope.SERVICE_VOLUME,
                "type", Shape.SCALAR, "bind, volume, tmpfs, image, npipe or cluster.",
                "source", Shape.SCALAR, "Host path (bind) or volume name (volume).",
                "target", Shape.SCALAR, "Path inside the container.",
                "read_only", Shape.BOOL, "Mount read-only.",
                "consistency", Shape.SCALAR, "Mount consistency (ignored on Linux).",
                "bind", Shape.MAP, "Bind options: propagation, create_host_path, selinux.",
                "volume", Shape.MAP, "Volume options: nocopy, subpath.",
                "tmpfs", Shape.MAP, "tmpfs options: size, mode.",
                "image", Shape.MAP, "Image mount options.");
        scope(Scope.NETWORK,
                "name", Shape.SCALAR, "Engine-side network name.",
                "driver", Shape.SCALAR, "Network driver.",
                "driver_opts", Shape.MAP, "Driver options.",
                "ipam", Shape.MAP, "IP address management.",
                "external", Shape.ANY, "Created outside Compose; Compose only looks it up.",
                "internal", Shape.BOOL, "No outside connectivity.",
                "enable_ipv4", Shape.BOOL, "Enable IPv4.",
                "enable_ipv6", Shape.BOOL, "Enable IPv6.",
                "attachable", Shape.BOOL, "Standalone containers may attach.",
                "labels", Shape.LIST_OR_MAP, "Network labels.");
        scope(Scope.VOLUME,
                "name", Shape.SCALAR, "Engine-side volume name.",
                "driver", Shape.SCALAR, "Volume driver.",
                "driver_opts", Shape.MAP, "Driver options.",
                "external", Shape.ANY, "Created outside Compose; Compose only looks it up.",
                "labels", Shape.LIST_OR_MAP, "Volume labels.");
    }

    private ComposeKeys() {
    }

    private static void scope(Scope scope, Object... rows) {
        Map<String, KeyDoc> keys = new LinkedHashMap<>();
        for (int i = 0; i < rows.length; i += 3) {
            String name = (String) rows[i];
            keys.put(name, new KeyDoc(name, (Shape) rows[i + 1], (String) rows[i + 2]));
        }
        TABLE.put(scope, Collections.unmodifiableMap(keys));
    }

    /** All keys of a scope, in table order. */
    public static Map<String, KeyDoc> keys(Scope scope) {
        return TABLE.get(scope);
    }

    public static Optional<KeyDoc> lookup(Scope scope, String key) {
        return Optional.ofNullable(TABLE.get(scope).get(key));
    }

    /** The closest known key within a small edit distance, for "did you mean" hints. */
    public static Optional<String> suggest(Scope scope, String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : TABLE.get(scope).keySet()) {
            int d = editDistance(unknown.toLowerCase(java.util.Locale.ROOT), known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        int allowed = Math.max(1, Math.min(3, unknown.length() / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters counts as one edit. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
