package dev.berth.compose.rules;

import dev.berth.compose.rules.structure.Form;
import dev.berth.compose.rules.structure.Form.Kind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one table of keys Berth knows, per place in the file. Validation reads it for unknown keys and wrong
 * types; the editor reads it for completion and hover. Keys are all those of the Compose Specification, at
 * every level; each row gives the key, the precise {@link Form} its value takes and one line for people.
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
        VOLUME("in volume `%s`"),
        SECRET("in secret `%s`"),
        CONFIG("in config `%s`"),
        MODEL("in model `%s`"),
        INCLUDE("in an `include` entry"),
        EXTERNAL("in `external` of `%s`"),
        IPAM("in `ipam` of network `%s`"),
        IPAM_POOL("in an `ipam.config` entry of network `%s`"),
        DEPLOY("in `deploy` of service `%s`"),
        UPDATE_CONFIG("in `update_config` or `rollback_config` of service `%s`"),
        RESOURCES("in `deploy.resources` of service `%s`"),
        RESOURCE_LIMITS("in `deploy.resources.limits` of service `%s`"),
        RESOURCE_RESERVATIONS("in `deploy.resources.reservations` of service `%s`"),
        DEVICE_REQUEST("in a `devices` reservation of service `%s`"),
        GENERIC_RESOURCE("in a `generic_resources` entry of service `%s`"),
        DISCRETE_RESOURCE("in `discrete_resource_spec` of service `%s`"),
        RESTART_POLICY("in `deploy.restart_policy` of service `%s`"),
        PLACEMENT("in `deploy.placement` of service `%s`"),
        PLACEMENT_PREFERENCE("in a `placement.preferences` entry of service `%s`"),
        DEVELOP("in `develop` of service `%s`"),
        WATCH("in a `develop.watch` entry of service `%s`"),
        SERVICE_HOOK("in a lifecycle hook of service `%s`"),
        LOGGING("in `logging` of service `%s`"),
        BLKIO_CONFIG("in `blkio_config` of service `%s`"),
        BLKIO_LIMIT("in a `blkio_config` rate entry of service `%s`"),
        BLKIO_WEIGHT("in a `blkio_config.weight_device` entry of service `%s`"),
        CREDENTIAL_SPEC("in `credential_spec` of service `%s`"),
        EXTENDS("in `extends` of service `%s`"),
        PROVIDER("in `provider` of service `%s`"),
        DEVICE("in a `devices` entry of service `%s`"),
        GPU("in a `gpus` entry of service `%s`"),
        SERVICE_MODEL("in a `models` entry of service `%s`"),
        SERVICE_FILE("in a `secrets` or `configs` entry of service `%s`"),
        ENV_FILE("in an `env_file` entry of service `%s`"),
        ULIMIT("in a `ulimits` entry of service `%s`"),
        BIND_OPTIONS("in `bind` of a volume of service `%s`"),
        VOLUME_OPTIONS("in `volume` of a volume of service `%s`"),
        TMPFS_OPTIONS("in `tmpfs` of a volume of service `%s`"),
        IMAGE_OPTIONS("in `image` of a volume of service `%s`");

        private final String where;

        Scope(String where) {
            this.where = where;
        }

        /** "in service `web`" and the like, for messages. */
        public String where(String owner) {
            return where.formatted(owner);
        }
    }

    /** Names of services, networks, volumes, secrets, configs and models, as the specification allows them. */
    public static final String NAME_PATTERN = "^[a-zA-Z0-9._-]+$";

    private static final Map<Scope, Map<String, KeyDoc>> TABLE = new EnumMap<>(Scope.class);
    private static final Map<Scope, Map<String, Form>> FORMS = new EnumMap<>(Scope.class);

    // Forms used by many keys, named after what they hold.
    private static final Form STRING = Form.string();
    private static final Form FLAG = Form.flag();
    private static final Form WHOLE = Form.wholeOrString();
    private static final Form NUMBER = Form.numberOrString();
    private static final Form STRINGS = Form.strings();
    private static final Form STRING_OR_STRINGS = Form.anyOf(STRING, STRINGS);
    private static final Form LIST_OR_DICT = Form.anyOf(
            Form.mapOf(Form.scalar(Kind.STRING, Kind.NUMBER, Kind.INTEGER, Kind.BOOLEAN, Kind.NULL)), STRINGS);
    /** As the schema: the list form's items are unique, a mapped host's list of addresses need not be. */
    private static final Form EXTRA_HOSTS = Form.anyOf(Form.mapOf(Form.anyOf(STRING, Form.listOf(STRING))), STRINGS);
    private static final Form COMMAND = Form.anyOf(Form.scalar(Kind.NULL), STRING, Form.listOf(STRING));
    private static final Form OPTIONS = Form.mapOf(Form.scalar(Kind.STRING, Kind.NUMBER, Kind.INTEGER));
    private static final Form EXTERNAL = Form.anyOf(FLAG, Form.section(Scope.EXTERNAL));
    /** Secrets and configs: the specification leaves other keys next to `name` unchecked. */
    private static final Form EXTERNAL_OPEN = Form.anyOf(FLAG, new Form.Section(Scope.EXTERNAL, List.of(), false));
    private static final Form ULIMITS = new Form.MapOf(Pattern.compile("^[a-z]+$"),
            Form.anyOf(WHOLE, Form.section(Scope.ULIMIT, "soft", "hard")), false);
    private static final Form FILE_REFS = Form.listOf(Form.anyOf(STRING, Form.section(Scope.SERVICE_FILE)));
    private static final Form HOOKS = Form.listOf(Form.section(Scope.SERVICE_HOOK, "command"));
    private static final Form BLKIO_LIMITS = Form.listOf(Form.section(Scope.BLKIO_LIMIT));

    /** The value form of the top-level key {@code key}'s named entries, e.g. one service. */
    private static Form named(Form entry, boolean closed) {
        return new Form.MapOf(Pattern.compile(NAME_PATTERN), entry, closed);
    }

    static {
        scope(Scope.TOP_LEVEL,
                "version", STRING, "Obsolete; Compose v2 ignores it and warns.",
                "name", STRING, "The project name, unless -p or COMPOSE_PROJECT_NAME set one.",
                "include", Form.listOf(Form.anyOf(STRING, Form.section(Scope.INCLUDE, "path"))),
                "Other compose files to load as sub-projects, each with its own directory and .env.",
                "services", named(Form.section(Scope.SERVICE), true), "The containers this project runs, by service name.",
                "networks", named(Form.nullable(Form.section(Scope.NETWORK)), false), "Networks that services can join.",
                "volumes", named(Form.nullable(Form.section(Scope.VOLUME)), false), "Named volumes that services can mount.",
                "secrets", named(Form.section(Scope.SECRET), false), "Sensitive data that services read as files.",
                "configs", named(Form.section(Scope.CONFIG), false), "Configuration files that services can mount.",
                "models", named(Form.section(Scope.MODEL, "model"), false), "AI models that services can use.");
        scope(Scope.SERVICE,
                "annotations", LIST_OR_DICT, "OCI annotations attached to the container.",
                "attach", FLAG, "Whether `up` follows this service's logs (default true).",
                "blkio_config", Form.section(Scope.BLKIO_CONFIG), "Block device IO weights and rate limits.",
                "build", Form.anyOf(STRING, Form.section(Scope.BUILD)), "How to build the image: a context path or a build section.",
                "cap_add", STRINGS, "Linux capabilities to grant, e.g. NET_ADMIN.",
                "cap_drop", STRINGS, "Linux capabilities to take away, e.g. ALL.",
                "cgroup", Form.oneOf("host", "private"), "cgroup namespace: `host` or `private`.",
                "cgroup_parent", STRING, "Parent cgroup the container is placed under.",
                "command", COMMAND, "Replaces the image's CMD: a shell string or a list of arguments.",
                "configs", FILE_REFS, "Top-level configs mounted into the container.",
                "container_name", Form.matching("[a-zA-Z0-9][a-zA-Z0-9_.-]+"), "A fixed container name instead of <project>-<service>-<n>; forbids scaling.",
                "cpu_count", Form.wholeOrString().within(0, Long.MAX_VALUE), "How many CPUs the container may use (Windows).",
                "cpu_percent", Form.wholeOrString().within(0, 100), "Which share of the CPUs the container may use, in percent (Windows).",
                "cpu_shares", NUMBER, "Relative CPU weight against other containers (default 1024).",
                "cpu_quota", NUMBER, "CPU time per period the container may use, in microseconds.",
                "cpu_period", NUMBER, "Length of a CPU scheduling period, in microseconds.",
                "cpu_rt_period", NUMBER, "Real-time scheduling period, in microseconds or as a duration.",
                "cpu_rt_runtime", NUMBER, "Real-time CPU time per period, in microseconds or as a duration.",
                "cpus", NUMBER, "How many CPUs' worth of time the container may use, e.g. 1.5.",
                "cpuset", STRING, "Which CPUs the container may run on, e.g. 0-3 or 0,2.",
                "credential_spec", Form.section(Scope.CREDENTIAL_SPEC), "Credential spec for a group managed service account (Windows).",
                "depends_on", Form.anyOf(STRINGS, new Form.MapOf(Pattern.compile(NAME_PATTERN),
                        Form.section(Scope.DEPENDS_ON, "condition"), true)),
                "Services to start first, and when each counts as ready.",
                "deploy", Form.nullable(Form.section(Scope.DEPLOY)), "Replicas, resources, restart policy and placement.",
                "develop", Form.nullable(Form.section(Scope.DEVELOP)), "Settings for development, such as `watch` rules.",
                "device_cgroup_rules", STRINGS, "Device cgroup rules, e.g. 'c 1:3 mr'.",
                "devices", Form.listOf(Form.anyOf(STRING, Form.section(Scope.DEVICE, "source"))), "Host devices mapped into the container.",
                "dns", STRING_OR_STRINGS, "DNS servers the container uses.",
                "dns_opt", STRINGS, "Options for the container's DNS resolver.",
                "dns_search", STRING_OR_STRINGS, "DNS search domains.",
                "domainname", STRING, "The container's domain name.",
                "entrypoint", COMMAND, "Replaces the image's ENTRYPOINT: a shell string or a list.",
                "env_file", Form.anyOf(STRING, Form.listOf(Form.anyOf(STRING, Form.section(Scope.ENV_FILE, "path")))),
                "Files of KEY=VALUE lines added to the environment.",
                "label_file", Form.anyOf(STRING, Form.listOf(STRING)), "Files of KEY=VALUE lines added to the labels.",
                "environment", LIST_OR_DICT, "Environment variables, as KEY=VALUE items or a mapping.",
                "expose", Form.setOf(Form.scalar(Kind.STRING, Kind.NUMBER, Kind.INTEGER)), "Ports open to other containers only, not to the host.",
                "extends", Form.anyOf(STRING, Form.section(Scope.EXTENDS, "service")), "A service, here or in another file, to start from.",
                "provider", Form.section(Scope.PROVIDER, "type"), "An external component that manages this service instead of a container.",
                "external_links", STRINGS, "Links to containers started outside this project.",
                "extra_hosts", EXTRA_HOSTS, "Extra lines for the container's /etc/hosts.",
                "gpus", Form.anyOf(Form.oneOf("all"), Form.listOf(new Form.Section(Scope.GPU, List.of(), false))), "GPUs to give the container: `all` or a list of requests.",
                "group_add", Form.setOf(Form.scalar(Kind.STRING, Kind.NUMBER, Kind.INTEGER)), "Extra groups, by name or id, for the container's user.",
                "healthcheck", Form.section(Scope.HEALTHCHECK), "How the engine checks that the container is healthy.",
                "hostname", STRING, "The container's host name.",
                "image", STRING, "The image to run, or the name to tag a build with.",
                "init", FLAG, "Run an init process as PID 1 that reaps zombies and forwards signals.",
                "ipc", STRING, "IPC namespace: shareable, private, host, none, service:<name> or container:<id>.",
                "isolation", STRING, "Isolation technology of the container (Windows: process or hyperv).",
                "labels", LIST_OR_DICT, "Labels on the container.",
                "links", STRINGS, "Legacy links to other services: SERVICE or SERVICE:ALIAS.",
                "logging", Form.section(Scope.LOGGING), "Logging driver and its options.",
                "mac_address", STRING, "The container's MAC address.",
                "mem_limit", NUMBER, "Hard memory limit, in bytes or with a unit such as 512m.",
                "mem_reservation", WHOLE, "Soft memory limit, in bytes or with a unit.",
                "mem_swappiness", WHOLE, "How eagerly the kernel swaps this container's pages, 0 to 100.",
                "memswap_limit", NUMBER, "Memory plus swap limit; -1 means unlimited swap.",
                "network_mode", STRING, "Network mode: bridge, host, none, service:<name> or container:<id>.",
                "models", Form.anyOf(STRINGS, new Form.MapOf(Pattern.compile(NAME_PATTERN),
                        Form.section(Scope.SERVICE_MODEL), true)), "Top-level models this service uses.",
                "networks", Form.anyOf(STRINGS, new Form.MapOf(Pattern.compile(NAME_PATTERN),
                        Form.nullable(Form.section(Scope.SERVICE_NETWORK)), true)), "Networks to join, by top-level key.",
                "oom_kill_disable", FLAG, "Keep the kernel's OOM killer away from this container.",
                "oom_score_adj", Form.wholeOrString().within(-1000, 1000), "How likely the OOM killer picks this container, -1000 to 1000.",
                "pid", Form.scalar(Kind.STRING, Kind.NULL), "PID namespace: host, service:<name> or container:<id>.",
                "pids_limit", NUMBER, "Most processes the container may run; -1 for no limit.",
                "platform", STRING, "Platform to pull or build for, e.g. linux/amd64.",
                "ports", Form.setOf(Form.anyOf(Form.scalar(Kind.NUMBER, Kind.INTEGER, Kind.STRING), Form.section(Scope.PORT))),
                "Container ports published on the host.",
                "post_start", HOOKS, "Commands run in the container right after it starts.",
                "pre_stop", HOOKS, "Commands run in the container before it is stopped.",
                "privileged", FLAG, "Give the container nearly all host privileges.",
                "profiles", STRINGS, "Profiles that enable this service; without any it always runs.",
                "pull_policy", Form.matching("always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+"),
                "When to pull the image: always, never, missing, build, daily, weekly or every_<duration>.",
                "pull_refresh_after", STRING, "How old a pulled image may get before it is pulled again.",
                "read_only", FLAG, "Mount the container's root filesystem read-only.",
                "restart", STRING, "Restart policy: no, always, on-failure[:max-retries] or unless-stopped.",
                "runtime", STRING, "OCI runtime that runs the container, e.g. runc.",
                "scale", WHOLE, "How many containers this service runs.",
                "security_opt", STRINGS, "Security options such as seccomp or apparmor profiles.",
                "shm_size", NUMBER, "Size of /dev/shm, in bytes or with a unit such as 64m.",
                "secrets", FILE_REFS, "Top-level secrets mounted into the container.",
                "sysctls", LIST_OR_DICT, "Kernel parameters set in the container's namespaces.",
                "stdin_open", FLAG, "Keep stdin open (docker run -i).",
                "stop_grace_period", STRING, "How long to wait after the stop signal before killing, e.g. 1m30s.",
                "stop_signal", STRING, "Signal that stops the container, e.g. SIGINT.",
                "storage_opt", Form.mapOf(new Form.Anything()), "Options for the storage driver, e.g. size.",
                "tmpfs", STRING_OR_STRINGS, "tmpfs mounts: container paths, optionally with options.",
                "tty", FLAG, "Give the container a terminal (docker run -t).",
                "ulimits", ULIMITS, "Resource limits for processes: one number or soft and hard.",
                "use_api_socket", Form.scalar(Kind.BOOLEAN), "Let the container reach the engine's API socket.",
                "user", STRING, "User and optional group the process runs as: name, uid, uid:gid.",
                "uts", STRING, "UTS namespace: `host` shares the host name.",
                "userns_mode", STRING, "User namespace mode, e.g. host.",
                "volumes", Form.setOf(Form.anyOf(STRING, Form.section(Scope.SERVICE_VOLUME, "type"))),
                "Mounts: bind paths, named volumes, tmpfs.",
                "volumes_from", STRINGS, "Mount all volumes of another service or container.",
                "working_dir", STRING, "Directory the process starts in.");
        scope(Scope.BUILD,
                "context", STRING, "Build context: a directory relative to the project, or a Git or HTTP URL.",
                "dockerfile", STRING, "Dockerfile path, relative to the context.",
                "dockerfile_inline", STRING, "The Dockerfile itself, written in the compose file.",
                "entitlements", Form.listOf(STRING), "Extra privileges the build may use, e.g. network.host.",
                "args", LIST_OR_DICT, "Build arguments (ARG) for the Dockerfile.",
                "ssh", LIST_OR_DICT, "SSH agent sockets or keys the build may use, e.g. default.",
                "labels", LIST_OR_DICT, "Labels on the built image.",
                "cache_from", Form.listOf(STRING), "Where the build may take cached layers from.",
                "cache_to", Form.listOf(STRING), "Where the build exports its cache to.",
                "no_cache", FLAG, "Build from scratch, ignoring the cache.",
                "additional_contexts", LIST_OR_DICT, "Named extra contexts the Dockerfile can refer to.",
                "network", STRING, "Network that RUN instructions use, e.g. host or none.",
                "provenance", Form.scalar(Kind.STRING, Kind.BOOLEAN), "Provenance attestation for the image: true, false or options.",
                "sbom", Form.scalar(Kind.STRING, Kind.BOOLEAN), "Software bill of materials attestation: true, false or options.",
                "pull", FLAG, "Always pull newer base images.",
                "target", STRING, "Build stage to stop at.",
                "shm_size", WHOLE, "Size of /dev/shm during the build.",
                "extra_hosts", EXTRA_HOSTS, "Extra /etc/hosts lines during the build.",
                "isolation", STRING, "Isolation technology of the build (Windows).",
                "privileged", FLAG, "Build with elevated privileges.",
                "secrets", FILE_REFS, "Top-level secrets the build may read.",
                "tags", Form.listOf(STRING), "More tags for the built image.",
                "ulimits", ULIMITS, "Resource limits during the build.",
                "platforms", Form.listOf(STRING), "Platforms to build for, e.g. linux/amd64 and linux/arm64.");
        scope(Scope.HEALTHCHECK,
                "disable", FLAG, "Turn off the image's health check.",
                "interval", STRING, "Time between two checks, e.g. 30s or 1m30s.",
                "retries", NUMBER, "Failed checks in a row before the container is unhealthy.",
                "test", Form.anyOf(STRING, Form.listOf(STRING)), "The check: a shell string, or [\"CMD\", ...], [\"CMD-SHELL\", ...] or [\"NONE\"].",
                "timeout", STRING, "How long one check may run before it counts as failed.",
                "start_period", STRING, "Grace time after start during which failed checks do not count.",
                "start_interval", STRING, "Time between checks during the start period.");
        scope(Scope.DEPENDS_ON,
                "restart", FLAG, "Restart this service when the dependency is updated.",
                "required", Form.scalar(Kind.BOOLEAN), "Fail when the dependency is missing (default true); false only warns.",
                "condition", Form.oneOf("service_started", "service_healthy", "service_completed_successfully"),
                "When the dependency counts as ready: started, healthy or completed successfully.");
        scope(Scope.SERVICE_NETWORK,
                "aliases", STRINGS, "More host names for the service on this network.",
                "interface_name", STRING, "Name of the network interface inside the container.",
                "ipv4_address", STRING, "Fixed IPv4 address on this network.",
                "ipv6_address", STRING, "Fixed IPv6 address on this network.",
                "link_local_ips", STRINGS, "Link-local addresses on this network.",
                "mac_address", STRING, "MAC address on this network.",
                "driver_opts", OPTIONS, "Driver options for this endpoint.",
                "priority", Form.scalar(Kind.NUMBER, Kind.INTEGER), "Order in which the networks are connected; higher first.",
                "gw_priority", Form.scalar(Kind.NUMBER, Kind.INTEGER), "Which network gives the default gateway; highest wins.");
        scope(Scope.PORT,
                "name", STRING, "A human-readable name for the port.",
                "mode", STRING, "`host` publishes on each node, `ingress` load-balances (Swarm).",
                "host_ip", STRING, "Host address to bind; all addresses by default.",
                "target", WHOLE, "Container port.",
                "published", WHOLE, "Host port or range, e.g. 8080 or 8000-8010.",
                "protocol", STRING, "tcp, udp or sctp.",
                "app_protocol", STRING, "Application protocol carried on the port, e.g. http.");
        scope(Scope.SERVICE_VOLUME,
                "type", Form.oneOf("bind", "volume", "tmpfs", "cluster", "npipe", "image"),
                "Kind of mount: bind, volume, tmpfs, image, npipe or cluster.",
                "source", STRING, "Host path (bind), volume name (volume) or image (image).",
                "target", STRING, "Path inside the container.",
                "read_only", FLAG, "Mount read-only.",
                "consistency", STRING, "Mount consistency (only Docker Desktop on macOS used it).",
                "bind", Form.section(Scope.BIND_OPTIONS), "Options of a bind mount.",
                "volume", Form.section(Scope.VOLUME_OPTIONS), "Options of a volume mount.",
                "tmpfs", Form.section(Scope.TMPFS_OPTIONS), "Options of a tmpfs mount.",
                "image", Form.section(Scope.IMAGE_OPTIONS), "Options of an image mount.");
        scope(Scope.BIND_OPTIONS,
                "propagation", STRING, "Mount propagation: rprivate, private, rshared, shared, rslave or slave.",
                "create_host_path", FLAG, "Create the host path when it is missing (default true).",
                "recursive", Form.oneOf("enabled", "disabled", "writable", "readonly"), "How submounts are handled.",
                "selinux", Form.oneOf("z", "Z"), "SELinux relabelling: z shared, Z private.");
        scope(Scope.VOLUME_OPTIONS,
                "labels", LIST_OR_DICT, "Labels for a volume created for this mount.",
                "nocopy", FLAG, "Do not copy the image's content at the target into a new volume.",
                "subpath", STRING, "Mount only this path inside the volume.");
        scope(Scope.TMPFS_OPTIONS,
                "size", Form.wholeOrString().within(0, Long.MAX_VALUE), "Size of the tmpfs, in bytes or with a unit.",
                "mode", NUMBER, "File mode of the tmpfs root, e.g. 1777 (octal).");
        scope(Scope.IMAGE_OPTIONS,
                "subpath", STRING, "Mount only this path of the image.");
        scope(Scope.NETWORK,
                "name", STRING, "Name of the network on the engine, instead of <project>_<key>.",
                "driver", STRING, "Network driver, e.g. bridge or overlay.",
                "driver_opts", OPTIONS, "Options for the network driver.",
                "ipam", Form.section(Scope.IPAM), "How addresses are assigned on this network.",
                "external", EXTERNAL, "Created outside Compose; Compose only looks it up.",
                "internal", FLAG, "No route to the outside world.",
                "enable_ipv4", FLAG, "Give containers IPv4 addresses (default true).",
                "enable_ipv6", FLAG, "Give containers IPv6 addresses.",
                "attachable", FLAG, "Standalone containers may join this network too.",
                "labels", LIST_OR_DICT, "Labels on the network.");
        scope(Scope.IPAM,
                "driver", STRING, "IPAM driver; `default` unless a plugin is used.",
                "config", Form.listOf(Form.section(Scope.IPAM_POOL)), "Address pools: subnet, range, gateway.",
                "options", Form.mapOf(STRING), "Options for the IPAM driver.");
        scope(Scope.IPAM_POOL,
                "subnet", STRING, "Subnet in CIDR form, e.g. 172.28.0.0/16.",
                "ip_range", STRING, "Part of the subnet containers get addresses from.",
                "gateway", STRING, "Gateway address of the subnet.",
                "aux_addresses", Form.mapOf(STRING), "Addresses the driver must not hand out, by host name.");
        scope(Scope.EXTERNAL,
                "name", STRING, "Obsolete: the engine-side name; use the top-level `name` instead.");
        scope(Scope.VOLUME,
                "name", STRING, "Name of the volume on the engine, instead of <project>_<key>.",
                "driver", STRING, "Volume driver, e.g. local.",
                "driver_opts", OPTIONS, "Options for the volume driver.",
                "external", EXTERNAL, "Created outside Compose; Compose only looks it up.",
                "labels", LIST_OR_DICT, "Labels on the volume.");
        scope(Scope.SECRET,
                "name", STRING, "Name of the secret on the engine.",
                "environment", STRING, "Environment variable whose value is the secret.",
                "file", STRING, "File whose content is the secret.",
                "external", EXTERNAL_OPEN, "Created outside Compose; Compose only looks it up.",
                "labels", LIST_OR_DICT, "Labels on the secret.",
                "driver", STRING, "Secret store driver (Swarm).",
                "driver_opts", OPTIONS, "Options for the secret driver.",
                "template_driver", STRING, "Template engine applied to the secret's content.");
        scope(Scope.CONFIG,
                "name", STRING, "Name of the config on the engine.",
                "content", STRING, "The config's content, written inline.",
                "environment", STRING, "Environment variable whose value is the config.",
                "file", STRING, "File whose content is the config.",
                "external", EXTERNAL_OPEN, "Created outside Compose; Compose only looks it up.",
                "labels", LIST_OR_DICT, "Labels on the config.",
                "template_driver", STRING, "Template engine applied to the config's content.");
        scope(Scope.MODEL,
                "name", STRING, "Name of the model in the model runner.",
                "model", STRING, "Which model to pull, e.g. ai/smollm2.",
                "context_size", Form.scalar(Kind.INTEGER), "Tokens of context the model keeps.",
                "runtime_flags", Form.listOf(STRING), "Extra flags for the inference engine.");
        scope(Scope.INCLUDE,
                "path", STRING_OR_STRINGS, "The compose file(s) to include; several are merged first.",
                "env_file", STRING_OR_STRINGS, "Env files for the included project's interpolation.",
                "project_directory", STRING, "Directory that relative paths of the included files start from.");
        scope(Scope.DEPLOY,
                "mode", STRING, "replicated (default), global, replicated-job or global-job.",
                "endpoint_mode", STRING, "How clients reach the service: vip or dnsrr (Swarm).",
                "replicas", WHOLE, "How many containers to run.",
                "labels", LIST_OR_DICT, "Labels on the service (not its containers).",
                "rollback_config", Form.section(Scope.UPDATE_CONFIG), "How to roll back a failed update.",
                "update_config", Form.section(Scope.UPDATE_CONFIG), "How to roll out an update.",
                "resources", Form.section(Scope.RESOURCES), "CPU, memory and device limits and reservations.",
                "restart_policy", Form.section(Scope.RESTART_POLICY), "When and how often to restart containers.",
                "placement", Form.section(Scope.PLACEMENT), "Which nodes may run the containers (Swarm).");
        scope(Scope.UPDATE_CONFIG,
                "parallelism", WHOLE, "Containers changed at a time.",
                "delay", STRING, "Wait between two batches, e.g. 10s.",
                "failure_action", STRING, "What to do when a batch fails: continue, rollback or pause.",
                "monitor", STRING, "How long to watch each container for failure, e.g. 30s.",
                "max_failure_ratio", NUMBER, "Share of failures tolerated, 0 to 1.",
                "order", Form.oneOf("start-first", "stop-first"), "Start the new container before or after stopping the old.");
        scope(Scope.RESOURCES,
                "limits", Form.section(Scope.RESOURCE_LIMITS), "The most the containers may use.",
                "reservations", Form.section(Scope.RESOURCE_RESERVATIONS), "What the containers are guaranteed.");
        scope(Scope.RESOURCE_LIMITS,
                "cpus", NUMBER, "CPUs' worth of time, e.g. 0.5.",
                "memory", STRING, "Memory, with a unit such as 512M.",
                "pids", WHOLE, "Most processes.");
        scope(Scope.RESOURCE_RESERVATIONS,
                "cpus", NUMBER, "CPUs' worth of time, e.g. 0.25.",
                "memory", STRING, "Memory, with a unit such as 256M.",
                "generic_resources", Form.listOf(Form.section(Scope.GENERIC_RESOURCE)), "Other node resources, e.g. GPUs (Swarm).",
                "devices", Form.listOf(Form.section(Scope.DEVICE_REQUEST, "capabilities")), "Devices such as GPUs the container needs.");
        scope(Scope.DEVICE_REQUEST,
                "capabilities", STRINGS, "What the device must offer, e.g. gpu.",
                "count", WHOLE, "How many devices, or `all`.",
                "device_ids", STRINGS, "Exactly these devices.",
                "driver", STRING, "Device driver, e.g. nvidia.",
                "options", LIST_OR_DICT, "Options for the driver.");
        scope(Scope.GPU,
                "capabilities", STRINGS, "What the GPU must offer, e.g. compute.",
                "count", WHOLE, "How many GPUs, or `all`.",
                "device_ids", STRINGS, "Exactly these GPUs.",
                "driver", STRING, "GPU driver, e.g. nvidia.",
                "options", LIST_OR_DICT, "Options for the driver.");
        scope(Scope.GENERIC_RESOURCE,
                "discrete_resource_spec", Form.section(Scope.DISCRETE_RESOURCE), "A countable resource: kind and value.");
        scope(Scope.DISCRETE_RESOURCE,
                "kind", STRING, "Which resource, e.g. gpu.",
                "value", NUMBER, "How many.");
        scope(Scope.RESTART_POLICY,
                "condition", STRING, "When to restart: none, on-failure or any.",
                "delay", STRING, "Wait between restarts, e.g. 5s.",
                "max_attempts", WHOLE, "Give up after this many restarts.",
                "window", STRING, "How long a restart must stay up to count as a success.");
        scope(Scope.PLACEMENT,
                "constraints", Form.listOf(STRING), "Node conditions, e.g. node.role==manager.",
                "preferences", Form.listOf(Form.section(Scope.PLACEMENT_PREFERENCE)), "How to spread containers over nodes.",
                "max_replicas_per_node", WHOLE, "Most containers of this service on one node.");
        scope(Scope.PLACEMENT_PREFERENCE,
                "spread", STRING, "Node label to spread containers evenly over.");
        scope(Scope.DEVELOP,
                "watch", Form.listOf(Form.section(Scope.WATCH, "path", "action")), "Files to watch and what to do when they change.");
        scope(Scope.WATCH,
                "ignore", STRING_OR_STRINGS, "Patterns under `path` to leave alone.",
                "include", STRING_OR_STRINGS, "Only these patterns under `path` count.",
                "path", STRING, "Host path to watch, relative to the project.",
                "action", Form.oneOf("rebuild", "sync", "restart", "sync+restart", "sync+exec"), "What a change triggers.",
                "target", STRING, "Container path that `sync` copies to.",
                "exec", Form.section(Scope.SERVICE_HOOK, "command"), "Command run in the container after `sync+exec`.",
                "initial_sync", Form.scalar(Kind.BOOLEAN), "Sync everything once when watching starts.");
        scope(Scope.SERVICE_HOOK,
                "command", COMMAND, "The command to run in the container.",
                "user", STRING, "User the command runs as.",
                "privileged", FLAG, "Run the command with extended privileges.",
                "working_dir", STRING, "Directory the command starts in.",
                "environment", LIST_OR_DICT, "Extra environment variables for the command.");
        scope(Scope.LOGGING,
                "driver", STRING, "Logging driver, e.g. json-file, local or syslog.",
                "options", Form.mapOf(Form.scalar(Kind.STRING, Kind.NUMBER, Kind.INTEGER, Kind.NULL)), "Options for the logging driver, e.g. max-size.");
        scope(Scope.BLKIO_CONFIG,
                "device_read_bps", BLKIO_LIMITS, "Read rate limits in bytes per second, per device.",
                "device_read_iops", BLKIO_LIMITS, "Read rate limits in operations per second, per device.",
                "device_write_bps", BLKIO_LIMITS, "Write rate limits in bytes per second, per device.",
                "device_write_iops", BLKIO_LIMITS, "Write rate limits in operations per second, per device.",
                "weight", WHOLE, "Relative block IO weight, 10 to 1000.",
                "weight_device", Form.listOf(Form.section(Scope.BLKIO_WEIGHT)), "Relative weight per device.");
        scope(Scope.BLKIO_LIMIT,
                "path", STRING, "Device path, e.g. /dev/sda.",
                "rate", WHOLE, "The limit, a number or a size such as 20mb.");
        scope(Scope.BLKIO_WEIGHT,
                "path", STRING, "Device path, e.g. /dev/sda.",
                "weight", WHOLE, "Relative weight for this device, 10 to 1000.");
        scope(Scope.CREDENTIAL_SPEC,
                "config", STRING, "A top-level config holding the credential spec.",
                "file", STRING, "A credential spec file.",
                "registry", STRING, "A registry value holding the credential spec.");
        scope(Scope.EXTENDS,
                "service", STRING, "Name of the service to start from.",
                "file", STRING, "File that defines it; this file when absent.");
        scope(Scope.PROVIDER,
                "type", STRING, "The component that manages the service, e.g. model.",
                "options", Form.mapOf(Form.anyOf(Form.scalar(Kind.STRING, Kind.NUMBER, Kind.INTEGER, Kind.BOOLEAN),
                        Form.listOf(Form.scalar(Kind.STRING, Kind.NUMBER, Kind.INTEGER, Kind.BOOLEAN)))),
                "Options passed to the provider.");
        scope(Scope.DEVICE,
                "source", STRING, "Device path on the host.",
                "target", STRING, "Device path in the container.",
                "permissions", STRING, "cgroup permissions: r, w and m.");
        scope(Scope.SERVICE_MODEL,
                "endpoint_var", STRING, "Variable that receives the model's endpoint URL.",
                "model_var", STRING, "Variable that receives the model's name.");
        scope(Scope.SERVICE_FILE,
                "source", STRING, "Name of the top-level secret or config.",
                "target", STRING, "Path (or file name) in the container.",
                "uid", STRING, "Owner user id of the file.",
                "gid", STRING, "Owner group id of the file.",
                "mode", NUMBER, "File mode, e.g. 0440 (octal).");
        scope(Scope.ENV_FILE,
                "path", STRING, "The env file, relative to the project.",
                "required", FLAG, "Fail when the file is missing (default true).",
                "format", STRING, "File format; `raw` takes values literally.");
        scope(Scope.ULIMIT,
                "soft", WHOLE, "The limit the kernel enforces.",
                "hard", WHOLE, "The ceiling the soft limit may be raised to.");
    }

    private ComposeKeys() {
    }

    private static void scope(Scope scope, Object... rows) {
        Map<String, KeyDoc> keys = new LinkedHashMap<>();
        Map<String, Form> forms = new LinkedHashMap<>();
        for (int i = 0; i < rows.length; i += 3) {
            String name = (String) rows[i];
            Form form = (Form) rows[i + 1];
            keys.put(name, new KeyDoc(name, Shape.of(form), (String) rows[i + 2]));
            forms.put(name, form);
        }
        TABLE.put(scope, Collections.unmodifiableMap(keys));
        FORMS.put(scope, Collections.unmodifiableMap(forms));
    }

    /** The precise form the value of {@code key} takes in {@code scope}, as the specification allows it. */
    public static Optional<Form> form(Scope scope, String key) {
        return Optional.ofNullable(FORMS.get(scope).get(key));
    }

    /**
     * The scope of the mapping at {@code path} (keys from the top, {@code "[]"} or an index for a list item), for
     * completion and hover: {@code [services, web, deploy, resources]} is {@link Scope#RESOURCES}. Empty where the
     * path leads to no mapping of known keys (a free mapping such as {@code environment}, or a scalar).
     */
    public static Optional<Scope> scopeAt(List<String> path) {
        Form form = fileForm();
        for (String segment : path) {
            boolean item = segment.equals("[]") || segment.matches("\\d+");
            form = step(form, segment, item);
            if (form == null) {
                return Optional.empty();
            }
        }
        return mapping(form) instanceof Form.Section section ? Optional.of(section.scope()) : Optional.empty();
    }

    private static Form step(Form form, String segment, boolean item) {
        if (item) {
            return list(form) instanceof Form.ListOf list ? list.item() : null;
        }
        return switch (mapping(form)) {
            case Form.Section section -> FORMS.get(section.scope()).get(segment);
            case Form.MapOf map -> map.value();
            case null, default -> null;
        };
    }

    /** The mapping choice of a form, if it has one. */
    private static Form mapping(Form form) {
        if (form instanceof Form.AnyOf any) {
            return any.choices().stream().map(ComposeKeys::mapping).filter(f -> f != null).findFirst().orElse(null);
        }
        return form instanceof Form.Section || form instanceof Form.MapOf ? form : null;
    }

    /** The list choice of a form, if it has one. */
    private static Form list(Form form) {
        if (form instanceof Form.AnyOf any) {
            return any.choices().stream().map(ComposeKeys::list).filter(f -> f != null).findFirst().orElse(null);
        }
        return form instanceof Form.ListOf ? form : null;
    }

    /** The form of a whole compose file: a section of the top-level keys. */
    public static Form fileForm() {
        return Form.section(Scope.TOP_LEVEL);
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
        return closest(unknown, TABLE.get(scope).keySet());
    }

    /** The candidate closest to {@code written} within a small edit distance (case ignored), for "did you mean". */
    public static Optional<String> closest(String written, java.util.Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = editDistance(written.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(1, Math.min(3, written.length() / 3));
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
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
