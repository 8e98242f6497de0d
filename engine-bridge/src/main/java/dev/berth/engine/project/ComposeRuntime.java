package dev.berth.engine.project;

import dev.berth.compose.graph.DependencyGraph;
import dev.berth.compose.print.ServiceHash;
import dev.berth.compose.model.BuildSpec;
import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.ContainerSettings;
import dev.berth.compose.model.DependencySpec;
import dev.berth.compose.model.HealthcheckSpec;
import dev.berth.compose.model.NetworkSpec;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMountSpec;
import dev.berth.compose.model.VolumeSpec;
import dev.berth.compose.rules.ProjectChecks;
import dev.berth.engine.api.ContainerCreateSpec;
import dev.berth.engine.api.ContainerCreateSpec.NetworkAttachment;
import dev.berth.engine.api.ContainerDetails;
import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.EngineVersion;
import dev.berth.engine.api.ExecRequest;
import dev.berth.engine.api.TerminalResizes;
import dev.berth.engine.api.ImageInfo;
import dev.berth.engine.api.LogRequest;
import dev.berth.engine.api.OutputSink;
import dev.berth.engine.api.ProcessList;
import dev.berth.engine.api.PublishedPort;
import dev.berth.engine.api.Subscription;
import dev.berth.engine.api.ImageBuildRequest;
import dev.berth.engine.api.NetworkCreateSpec;
import dev.berth.engine.api.NetworkInfo;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressEvent.Step;
import dev.berth.engine.api.ProgressListener;
import dev.berth.engine.api.VolumeInfo;
import dev.berth.engine.docker.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs compose projects on an engine the way docker compose v2 does: same names, same labels, same
 * convergence rules, so either tool can see and manage what the other started.
 */
public final class ComposeRuntime implements AutoCloseable {
    private static final Comparator<ContainerInfo> BY_SERVICE_AND_NUMBER =
            Comparator.comparing(ContainerInfo::service).thenComparingInt(ContainerInfo::number)
                    .thenComparing(ContainerInfo::name);
    private static final Duration RECREATE_STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How stale the shared view of the project's containers may be while services wait on each other. */
    private static final Duration SNAPSHOT_MAX_AGE = Duration.ofMillis(100);
    private static final Duration READY_POLL = Duration.ofMillis(100);
    /** The listed states of a container that has not ended yet. */
    private static final Set<String> NOT_ENDED = Set.of("running", "created", "restarting");

    private final Engine engine;
    /** The engine's CPUs once asked (see {@link #engineCpus()}). */
    private CompletableFuture<Integer> cpus;

    public ComposeRuntime(Engine engine) {
        this.engine = engine;
    }

    /** Connects to the engine at {@code endpoint}; fails with a readable message when nothing answers. */
    public static ComposeRuntime connect(EngineEndpoint endpoint) throws EngineException {
        return new ComposeRuntime(DockerEngine.connect(endpoint));
    }

    /** Connects to the engine the docker CLI would use (DOCKER_HOST, docker context, default socket). */
    public static ComposeRuntime connect() throws EngineException {
        return connect(EndpointResolver.resolve());
    }

    /** e.g. "Docker Engine 20.10.24 (API 1.41) at unix:///var/run/docker.sock". */
    public String engineDescription() {
        try {
            EngineVersion v = engine.version();
            return "Docker Engine " + v.version() + " (API " + v.apiVersion() + ") at " + engine.endpoint().uri();
        } catch (EngineException e) {
            return "Docker Engine (version unknown: " + e.getMessage() + ") at " + engine.endpoint().uri();
        }
    }

    // ================================================================== build

    /** Builds the images of the named services that have {@code build:} (all of them when empty). */
    public void build(ComposeProject p, List<String> services, ProgressListener l) throws EngineException {
        build(p, services, BuildOptions.NONE, l);
    }

    /**
     * {@code build [--no-cache] [--pull] [--build-arg K=V]… [SERVICE…]}.
     *
     * @param services the services to build (all that have {@code build:} when empty)
     */
    public void build(ComposeProject p, List<String> services, BuildOptions o, ProgressListener l)
            throws EngineException {
        checkServices(p, services);
        for (ServiceSpec s : p.services().values()) {
            if (s.build() != null && (services.isEmpty() || services.contains(s.name()))) {
                buildImage(p, s, o, l);
            }
        }
    }

    /**
     * Options of {@code build} beyond the file's: every step again, newer base images, build arguments that
     * replace the file's.
     */
    public record BuildOptions(boolean noCache, boolean pull, Map<String, String> args) {
        public static final BuildOptions NONE = new BuildOptions(false, false, Map.of());

        public BuildOptions {
            args = Map.copyOf(args);
        }
    }

    private String buildImage(ComposeProject p, ServiceSpec s, ProgressListener l) throws EngineException {
        return buildImage(p, s, BuildOptions.NONE, l);
    }

    private String buildImage(ComposeProject p, ServiceSpec s, BuildOptions o, ProgressListener l)
            throws EngineException {
        String image = ComposeLabels.imageName(p, s);
        String resource = "image " + image;
        l.onEvent(new ProgressEvent(s.name(), resource, Step.BUILDING, "building from " + s.build().context()));
        try {
            BuildSpec b = s.build();
            Map<String, String> args = new LinkedHashMap<>(b.args());
            args.putAll(o.args());
            String id = engine.buildImage(new ImageBuildRequest(image, b.context(), b.dockerfile(), args,
                            b.target(), b.dockerfileInline(), b.labels(), o.noCache() || flag(b, "no_cache"),
                            o.pull() || flag(b, "pull")),
                    line -> l.onEvent(new ProgressEvent(s.name(), resource, Step.BUILDING, line)));
            l.onEvent(new ProgressEvent(s.name(), resource, Step.DONE, "built " + id));
            return id;
        } catch (EngineException e) {
            l.onEvent(new ProgressEvent(s.name(), resource, Step.FAILED, e.getMessage()));
            throw new EngineException(s.name(), "service " + s.name() + ": " + e.getMessage(), e.hint(), e);
        }
    }

    /** A boolean of {@code build:} that the model keeps as a plain value ({@code no_cache}, {@code pull}). */
    private static boolean flag(BuildSpec b, String key) {
        Object v = b.unmodelled().get(key);
        return v instanceof Boolean yes ? yes : v != null && v.toString().equalsIgnoreCase("true");
    }

    // ================================================================== up

    public void up(ComposeProject p, UpOptions o, ProgressListener l) throws EngineException {
        converge(p, o, true, null, l);
    }

    /** {@code create}: as {@code up}, but the containers are created and not started. */
    public void create(ComposeProject p, UpOptions o, ProgressListener l) throws EngineException {
        converge(p, o, false, null, l);
    }

    /**
     * {@code create SERVICE…} and {@code up --no-start SERVICE…}: the named services (with their dependencies);
     * no names: all of them, as {@link #create(ComposeProject, UpOptions, ProgressListener)}.
     */
    public void create(ComposeProject p, List<String> services, boolean withDependencies, UpOptions o,
                       ProgressListener l) throws EngineException {
        converge(p, o, false, chosen(p, services, withDependencies), l);
    }

    /** @param only the services to converge (their dependencies must be among them), or null for all */
    private void converge(ComposeProject p, UpOptions o, boolean startContainers, Set<String> only,
                          ProgressListener l) throws EngineException {
        checkProject(p);
        for (Map.Entry<String, Integer> scale : o.scale().entrySet()) {
            if (!p.services().containsKey(scale.getKey()) || scale.getValue() < 0) {
                throw new EngineException(scale.getKey(), "cannot scale service " + scale.getKey() + " to "
                        + scale.getValue() + (p.services().containsKey(scale.getKey()) ? ": a count is 0 or more"
                        : ": no such service in the project"), "services: " + String.join(", ",
                        p.services().keySet()), null);
            }
        }
        List<List<String>> levels = startLevels(p);
        if (startContainers) {
            // two services of this up on one host port: the second could not start; say so before doing anything
            List<ProjectChecks.PortCollision> collisions = ProjectChecks.portCollisions(p,
                    only != null ? only : p.services().keySet());
            if (!collisions.isEmpty()) {
                ProjectChecks.PortCollision c = collisions.getFirst();
                throw new EngineException(c.service(), c.message(), "or bring up one of them at a time (`up "
                        + c.first() + "` or `up " + c.service() + "`)", null);
            }
        }
        // the containers are listed while networks, volumes and images are seen to: one list serves the orphans
        // and every service's plan
        try (ProjectSnapshot snapshot = new ProjectSnapshot(engine, p.name(), SNAPSHOT_MAX_AGE)) {
            converge(p, o, startContainers, only, levels, snapshot, l);
        }
    }

    private void converge(ComposeProject p, UpOptions o, boolean startContainers, Set<String> only,
                          List<List<String>> levels, ProjectSnapshot snapshot, ProgressListener l)
            throws EngineException {
        snapshot.prefetch();
        ensureNetworks(p, l);
        ensureVolumes(p, l);
        Map<String, String> imageIds = ensureImages(p, only, o, l);
        warnAboutDroppedAnnotations(p, only, l);
        snapshot.forgetIfOlderThan(Duration.ofSeconds(5));   // a build or pull took its time: list again
        if (only == null && (o.removeOrphans() || !o.ignoreOrphans())) {
            handleOrphans(p, o.removeOrphans(), snapshot, l);
        }
        // Creating and starting run as one graph, not level by level. A service's containers are created once
        // its dependencies' containers exist (network_mode: service: and volumes_from need them) and have been
        // started: the engine does one start or create at a time, so the starts that everything waits for go
        // first, and the creates fill the time the dependencies take to become healthy. A service starts as
        // soon as its own dependencies meet their conditions, through a gate that lets one more start reach the
        // engine at once than it has CPUs, the most awaited first.
        Map<String, List<ContainerInfo>> toStart = new java.util.concurrent.ConcurrentHashMap<>();
        Map<Phase, List<Phase>> graph = new LinkedHashMap<>();
        for (List<String> level : levels) {
            for (String service : level) {
                if (only != null && !only.contains(service)) {
                    continue;
                }
                List<String> deps = DependencyGraph.dependencies(p.service(service));
                List<Phase> beforeCreate = new ArrayList<>(deps.stream().map(d -> new Phase(d, false)).toList());
                if (startContainers) {
                    deps.forEach(d -> beforeCreate.add(new Phase(d, true)));
                }
                graph.put(new Phase(service, false), beforeCreate);
                if (startContainers) {
                    List<Phase> before = new ArrayList<>(deps.stream().map(d -> new Phase(d, true)).toList());
                    before.add(new Phase(service, false));
                    graph.put(new Phase(service, true), before);
                }
            }
        }
        StartGate gate = startContainers ? startGate(serviceOrder(p, false)) : null;
        new GraphRun<>(graph).run(phase -> {
            ServiceSpec s = p.service(phase.service());
            if (!phase.start()) {
                toStart.put(s.name(), prepareService(p, s, imageIds.get(s.name()), o, snapshot, startContainers,
                        only, l));
                return;
            }
            awaitDependencies(p, s, only, snapshot, l);
            for (ContainerInfo c : toStart.getOrDefault(s.name(), List.of())) {
                start(s, c.id(), c.name(), gate, l);
                snapshot.invalidate();
            }
        });
        if (o.waitReady() && startContainers) {
            waitUntilReady(p, o.waitTimeout(), only, snapshot, l);
        }
    }

    /**
     * {@code annotations:} reach the container from engine API 1.43 (Docker Engine 24) on; an older engine drops them
     * without a word, so the user hears it from Berth.
     */
    private void warnAboutDroppedAnnotations(ComposeProject p, Set<String> only, ProgressListener l)
            throws EngineException {
        List<String> annotated = p.services().values().stream()
                .filter(s -> (only == null || only.contains(s.name())) && !s.settings().annotations().isEmpty())
                .map(ServiceSpec::name).toList();
        if (annotated.isEmpty()) {
            return;
        }
        // the API spoken, not the engine's own: with DOCKER_API_VERSION=1.41 a new engine drops them too
        String spoken = engine.apiVersion();
        if (EngineVersion.compareApi(spoken, "1.43") < 0) {
            EngineVersion v = engine.version();
            for (String service : annotated) {
                l.onEvent(new ProgressEvent(service, "service " + service, Step.WARNING, "annotations need engine"
                        + " API 1.43 (Docker Engine 24) or later; Berth speaks API " + spoken + " to this engine"
                        + " (Docker " + v.version() + ", API " + v.apiVersion() + "), which does not apply them"));
            }
        }
    }

    /**
     * The services in start order, from the model's dependency graph: each level only after the ones before it,
     * the services of a level in parallel.
     */
    static List<List<String>> startLevels(ComposeProject p) throws EngineException {
        DependencyGraph graph = DependencyGraph.of(p);
        Optional<List<String>> cycle = graph.findCycle();
        if (cycle.isPresent()) {
            throw new EngineException(cycle.get().getFirst(), "dependency cycle between services: "
                    + String.join(" -> ", cycle.get()), "remove one of these depends_on entries (or a network_mode:"
                    + " service: that closes the loop)", null);
        }
        return graph.startLevels();
    }

    private static void checkProject(ComposeProject p) throws EngineException {
        if (p.name() == null || !p.name().matches("[a-z0-9][a-z0-9_-]*")) {
            throw new EngineException("", "project name '" + p.name() + "' is not valid: it must start with a lowercase"
                    + " letter or digit and contain only lowercase letters, digits, '-' and '_'",
                    "set `name:` in the compose file or pass another project name", null);
        }
    }

    private void ensureNetworks(ComposeProject p, ProgressListener l) throws EngineException {
        for (NetworkSpec n : p.networks().values()) {
            String resource = "network " + n.name();
            Optional<NetworkInfo> existing = engine.inspectNetwork(n.name());
            if (n.external()) {
                if (existing.isEmpty()) {
                    throw new EngineException("", "network " + n.name() + " declared as external, but could not be"
                            + " found", "create it first: `docker network create " + n.name() + "`", null);
                }
                continue;
            }
            if (existing.isPresent()) {
                String owner = existing.get().labels().get(ComposeLabels.PROJECT);
                if (!p.name().equals(owner)) {
                    l.onEvent(new ProgressEvent("", resource, Step.WARNING, "a network named " + n.name()
                            + " exists but was not created for project \"" + p.name() + "\"; using it as is"));
                }
                continue;
            }
            l.onEvent(new ProgressEvent("", resource, Step.CREATING, ""));
            engine.createNetwork(new NetworkCreateSpec(n.name(), n.driver(), ComposeLabels.networkLabels(p, n),
                    n.driverOptions(), n.internal(), n.attachable(), n.enableIpv6(), n.ipam().driver(),
                    n.ipam().config().stream().map(pool -> new NetworkCreateSpec.Pool(pool.subnet(), pool.ipRange(),
                            pool.gateway(), pool.auxAddresses())).toList(), n.ipam().options()));
            l.onEvent(new ProgressEvent("", resource, Step.CREATED, ""));
        }
    }

    private void ensureVolumes(ComposeProject p, ProgressListener l) throws EngineException {
        for (VolumeSpec v : p.volumes().values()) {
            String resource = "volume " + v.name();
            Optional<VolumeInfo> existing = engine.inspectVolume(v.name());
            if (v.external()) {
                if (existing.isEmpty()) {
                    throw new EngineException("", "external volume \"" + v.name() + "\" not found",
                            "create it first: `docker volume create " + v.name() + "`", null);
                }
                continue;
            }
            if (existing.isPresent()) {
                String owner = existing.get().labels().get(ComposeLabels.PROJECT);
                if (!p.name().equals(owner)) {
                    l.onEvent(new ProgressEvent("", resource, Step.WARNING, "volume \"" + v.name()
                            + "\" already exists but was not created for project \"" + p.name() + "\"; using it"));
                }
                continue;
            }
            l.onEvent(new ProgressEvent("", resource, Step.CREATING, ""));
            engine.createVolume(v.name(), v.driver(), ComposeLabels.volumeLabels(p, v));
            l.onEvent(new ProgressEvent("", resource, Step.CREATED, ""));
        }
    }

    /** Image id per service: built when asked or missing (with build:), pulled when missing (without). */
    private Map<String, String> ensureImages(ComposeProject p, Set<String> only, UpOptions o, ProgressListener l)
            throws EngineException {
        boolean forceBuild = o.build();
        Map<String, String> ids = new LinkedHashMap<>();
        // twenty services on one image ask the engine once (and pull it once)
        Map<String, Optional<String>> known = new HashMap<>();
        Set<String> pulledNow = new HashSet<>();
        for (ServiceSpec s : p.services().values()) {
            if (only != null && !only.contains(s.name())) {
                continue;
            }
            String image = ComposeLabels.imageName(p, s);
            Optional<String> present = known.containsKey(image) ? known.get(image) : engine.imageId(image);
            known.put(image, present);
            String policy = pullPolicy(s, o.pull(), image, l);
            boolean named = s.image() != null && !s.image().isBlank();
            boolean pullFirst = named && policy.equals("always");
            if (s.build() != null && (forceBuild || policy.equals("build") || present.isEmpty() && !pullFirst)) {
                if (o.noBuild()) {
                    if (present.isPresent()) {
                        ids.put(s.name(), present.get());
                        continue;
                    }
                    throw new EngineException(s.name(), "image " + image + " of service " + s.name() + " is not on"
                            + " the engine, and --no-build forbids building it", "build it first (berth build "
                            + s.name() + "), or leave out --no-build", null);
                }
                ids.put(s.name(), buildImage(p, s, l));
                known.remove(image);
                pulledNow.remove(image);
            } else if (pullFirst && !pulledNow.contains(image)) {
                String id = pull(s, image, l);   // present or not: the registry's newest
                ids.put(s.name(), id);
                known.put(image, Optional.of(id));
                pulledNow.add(image);
            } else if (present.isPresent()) {
                ids.put(s.name(), present.get());
            } else if (!named) {
                throw new EngineException(s.name(), "service " + s.name() + " has neither image: nor build:",
                        "add `image:` or `build:` to the service", null);
            } else if (policy.equals("never")) {
                throw new EngineException(s.name(), "image " + image + " is not on the engine, and "
                        + (o.pull() != null ? "--pull never" : "the service's pull_policy: never")
                        + " forbids pulling it", "pull or build it first (docker pull " + image + "), or "
                        + (o.pull() != null ? "leave out --pull never" : "change pull_policy to missing"), null);
            } else {
                String id = pull(s, image, l);
                ids.put(s.name(), id);
                known.put(image, Optional.of(id));
                pulledNow.add(image);
            }
        }
        return ids;
    }

    /**
     * The service's {@code pull_policy} as {@link #ensureImages} acts on it: always (also {@code refresh}), never,
     * build, or missing (also {@code if_not_present} and unset). The periodic ones ({@code daily}, {@code weekly},
     * {@code every_...}) need the time the image was last pulled, which this engine does not keep: they act as
     * missing, and a warning says so.
     */
    private static String pullPolicy(ServiceSpec s, String override, String image, ProgressListener l) {
        String chosen = override != null ? override : s.settings().pullPolicy();
        String policy = chosen == null ? "missing" : chosen.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (policy) {
            case "always", "refresh" -> "always";
            case "never", "build" -> policy;
            case "missing", "if_not_present", "" -> "missing";
            default -> {
                l.onEvent(new ProgressEvent(s.name(), "image " + image, Step.WARNING, "pull_policy " + policy
                        + " is taken as missing: Berth pulls the image only when the engine does not have it"));
                yield "missing";
            }
        };
    }

    private String pull(ServiceSpec s, String image, ProgressListener l) throws EngineException {
        String resource = "image " + image;
        l.onEvent(new ProgressEvent(s.name(), resource, Step.PULLING, ProgressEvent.percentDetail(0)));
        PullTally tally = new PullTally();
        try {
            // each layer's message as it comes, and the service's percentage over all layers when it moves
            engine.pullImage(image, progress -> {
                l.onEvent(new ProgressEvent(s.name(), resource, Step.PULLING, progress.describe()));
                int percent = tally.accept(progress);
                if (percent >= 0) {
                    l.onEvent(new ProgressEvent(s.name(), resource, Step.PULLING, ProgressEvent.percentDetail(percent)));
                }
            });
            String id = engine.imageId(image).orElseThrow(() -> new EngineException(s.name(),
                    "image " + image + " was pulled but the engine does not list it", "", null));
            l.onEvent(new ProgressEvent(s.name(), resource, Step.DONE, "pulled"));
            return id;
        } catch (EngineException e) {
            l.onEvent(new ProgressEvent(s.name(), resource, Step.FAILED, e.getMessage()));
            throw new EngineException(s.name(), "image " + image + " not found locally and could not be pulled: "
                    + e.getMessage(), "check the image name and tag, build it locally (`docker build -t " + image
                    + " .`) or give the service a build: section", e);
        }
    }

    /**
     * Orphans as v2 finds them: containers of services the files no longer define, and one-off ({@code run})
     * containers that have ended; a running one-off container is not one.
     */
    private void handleOrphans(ComposeProject p, boolean remove, ProjectSnapshot snapshot, ProgressListener l)
            throws EngineException {
        List<ContainerInfo> orphans = new ArrayList<>(orphans(p, snapshot.current()));
        snapshot.oneOffs().stream().filter(c -> c.state().equals("exited") || c.state().equals("dead"))
                .forEach(orphans::add);
        if (orphans.isEmpty()) {
            return;
        }
        if (!remove) {
            l.onEvent(new ProgressEvent("", "project " + p.name(), Step.WARNING, "Found orphan containers ("
                    + String.join(", ", orphans.stream().map(ContainerInfo::name).toList()) + ") for this project."
                    + " If you removed or renamed this service in your compose file, you can run this command with"
                    + " the --remove-orphans flag to clean it up."));
            return;
        }
        for (ContainerInfo c : orphans) {
            stopAndRemove(c, List.of(), RECREATE_STOP_TIMEOUT, false, l);
        }
        snapshot.invalidate();
    }

    /**
     * Containers of services the files no longer define. A service whose profile is not enabled is defined: its
     * containers are not orphans (v2 keeps them on {@code --remove-orphans} too).
     */
    private static List<ContainerInfo> orphans(ComposeProject p, List<ContainerInfo> containers) {
        return containers.stream().filter(c -> !p.services().containsKey(c.service())
                && !p.disabledServices().containsKey(c.service())).toList();
    }

    /** Containers of services whose profiles are not enabled: {@code down} leaves them, as v2 does. */
    private static List<ContainerInfo> ofDisabledServices(ComposeProject p, List<ContainerInfo> containers) {
        return containers.stream().filter(c -> p.disabledServices().containsKey(c.service())).toList();
    }

    /** "--profile debug": the flags that enable the given containers' services. */
    private static String profileFlags(ComposeProject p, List<ContainerInfo> containers) {
        return String.join(" ", containers.stream()
                .map(c -> p.disabledServices().getOrDefault(c.service(), List.of()))
                .map(profiles -> profiles.isEmpty() ? "" : profiles.getFirst())
                .filter(profile -> !profile.isEmpty()).distinct().map(profile -> "--profile " + profile).toList());
    }

    /** One step of a service's {@code up}: creating its containers, or starting them. */
    private record Phase(String service, boolean start) {
    }

    /**
     * Scales the service to its count, recreates the containers whose configuration or image changed and
     * creates the missing ones; returns the containers that are to be started (none when not starting).
     */
    private List<ContainerInfo> prepareService(ComposeProject p, ServiceSpec s, String imageId, UpOptions o,
                                               ProjectSnapshot snapshot, boolean startContainers, Set<String> only,
                                               ProgressListener l) throws EngineException {
        int scale = o.scale().getOrDefault(s.name(), s.scale());
        if (s.containerName() != null && !s.containerName().isBlank() && scale > 1) {
            throw new EngineException(s.name(), "service " + s.name() + " sets container_name \"" + s.containerName()
                    + "\", so it cannot run " + scale + " replicas (container names are unique)",
                    "remove container_name or set scale to 1", null);
        }
        String hash = ServiceHash.of(s);
        List<ContainerInfo> existing = new ArrayList<>(snapshot.ofService(s.name()));
        existing.sort(BY_SERVICE_AND_NUMBER);
        Map<Integer, ContainerInfo> kept = new LinkedHashMap<>();
        // scale down (and drop duplicates of a number) from the highest number, as v2 does
        for (ContainerInfo c : existing.reversed()) {
            if (c.number() < 1 || c.number() > scale || kept.containsKey(c.number())) {
                stopAndRemove(c, s.settings().preStop(), stopTimeout(s), false, l);
                snapshot.invalidate();
            } else {
                kept.put(c.number(), c);
            }
        }
        String networkMode = resolveNetworkMode(p, s);
        List<ContainerInfo> toStart = new ArrayList<>();
        for (int n = 1; n <= scale; n++) {
            ContainerInfo c = kept.get(n);
            if (c == null) {
                toStart.add(create(p, s, n, hash, imageId, networkMode, l));
                snapshot.invalidate();
            } else if (o.forceRecreate() || !o.noRecreate() && (!hash.equals(c.labels().get(ComposeLabels.CONFIG_HASH))
                    || !imageId.equals(c.labels().get(ComposeLabels.IMAGE)))) {
                // depends_on with restart: true: those dependents stop now and start again once this one meets
                // their condition (as v2); the others keep running
                if (startContainers) {
                    stopRestartingDependents(p, s, only, snapshot, l);
                }
                // as v2 (and v1): the new container keeps its predecessor's anonymous volumes (an image's VOLUME,
                // `- /data`), so a database without a named volume keeps its data
                List<ContainerDetails.VolumeMount> inherited = o.renewAnonymousVolumes() ? List.of()
                        : engine.inspectContainer(c.id()).map(ContainerDetails::volumes).orElse(List.of());
                Set<String> imageVolumes = inherited.isEmpty() ? Set.of()
                        : engine.inspectImage(imageId).map(ImageInfo::volumes).orElse(Set.of());
                stopAndRemove(c, s.settings().preStop(), stopTimeout(s), false, l);
                toStart.add(create(p, s, n, hash, imageId, networkMode, inherited, imageVolumes, l));
                snapshot.invalidate();
            } else if (!startContainers) {
                l.onEvent(new ProgressEvent(s.name(), c.name(), Step.CREATED, "exists"));
            } else if (!"running".equals(c.state())) {
                toStart.add(c);
            } else {
                l.onEvent(new ProgressEvent(s.name(), c.name(), Step.RUNNING, "Running"));
            }
        }
        return startContainers ? List.copyOf(toStart) : List.of();
    }

    /**
     * Stops the running containers of the services whose {@code depends_on} names {@code dependency} with
     * {@code restart: true} (and, in turn, theirs): their up then starts them again after the dependency.
     *
     * @param only the services of this up (null: all); others are left alone
     */
    private void stopRestartingDependents(ComposeProject p, ServiceSpec dependency, Set<String> only,
                                          ProjectSnapshot snapshot, ProgressListener l) throws EngineException {
        for (String dependent : restartingDependents(p, dependency.name())) {
            if (only != null && !only.contains(dependent)) {
                continue;   // not part of this up: it would not be started again
            }
            ServiceSpec s = p.service(dependent);
            for (ContainerInfo c : snapshot.ofService(dependent)) {
                if ("running".equals(c.state())) {
                    stopContainer(c, s.settings().preStop(), stopTimeout(s), l);
                }
            }
        }
        snapshot.invalidate();
    }

    /** The services that depend on {@code service} with {@code restart: true}, directly or through others. */
    static Set<String> restartingDependents(ComposeProject p, String service) {
        Set<String> found = new java.util.LinkedHashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(service));
        while (!todo.isEmpty()) {
            String current = todo.poll();
            for (ServiceSpec s : p.services().values()) {
                boolean restarts = s.dependsOn().stream().anyMatch(d -> d.service().equals(current) && d.restart());
                if (restarts && found.add(s.name())) {
                    todo.add(s.name());
                }
            }
        }
        return found;
    }

    /** {@code -t} when given, else the container's service's {@code stop_grace_period}, else 10 seconds. */
    private static Duration stopTimeout(ComposeProject p, ContainerInfo c, Duration given) {
        if (given != null) {
            return given;
        }
        ServiceSpec s = p.services().get(c.service());
        return s == null ? RECREATE_STOP_TIMEOUT : stopTimeout(s);
    }

    /** The service's {@code stop_grace_period}, else v2's 10 seconds. */
    private static Duration stopTimeout(ServiceSpec s) {
        Duration grace = s.settings().stopGracePeriod();
        return grace != null ? grace : RECREATE_STOP_TIMEOUT;
    }

    /** {@code service:x} becomes {@code container:<id of x's first container>}, as v2 resolves it. */
    private String resolveNetworkMode(ComposeProject p, ServiceSpec s) throws EngineException {
        String mode = s.networkMode();
        if (mode == null || !mode.startsWith("service:")) {
            return mode;
        }
        String target = mode.substring("service:".length());
        // created is enough: v2 resolves the id before the target runs (its containers are all created first)
        List<ContainerInfo> containers = new ArrayList<>(engine.listContainers(Map.of(ComposeLabels.PROJECT,
                p.name(), ComposeLabels.SERVICE, target, ComposeLabels.ONEOFF, "False"), true));
        if (containers.isEmpty()) {
            throw new EngineException(s.name(), "service " + s.name() + " uses network_mode: " + mode + ", but "
                    + target + " has no running container", "make sure service " + target + " starts", null);
        }
        containers.sort(BY_SERVICE_AND_NUMBER);
        return "container:" + containers.getFirst().id();
    }

    /** Creates replica {@code number} of the service (and joins its further networks); does not start it. */
    private ContainerInfo create(ComposeProject p, ServiceSpec s, int number, String hash, String imageId,
                                 String networkMode, ProgressListener l) throws EngineException {
        return create(p, s, number, hash, imageId, networkMode, List.of(), Set.of(), l);
    }

    /**
     * @param replaced     the volumes of the container this one replaces: the anonymous ones are mounted again
     * @param imageVolumes the paths the image declares a {@code VOLUME} for
     */
    private ContainerInfo create(ComposeProject p, ServiceSpec s, int number, String hash, String imageId,
                                 String networkMode, List<ContainerDetails.VolumeMount> replaced,
                                 Set<String> imageVolumes, ProgressListener l) throws EngineException {
        ContainerPlan plan = ContainerPlan.of(p, s, number, hash, imageId, networkMode);
        ContainerCreateSpec spec = withInherited(plan.create(), anonymousOnly(replaced, imageVolumes, plan.create()));
        String name = spec.name();
        createMissingBindSources(s);
        l.onEvent(new ProgressEvent(s.name(), name, Step.CREATING, ""));
        askCpus();   // for the gate its start will pass
        String id;
        try {
            id = engine.createContainer(spec);
            for (NetworkAttachment n : plan.laterNetworks()) {
                engine.connectNetwork(n.network(), id, n.aliases(), n.ipv4Address());
            }
        } catch (EngineException e) {
            l.onEvent(new ProgressEvent(s.name(), name, Step.FAILED, e.getMessage()));
            String hint = e.getMessage().contains("is already in use")
                    ? "another container is called " + name + ": remove it (`docker rm -f " + name
                    + "`) or change container_name" : e.hint();
            throw new EngineException(s.name(), "service " + s.name() + ": " + e.getMessage(), hint, e);
        }
        l.onEvent(new ProgressEvent(s.name(), name, Step.CREATED, ""));
        return new ContainerInfo(id, name, p.name(), s.name(), number, plan.create().image(), "created", "", "Created",
                List.of(), plan.create().labels());
    }

    /**
     * Of the old container's volumes, those v2 carries over: at a path the new image declares a {@code VOLUME} for
     * (and the file mounts nothing at), or where the file mounts an anonymous volume ({@code - /data}).
     */
    static List<ContainerDetails.VolumeMount> anonymousOnly(List<ContainerDetails.VolumeMount> old,
                                                            Set<String> imageVolumes, ContainerCreateSpec spec) {
        List<ContainerDetails.VolumeMount> kept = new ArrayList<>();
        for (ContainerDetails.VolumeMount v : old) {
            Optional<ContainerCreateSpec.Mount> planned = spec.mounts().stream()
                    .filter(m -> normalTarget(m.target()).equals(normalTarget(v.target()))).findFirst();
            boolean anonymousInFile = planned.isPresent() && planned.get().type() == ContainerCreateSpec.Mount.Type.VOLUME
                    && (planned.get().source() == null || planned.get().source().isBlank());
            boolean fromImage = planned.isEmpty() && imageVolumes.stream().map(ComposeRuntime::normalTarget)
                    .anyMatch(normalTarget(v.target())::equals);
            if (anonymousInFile || fromImage) {
                kept.add(v);
            }
        }
        return kept;
    }

    /** A container path as the engine compares them: repeated and trailing slashes dropped. */
    static String normalTarget(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The spec with the inherited volumes at their paths, in place of an anonymous volume the plan has there. */
    static ContainerCreateSpec withInherited(ContainerCreateSpec spec, List<ContainerDetails.VolumeMount> inherited) {
        if (inherited.isEmpty()) {
            return spec;
        }
        List<ContainerCreateSpec.Mount> mounts = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (ContainerCreateSpec.Mount m : spec.mounts()) {
            Optional<ContainerDetails.VolumeMount> old = inherited.stream()
                    .filter(v -> normalTarget(v.target()).equals(normalTarget(m.target()))).findFirst();
            if (old.isPresent()) {
                mounts.add(new ContainerCreateSpec.Mount(ContainerCreateSpec.Mount.Type.VOLUME, old.get().volume(),
                        m.target(), m.readOnly()));
                placed.add(normalTarget(m.target()));
            } else {
                mounts.add(m);
            }
        }
        for (ContainerDetails.VolumeMount v : inherited) {
            if (placed.add(normalTarget(v.target()))) {
                mounts.add(new ContainerCreateSpec.Mount(ContainerCreateSpec.Mount.Type.VOLUME, v.volume(), v.target(),
                        v.readOnly()));
            }
        }
        return spec.withMounts(mounts);
    }

    /**
     * The model has no create_host_path flag; v2 creates a missing bind source for the short syntax,
     * which is what nearly every file uses, so Berth does the same rather than failing.
     */
    private static void createMissingBindSources(ServiceSpec s) throws EngineException {
        createMissingBindSources(s.name(), s.volumes().stream().filter(v -> "bind".equals(v.type()))
                .map(VolumeMountSpec::source).toList());
    }

    private static void createMissingBindSources(String service, List<String> sources) throws EngineException {
        for (String source : sources) {
            if (source != null && !Files.exists(Path.of(source))) {
                try {
                    Files.createDirectories(Path.of(source));
                } catch (IOException | RuntimeException e) {
                    throw new EngineException(service, "service " + service + ": bind mount source " + source
                            + " does not exist and cannot be created: " + e.getMessage(),
                            "create the directory, or fix the path in volumes:", e);
                }
            }
        }
    }

    private static final Pattern PORT_TAKEN = Pattern.compile(
            "(?:Bind for |listen (?:tcp|udp)[46]? )\\[?([0-9a-fA-F.:]*?)\\]?:(\\d+)(?: failed|: bind)");

    private void start(ServiceSpec s, String id, String name, ProgressListener l) throws EngineException {
        start(s, id, name, null, l);
    }

    /** @param gate the run's gate the engine's start goes through (null: none), not the post_start hooks */
    private void start(ServiceSpec s, String id, String name, StartGate gate, ProgressListener l)
            throws EngineException {
        // a start waiting at the gate still shows as created: "starting" is said when the engine has it
        try (StartGate.Pass pass = gate == null ? null : gate.enter(s.name())) {
            l.onEvent(new ProgressEvent(s.name(), name, Step.STARTING, ""));
            engine.startContainer(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            l.onEvent(new ProgressEvent(s.name(), name, Step.FAILED, "interrupted"));
            throw new EngineException(s.name(), "service " + s.name() + ": interrupted before " + name
                    + " was started", "run `up` again", e);
        } catch (EngineException e) {
            l.onEvent(new ProgressEvent(s.name(), name, Step.FAILED, e.getMessage()));
            throw withPortHolder(startFailure(s, name, e));
        }
        postStart(s, id, name, l);
        l.onEvent(new ProgressEvent(s.name(), name, Step.STARTED, ""));
    }

    /**
     * The gate the starts of one run go through (see {@link StartGate}): one more at once than the engine's machine
     * has CPUs, so one is under way while the others finish; {@code dependencies} as {@link #serviceOrder}.
     */
    private StartGate startGate(Map<String, List<String>> dependencies) {
        return new StartGate(() -> engineCpus() + 1, dependencies);
    }

    /** How long a start waits for the engine to say its CPUs before the gate takes its least. */
    private static final Duration CPUS_LIMIT = Duration.ofSeconds(2);

    /**
     * The engine's CPUs, asked once per runtime on a thread of its own: the first create asks ({@link #askCpus()}),
     * so the answer is there when the first start needs it; 0 when the engine does not say in time. A start that
     * is interrupted while it waits keeps its interrupt and gets 0.
     */
    private int engineCpus() {
        try {
            return askCpus().get(CPUS_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            return 0;
        }
    }

    private synchronized CompletableFuture<Integer> askCpus() {
        if (cpus == null) {
            CompletableFuture<Integer> asked = new CompletableFuture<>();
            cpus = asked;
            Thread.ofVirtual().name("berth-engine-cpus").start(() -> {
                try {
                    asked.complete(engine.cpus());
                } catch (Throwable e) {
                    asked.complete(0);   // unknown: the gate's least
                }
            });
        }
        return cpus;
    }

    /** The service's {@code post_start} hooks, in order, once its container runs; a failing hook fails the start. */
    private void postStart(ServiceSpec s, String id, String name, ProgressListener l) throws EngineException {
        for (ContainerSettings.Hook hook : s.settings().postStart()) {
            try {
                runHook("post_start", s.name(), id, name, hook, l);
            } catch (EngineException e) {
                l.onEvent(new ProgressEvent(s.name(), name, Step.FAILED, e.getMessage()));
                throw e;
            }
        }
    }

    /**
     * Stops a container the way v2 does: its service's {@code pre_stop} hooks run in it first (when it runs). A
     * failing hook is reported and the stop goes on: a project must still come down when a hook is broken.
     */
    private void stopContainer(ContainerInfo c, List<ContainerSettings.Hook> preStop, Duration timeout,
                               ProgressListener l) throws EngineException {
        l.onEvent(new ProgressEvent(c.service(), c.name(), Step.STOPPING, ""));
        if ("running".equals(c.state())) {
            for (ContainerSettings.Hook hook : preStop) {
                try {
                    runHook("pre_stop", c.service(), c.id(), c.name(), hook, l);
                } catch (EngineException e) {
                    l.onEvent(new ProgressEvent(c.service(), c.name(), Step.WARNING, e.getMessage()));
                }
            }
        }
        engine.stopContainer(c.id(), timeout);
        l.onEvent(new ProgressEvent(c.service(), c.name(), Step.STOPPED, ""));
    }

    private static List<ContainerSettings.Hook> preStopOf(ComposeProject p, ContainerInfo c) {
        ServiceSpec s = p.services().get(c.service());
        return s == null ? List.of() : s.settings().preStop();
    }

    /** Runs one hook in the container and waits for it; its last output lines explain a non-zero exit. */
    private void runHook(String phase, String service, String id, String name, ContainerSettings.Hook hook,
                         ProgressListener l) throws EngineException {
        String shown = String.join(" ", hook.command());
        l.onEvent(new ProgressEvent(service, name, phase.equals("pre_stop") ? Step.STOPPING : Step.STARTING,
                phase + " hook: " + shown));
        StringBuilder tail = new StringBuilder();
        OutputSink sink = new OutputSink() {
            @Override
            public void onOutput(boolean stderr, byte[] bytes) {
                synchronized (tail) {
                    tail.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                    if (tail.length() > 2000) {
                        tail.delete(0, tail.length() - 2000);
                    }
                }
            }

            @Override
            public void onEnd(Throwable error) {
            }
        };
        List<String> env = hook.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        long exit = engine.exec(id, new ExecRequest(hook.command(), null, false, hook.user(), hook.workingDir(), env,
                false, null, hook.privileged()), sink);
        if (exit != 0) {
            String output;
            synchronized (tail) {
                output = tail.toString().strip();
            }
            throw new EngineException(service, "service " + service + ": its " + phase + " hook `" + shown + "` exited "
                    + exit + " in " + name + (output.isEmpty() ? "" : "\n  its output:\n    "
                    + output.replace("\n", "\n    ")),
                    "fix the hook's command in " + phase + ": (it runs inside the container"
                            + (hook.user() == null ? "" : ", as " + hook.user()) + ")", null);
        }
    }

    /** A port-in-use failure names who holds the port: a container of any project, or a host process. */
    private EngineException withPortHolder(EngineException e) {
        if (!(e.getCause() instanceof EngineException cause)) {
            return e;
        }
        Matcher m = PORT_TAKEN.matcher(cause.getMessage());
        if (!m.find()) {
            return e;
        }
        Optional<String> holder = PortHolder.describe(engine, Integer.parseInt(m.group(2)), Path.of("/proc"));
        return holder.map(h -> new EngineException(e.service(), e.getMessage() + " (held by " + h + ")",
                "it is held by " + h + "; " + e.hint(), cause)).orElse(e);
    }

    static EngineException startFailure(ServiceSpec s, String name, EngineException e) {
        Matcher m = PORT_TAKEN.matcher(e.getMessage());
        boolean named = m.find();
        if (named || e.getMessage().contains("port is already allocated")
                || e.getMessage().contains("address already in use")) {
            String port = named ? m.group(2) : "?";
            String ip = named && !m.group(1).isEmpty() ? m.group(1) : "0.0.0.0";
            return new EngineException(s.name(), "service " + s.name() + ": cannot start " + name + ": host port "
                    + ip + ":" + port + " is already in use", "free port " + port + " (find who holds it with `ss"
                    + " -ltnp 'sport = :" + port + "'` or `docker ps --filter publish=" + port + "`) or publish the"
                    + " service on another host port in ports:, e.g. \"" + nextPort(port) + ":<container port>\"", e);
        }
        return new EngineException(s.name(), "service " + s.name() + ": cannot start " + name + ": " + e.getMessage(),
                e.hint(), e);
    }

    private static String nextPort(String port) {
        try {
            return Integer.toString(Integer.parseInt(port) + 1);
        } catch (NumberFormatException e) {
            return "8081";
        }
    }

    // ------------------------------------------------------------------ dependency conditions

    private void awaitDependencies(ComposeProject p, ServiceSpec s, ProjectSnapshot snapshot, ProgressListener l)
            throws EngineException {
        awaitDependencies(p, s, null, snapshot, l);
    }

    /** @param only the services being converged (null: all): a dependency outside them is not waited for */
    private void awaitDependencies(ComposeProject p, ServiceSpec s, Set<String> only, ProjectSnapshot snapshot,
                                   ProgressListener l) throws EngineException {
        for (DependencySpec d : s.dependsOn()) {
            if (only != null && !only.contains(d.service()) && p.services().containsKey(d.service())) {
                continue;   // --no-deps
            }
            if (!p.services().containsKey(d.service())) {
                if (d.required()) {
                    throw new EngineException(s.name(), "service " + s.name() + " depends on undefined service "
                            + d.service(), "define " + d.service() + " or remove it from depends_on", null);
                }
                continue;
            }
            String condition = d.condition() == null ? "service_started" : d.condition();
            if (condition.equals("service_started")) {
                continue;
            }
            for (ContainerInfo dep : snapshot.ofService(d.service())) {
                l.onEvent(new ProgressEvent(s.name(), dep.name(), Step.WAITING, condition));
                if (condition.equals("service_healthy")) {
                    awaitHealthy(s, dep, p.service(d.service()).healthcheck(), snapshot);
                    l.onEvent(new ProgressEvent(s.name(), dep.name(), Step.HEALTHY, ""));
                } else if (condition.equals("service_completed_successfully")) {
                    awaitCompletion(s, dep, snapshot);
                    l.onEvent(new ProgressEvent(s.name(), dep.name(), Step.DONE, "exited 0"));
                } else {
                    throw new EngineException(s.name(), "service " + s.name() + ": depends_on condition '"
                            + condition + "' for " + d.service() + " is unknown", "use service_started, "
                            + "service_healthy or service_completed_successfully", null);
                }
            }
        }
    }

    /**
     * Waits on the shared list until the dependency is healthy, as long as its healthcheck's timing allows plus
     * some slack; the list is renewed by the project's events (or, without them, polled at a fraction of the
     * healthcheck's interval).
     */
    private void awaitHealthy(ServiceSpec s, ContainerInfo dep, HealthcheckSpec h, ProjectSnapshot snapshot)
            throws EngineException {
        Duration interval = h != null && h.interval() != null ? h.interval() : Duration.ofSeconds(30);
        Duration timeout = h != null && h.timeout() != null ? h.timeout() : Duration.ofSeconds(30);
        Duration startPeriod = h != null && h.startPeriod() != null ? h.startPeriod() : Duration.ZERO;
        int retries = h != null && h.retries() != null ? h.retries() : 3;
        Duration limit = startPeriod.plus(interval.plus(timeout).multipliedBy(retries + 1L)).plusSeconds(10);
        Duration poll = clamp(interval.dividedBy(4), Duration.ofMillis(100), Duration.ofSeconds(1));
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            // the shared list first: healthy is the common answer and costs no call of our own
            List<ContainerInfo> seen = snapshot.containers();
            Optional<ContainerInfo> listed = seen.stream().filter(c -> c.id().equals(dep.id())).findFirst();
            if (listed.isPresent() && listed.get().health().equals("healthy")
                    && listed.get().state().equals("running")) {
                return;
            }
            if (listed.isPresent() && listed.get().health().equals("starting")
                    && Instant.now().isBefore(deadline)) {
                snapshot.awaitChange(seen, poll, deadline);
                continue;
            }
            ContainerDetails d = inspectDependency(s, dep);
            if (d.health().isEmpty()) {
                throw new EngineException(s.name(), "service " + s.name() + " waits for " + dep.service()
                        + " to be healthy, but container " + dep.name() + " has no healthcheck configured",
                        "add a healthcheck: to " + dep.service() + " or use condition: service_started", null);
            }
            if (d.health().equals("healthy")) {
                return;
            }
            if (d.health().equals("unhealthy")) {
                throw new EngineException(s.name(), "dependency failed to start: container " + dep.name()
                        + " is unhealthy" + lastHealthOutput(dep.id()), "look at its output (`logs " + dep.service()
                        + "`) and its healthcheck", null);
            }
            if (!d.running()) {
                throw new EngineException(s.name(), "dependency failed to start: container " + dep.name()
                        + " exited (" + d.exitCode() + ")" + lastLogLines(dep.id()), "look at its output (`logs "
                        + dep.service() + "`)", null);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new EngineException(s.name(), "timed out after " + limit.toSeconds() + "s waiting for "
                        + dep.name() + " to become healthy" + lastHealthOutput(dep.id()),
                        "look at its healthcheck and its output", null);
            }
            snapshot.awaitChange(seen, poll, deadline);
        }
    }

    /** Like v2, waits as long as the dependency runs: a migration job may take its time. */
    private void awaitCompletion(ServiceSpec s, ContainerInfo dep, ProjectSnapshot snapshot) throws EngineException {
        while (true) {
            // the shared list says when it has ended; only then is it inspected, for its exit code
            List<ContainerInfo> seen = snapshot.containers();
            Optional<ContainerInfo> listed = seen.stream().filter(c -> c.id().equals(dep.id())).findFirst();
            if (listed.isEmpty() || !NOT_ENDED.contains(listed.get().state())) {
                ContainerDetails d = inspectDependency(s, dep);
                if (!d.running() && !d.status().equals("created")) {
                    if (d.exitCode() != 0) {
                        throw new EngineException(s.name(), "service \"" + dep.service() + "\" didn't complete"
                                + " successfully: exit " + d.exitCode() + lastLogLines(dep.id()), "look at its output"
                                + " (`logs " + dep.service() + "`)", null);
                    }
                    return;
                }
            }
            snapshot.awaitChange(seen, Duration.ofMillis(500), Instant.MAX);   // its die event ends the wait
        }
    }

    private ContainerDetails inspectDependency(ServiceSpec s, ContainerInfo dep) throws EngineException {
        return engine.inspectContainer(dep.id()).orElseThrow(() -> new EngineException(s.name(),
                "dependency container " + dep.name() + " disappeared while " + s.name() + " waited for it", "", null));
    }

    private void waitUntilReady(ComposeProject p, Duration timeout, Set<String> only, ProjectSnapshot snapshot,
                                ProgressListener l) throws EngineException {
        Set<String> mayExit = new HashSet<>();
        for (ServiceSpec s : p.services().values()) {
            for (DependencySpec d : s.dependsOn()) {
                if ("service_completed_successfully".equals(d.condition())) {
                    mayExit.add(d.service());
                }
            }
        }
        Instant deadline = timeout == null || timeout.isZero() ? Instant.MAX : Instant.now().plus(timeout);
        // the first look takes the list as this up left it (listed again after any change it made, or when a
        // dependency kept it waiting); a no-op up waits for nothing more
        snapshot.forgetIfOlderThan(Duration.ofSeconds(1));
        List<ContainerInfo> seen = snapshot.current();
        List<ContainerInfo> pending = new ArrayList<>(seen.stream()
                .filter(c -> p.services().containsKey(c.service()))
                .filter(c -> only == null || only.contains(c.service())).toList());
        pending.forEach(c -> l.onEvent(new ProgressEvent(c.service(), c.name(), Step.WAITING, "")));
        while (!pending.isEmpty()) {
            Map<String, ContainerInfo> listed = new HashMap<>();
            seen.forEach(c -> listed.put(c.id(), c));
            for (ContainerInfo c : List.copyOf(pending)) {
                ContainerInfo now = listed.get(c.id());
                // a plain list answers for running containers; only an ended one needs inspect, for its exit code
                if (now != null && now.state().equals("running") && !now.health().equals("unhealthy")) {
                    if (now.health().isEmpty() || now.health().equals("healthy")) {
                        pending.remove(c);
                        l.onEvent(new ProgressEvent(c.service(), c.name(), now.health().isEmpty() ? Step.RUNNING
                                : Step.HEALTHY, now.health().isEmpty() ? "running" : "healthy"));
                    }
                    continue;
                }
                ContainerDetails d = engine.inspectContainer(c.id()).orElseThrow(() -> new EngineException(c.service(),
                        "container " + c.name() + " disappeared while waiting for it", "", null));
                boolean done = d.running() && (d.health().isEmpty() || d.health().equals("healthy"));
                boolean exitedFine = !d.running() && d.exitCode() == 0 && mayExit.contains(c.service())
                        && !d.status().equals("created");
                if (done || exitedFine) {
                    pending.remove(c);
                    l.onEvent(new ProgressEvent(c.service(), c.name(), d.health().equals("healthy") ? Step.HEALTHY
                            : exitedFine ? Step.DONE : Step.RUNNING, d.health().isEmpty() ? d.status() : d.health()));
                } else if (d.health().equals("unhealthy") || (!d.running() && d.status().equals("exited"))) {
                    l.onEvent(new ProgressEvent(c.service(), c.name(), Step.FAILED, d.health().equals("unhealthy")
                            ? "unhealthy" : "exited (" + d.exitCode() + ")"));
                    throw new EngineException(c.service(), "container " + c.name() + " is " + (d.health()
                            .equals("unhealthy") ? "unhealthy" + lastHealthOutput(c.id()) : "exited (" + d.exitCode()
                            + ")" + lastLogLines(c.id())),
                            "look at its output (`logs " + c.service() + "`)", null);
                }
            }
            if (!pending.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new EngineException("", "timed out after " + timeout.toSeconds() + "s waiting for "
                            + String.join(", ", pending.stream().map(ContainerInfo::name).toList())
                            + " to be running and healthy", "raise the wait timeout or look at their output", null);
                }
                snapshot.awaitChange(seen, READY_POLL, deadline);
                seen = snapshot.containers();
            }
        }
    }

    // ================================================================== down

    public void down(ComposeProject p, DownOptions o, ProgressListener l) throws EngineException {
        Duration timeout = o.timeout();
        List<ContainerInfo> containers = engine.listContainers(Map.of(ComposeLabels.PROJECT, p.name()), true);
        // with no services known (down by project name alone) everything labelled with the project goes
        boolean everything = p.services().isEmpty() || o.removeOrphans();
        List<ContainerInfo> orphans = orphans(p, containers);
        List<ContainerInfo> disabled = ofDisabledServices(p, containers);
        // `down SERVICE…`, as v2: those services and every service that depends on them, directly or not
        Set<String> selected = o.services().isEmpty() ? p.services().keySet() : withDependents(p, o.services());
        if (!o.services().isEmpty() && selected.isEmpty()) {
            // v2 would take the whole project down here; a mistyped name must not cost the user their volumes
            l.onEvent(new ProgressEvent("", "project " + p.name(), Step.WARNING, "no container of "
                    + String.join(", ", o.services()) + " in this project: nothing taken down"));
            return;
        }
        List<ContainerInfo> others = containers.stream().filter(c -> p.services().containsKey(c.service())
                && !selected.contains(c.service())).toList();
        if (!orphans.isEmpty() && !everything) {
            l.onEvent(new ProgressEvent("", "project " + p.name(), Step.WARNING, "Found orphan containers ("
                    + String.join(", ", orphans.stream().map(ContainerInfo::name).toList())
                    + ") for this project; they stay (use remove orphans to remove them too)"));
        }
        // Dependents stop before what they depend on, as a graph: a service stops as soon as its own dependents
        // have, not when a whole level has. Each container is removed the moment it has stopped, on the side:
        // removing holds no one up.
        String orphanNode = "";   // no service has an empty name
        Map<String, List<String>> stopFirst = new LinkedHashMap<>();
        if (everything && !orphans.isEmpty()) {
            stopFirst.put(orphanNode, List.of());
        }
        serviceOrder(p, true).forEach((service, dependents) -> {
            if (!selected.contains(service)) {
                return;
            }
            List<String> before = new ArrayList<>(dependents);
            if (stopFirst.containsKey(orphanNode)) {
                before.add(orphanNode);
            }
            stopFirst.put(service, before);
        });
        List<Future<?>> removals = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ExecutorService remover = Executors.newVirtualThreadPerTaskExecutor()) {
            new GraphRun<>(stopFirst).run(node -> inParallel(node.equals(orphanNode) ? orphans
                    : containers.stream().filter(c -> c.service().equals(node)).toList(), c -> {
                if (isUp(c)) {
                    stopContainer(c, preStopOf(p, c), stopTimeout(p, c, timeout), l);
                }
                removals.add(remover.submit(() -> {
                    l.onEvent(new ProgressEvent(c.service(), c.name(), Step.REMOVING, ""));
                    engine.removeContainer(c.id(), o.removeVolumes());
                    l.onEvent(new ProgressEvent(c.service(), c.name(), Step.REMOVED, ""));
                    return null;
                }));
            }));
            for (Future<?> f : removals) {
                awaitTask(f);
            }
        }
        // what down leaves (orphans without remove orphans, services of profiles not enabled) keeps its networks
        // and volumes: said, not failed, as v2 does
        List<ContainerInfo> kept = new ArrayList<>(disabled);
        kept.addAll(others);
        if (!everything) {
            kept.addAll(orphans);
        }
        String keptBy = kept.isEmpty() ? "" : keptBy(p, everything ? List.of() : orphans, disabled, others);
        Set<String> keptNetworks = new HashSet<>();
        for (ContainerInfo c : kept) {
            engine.inspectContainer(c.id()).ifPresent(d -> keptNetworks.addAll(d.networks().keySet()));
        }
        Set<String> external = new HashSet<>();
        p.networks().values().stream().filter(NetworkSpec::external).forEach(n -> external.add(n.name()));
        for (NetworkInfo n : engine.listNetworks(Map.of(ComposeLabels.PROJECT, p.name()))) {
            if (external.contains(n.name())) {
                continue;
            }
            String resource = "network " + n.name();
            if (keptNetworks.contains(n.name())) {
                l.onEvent(new ProgressEvent("", resource, Step.WARNING, "kept: still used by " + keptBy));
                continue;
            }
            l.onEvent(new ProgressEvent("", resource, Step.REMOVING, ""));
            try {
                removeNetworkOnceFree(n.id());
            } catch (EngineException e) {
                String why = e.getMessage().toLowerCase(java.util.Locale.ROOT);
                if (!why.contains("active endpoints") && !why.contains("in use")) {
                    throw e;
                }
                // as v2: a network that containers outside this project joined stays, and down goes on
                l.onEvent(new ProgressEvent("", resource, Step.WARNING, "kept: still in use by containers outside"
                        + " this project (`docker network inspect " + n.name() + "` lists them)"));
                continue;
            }
            l.onEvent(new ProgressEvent("", resource, Step.REMOVED, ""));
        }
        if (o.removeVolumes()) {
            Set<String> externalVolumes = new HashSet<>();
            p.volumes().values().stream().filter(VolumeSpec::external).forEach(v -> externalVolumes.add(v.name()));
            for (VolumeInfo v : engine.listVolumes(Map.of(ComposeLabels.PROJECT, p.name()))) {
                if (externalVolumes.contains(v.name())) {
                    continue;
                }
                String resource = "volume " + v.name();
                l.onEvent(new ProgressEvent("", resource, Step.REMOVING, ""));
                try {
                    engine.removeVolume(v.name());
                } catch (EngineException e) {
                    if (kept.isEmpty() || !e.getMessage().contains("in use")) {
                        throw e;
                    }
                    l.onEvent(new ProgressEvent("", resource, Step.WARNING, "kept: still used by " + keptBy));
                    continue;
                }
                l.onEvent(new ProgressEvent("", resource, Step.REMOVED, ""));
            }
        }
        for (String image : imagesToRemove(p, o.removeImages())) {
            String resource = "image " + image;
            l.onEvent(new ProgressEvent("", resource, Step.REMOVING, ""));
            switch (engine.removeImage(image)) {
                case REMOVED -> l.onEvent(new ProgressEvent("", resource, Step.REMOVED, ""));
                case NOT_FOUND -> l.onEvent(new ProgressEvent("", resource, Step.DONE, "not found: nothing to remove"));
                case IN_USE -> l.onEvent(new ProgressEvent("", resource, Step.WARNING,
                        "kept: a container still uses it (`docker ps -a --filter ancestor=" + image + "` lists them)"));
            }
        }
    }

    /**
     * The images {@code down --rmi} removes, as v2 picks them: {@code local}, those named after the project and
     * service (built or tagged by Compose for a service without {@code image:}); {@code all}, every service's image.
     */
    static java.util.SequencedSet<String> imagesToRemove(ComposeProject p, String which) {
        java.util.SequencedSet<String> images = new java.util.LinkedHashSet<>();
        if (which == null) {
            return images;
        }
        for (ServiceSpec s : p.services().values()) {
            String image = ComposeLabels.imageName(p, s);
            // a project known by name alone has each container's image: its own ones carry the default name
            if (which.equals("all") || image.equals(p.name() + "-" + s.name())) {
                images.add(image);
            }
        }
        return images;
    }

    /** Who keeps a network or volume after {@code down}, with how to take them down too. */
    private static String keptBy(ComposeProject p, List<ContainerInfo> orphans, List<ContainerInfo> disabled,
                                 List<ContainerInfo> others) {
        List<String> parts = new ArrayList<>();
        if (!others.isEmpty()) {
            parts.add("containers of services not taken down (" + String.join(", ", others.stream()
                    .map(ContainerInfo::name).toList()) + "; `down` without services takes them down too)");
        }
        if (!orphans.isEmpty()) {
            parts.add("orphan containers (" + String.join(", ", orphans.stream().map(ContainerInfo::name).toList())
                    + "; remove orphans takes them down too)");
        }
        if (!disabled.isEmpty()) {
            String flags = profileFlags(p, disabled);
            parts.add("containers of services whose profile is not enabled (" + String.join(", ",
                    disabled.stream().map(ContainerInfo::name).toList()) + (flags.isEmpty() ? ""
                    : "; `" + flags + " down` takes them down too") + ")");
        }
        return String.join(" and ", parts);
    }

    /**
     * dockerd 20.10 releases a removed container's endpoint a moment after the remove call returns; with twenty
     * removals at once the network may still count one. Retry briefly before calling it a failure.
     */
    private void removeNetworkOnceFree(String id) throws EngineException {
        for (int attempt = 1; ; attempt++) {
            try {
                engine.removeNetwork(id);
                return;
            } catch (EngineException e) {
                if (attempt == 10 || e instanceof dev.berth.engine.api.EngineUnavailableException) {
                    throw e;
                }
                sleep(Duration.ofMillis(300));
            }
        }
    }

    private void stopAndRemove(ContainerInfo c, List<ContainerSettings.Hook> preStop, Duration timeout,
                               boolean removeAnonymousVolumes, ProgressListener l) throws EngineException {
        if (isUp(c)) {
            stopContainer(c, preStop, timeout, l);
        }
        l.onEvent(new ProgressEvent(c.service(), c.name(), Step.REMOVING, ""));
        engine.removeContainer(c.id(), removeAnonymousVolumes);
        l.onEvent(new ProgressEvent(c.service(), c.name(), Step.REMOVED, ""));
    }

    // ================================================================== stop, start, restart, kill, rm, pause

    /**
     * Stops the services' running containers, dependents first (all services when {@code services} is empty).
     *
     * @param timeout null: each service's {@code stop_grace_period}, else 10 seconds, as v2 without {@code -t}
     */
    public void stop(ComposeProject p, List<String> services, Duration timeout, ProgressListener l)
            throws EngineException {
        inDependencyOrder(p, services, true, c -> isUp(c), c -> stopContainer(c, preStopOf(p, c),
                stopTimeout(p, c, timeout), l));
    }

    /** Starts the services' existing stopped containers in dependency order, honouring depends_on conditions. */
    public void start(ComposeProject p, List<String> services, ProgressListener l) throws EngineException {
        checkServices(p, services);
        try (ProjectSnapshot snapshot = new ProjectSnapshot(engine, p.name(), SNAPSHOT_MAX_AGE)) {
            start(p, services, snapshot, l);
        }
    }

    private void start(ComposeProject p, List<String> services, ProjectSnapshot snapshot, ProgressListener l)
            throws EngineException {
        if (snapshot.containers().isEmpty()) {
            throw new EngineException("", "project " + p.name() + " has no containers to start",
                    "create them with `up` (or `create`)", null);
        }
        Map<String, List<String>> order = serviceOrder(p, false);
        StartGate gate = startGate(order);
        new GraphRun<>(order).run(service -> {
            if (!services.isEmpty() && !services.contains(service)) {
                return;
            }
            ServiceSpec s = p.service(service);
            awaitDependencies(p, s, snapshot, l);
            for (ContainerInfo c : snapshot.ofService(service)) {
                if (!"running".equals(c.state()) && !"paused".equals(c.state())) {
                    start(s, c.id(), c.name(), gate, l);
                }
            }
            snapshot.invalidate();
        });
    }

    /** Stops then starts the services' containers (running or not), as v2's restart does. */
    public void restart(ComposeProject p, List<String> services, Duration timeout, ProgressListener l)
            throws EngineException {
        if (!services.isEmpty()) {
            // as v2: what depends on them with restart: true restarts too
            Set<String> with = new java.util.LinkedHashSet<>(services);
            for (String service : services) {
                if (p.services().containsKey(service)) {
                    with.addAll(restartingDependents(p, service));
                }
            }
            services = List.copyOf(with);
        }
        stop(p, services, timeout, l);
        inDependencyOrder(p, services, false, c -> true, c -> {
            l.onEvent(new ProgressEvent(c.service(), c.name(), Step.STARTING, "restarting"));
            engine.startContainer(c.id());
            ServiceSpec s = p.services().get(c.service());
            if (s != null) {
                postStart(s, c.id(), c.name(), l);
            }
            l.onEvent(new ProgressEvent(c.service(), c.name(), Step.STARTED, ""));
        });
    }

    /** Sends {@code signal} (null: SIGKILL) to the services' running containers. */
    public void kill(ComposeProject p, List<String> services, String signal, ProgressListener l)
            throws EngineException {
        String sig = signal == null || signal.isBlank() ? "SIGKILL" : signal;
        inDependencyOrder(p, services, true, c -> isUp(c), c -> {
            l.onEvent(new ProgressEvent(c.service(), c.name(), Step.STOPPING, "kill " + sig));
            try {
                engine.killContainer(c.id(), sig);
            } catch (EngineException e) {
                throw new EngineException(c.service(), "cannot send " + sig + " to " + c.name() + ": "
                        + e.getMessage(), "use a signal name like SIGTERM, SIGHUP, SIGKILL or its number", e);
            }
            l.onEvent(new ProgressEvent(c.service(), c.name(), Step.DONE, "killed with " + sig));
        });
    }

    /**
     * Removes the services' stopped containers, as v2's {@code rm}; with {@code stopFirst} running ones are
     * stopped before. Running containers are otherwise left alone and reported. Returns the removed names.
     */
    public List<String> remove(ComposeProject p, List<String> services, boolean stopFirst, boolean anonymousVolumes,
                               ProgressListener l) throws EngineException {
        checkServices(p, services);
        List<String> removed = new ArrayList<>();
        for (ContainerInfo c : ps(p.name(), true)) {
            if (!services.isEmpty() && !services.contains(c.service())) {
                continue;
            }
            if (isUp(c) && !stopFirst) {
                l.onEvent(new ProgressEvent(c.service(), c.name(), Step.WARNING, "running: not removed (stop it"
                        + " first, or use --stop)"));
                continue;
            }
            stopAndRemove(c, preStopOf(p, c), RECREATE_STOP_TIMEOUT, anonymousVolumes, l);
            removed.add(c.name());
        }
        return List.copyOf(removed);
    }

    public void pause(ComposeProject p, List<String> services, ProgressListener l) throws EngineException {
        inDependencyOrder(p, services, true, c -> "running".equals(c.state()), c -> {
            engine.pauseContainer(c.id());
            l.onEvent(new ProgressEvent(c.service(), c.name(), Step.DONE, "Paused"));
        });
    }

    public void unpause(ComposeProject p, List<String> services, ProgressListener l) throws EngineException {
        inDependencyOrder(p, services, false, c -> "paused".equals(c.state()), c -> {
            engine.unpauseContainer(c.id());
            l.onEvent(new ProgressEvent(c.service(), c.name(), Step.DONE, "Unpaused"));
        });
    }

    private static boolean isUp(ContainerInfo c) {
        return "running".equals(c.state()) || "restarting".equals(c.state()) || "paused".equals(c.state());
    }

    /**
     * Runs {@code action} on the chosen services' containers in dependency order (dependents first when
     * {@code dependentsFirst}): each service as soon as the services it waits for are done, its containers in parallel.
     */
    private void inDependencyOrder(ComposeProject p, List<String> services, boolean dependentsFirst,
                              java.util.function.Predicate<ContainerInfo> which, Task<ContainerInfo> action)
            throws EngineException {
        checkServices(p, services);
        List<ContainerInfo> containers = ps(p.name(), true);
        new GraphRun<>(serviceOrder(p, dependentsFirst)).run(service -> inParallel(containers.stream()
                .filter(c -> c.service().equals(service))
                .filter(c -> services.isEmpty() || services.contains(c.service())).filter(which).toList(), action));
    }

    /**
     * {@code services} and every service that depends on one of them, directly or through others (what
     * {@code down SERVICE…} takes down, as v2); names the project does not have are left out.
     */
    static Set<String> withDependents(ComposeProject p, List<String> services) throws EngineException {
        Map<String, List<String>> dependents = serviceOrder(p, true);
        Set<String> selected = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<String> next = new java.util.ArrayDeque<>(services);
        while (!next.isEmpty()) {
            String service = next.pop();
            if (dependents.containsKey(service) && selected.add(service)) {
                next.addAll(dependents.get(service));
            }
        }
        return selected;
    }

    /** Each service to the services that go before it: its dependencies, or its dependents when stopping. */
    private static Map<String, List<String>> serviceOrder(ComposeProject p, boolean dependentsFirst)
            throws EngineException {
        Map<String, List<String>> before = new LinkedHashMap<>();
        for (List<String> level : startLevels(p)) {   // also refuses a cycle with a clear message
            level.forEach(service -> before.put(service, new ArrayList<>()));
        }
        for (ServiceSpec s : p.services().values()) {
            for (String d : DependencyGraph.dependencies(s)) {
                if (before.containsKey(d)) {
                    if (dependentsFirst) {
                        before.get(d).add(s.name());
                    } else {
                        before.get(s.name()).add(d);
                    }
                }
            }
        }
        return before;
    }

    /** Fails naming the first of {@code services} that the project does not have, and the ones it has. */
    public static void checkServices(ComposeProject p, List<String> services) throws EngineException {
        for (String name : services) {
            if (!p.services().containsKey(name)) {
                throw new EngineException(name, "no such service: " + name, "the project's services are: "
                        + String.join(", ", p.services().keySet()), null);
            }
        }
    }

    // ================================================================== ls, top, port, images, pull

    /** The compose projects on the engine (from their containers' labels), sorted by name, as v2's {@code ls -a}. */
    public List<ProjectSummary> projects(boolean includeStopped) throws EngineException {
        Map<String, Map<String, Integer>> states = new java.util.TreeMap<>();
        Map<String, Set<String>> files = new HashMap<>();
        for (ContainerInfo c : engine.listContainers(Map.of(ComposeLabels.PROJECT, ""), true)) {
            states.computeIfAbsent(c.project(), k -> new LinkedHashMap<>()).merge(c.state(), 1, Integer::sum);
            String configFiles = c.labels().getOrDefault(ComposeLabels.CONFIG_FILES, "");
            if (!configFiles.isEmpty()) {
                files.computeIfAbsent(c.project(), k -> new java.util.TreeSet<>())
                        .addAll(List.of(configFiles.split(",")));
            }
        }
        List<ProjectSummary> result = new ArrayList<>();
        states.forEach((name, counts) -> {
            if (includeStopped || counts.containsKey("running")) {
                result.add(new ProjectSummary(name, Map.copyOf(counts), List.copyOf(files.getOrDefault(name,
                        Set.of()))));
            }
        });
        return List.copyOf(result);
    }

    /** The processes of each running container of the services, keyed by container name. */
    public Map<String, ProcessList> top(ComposeProject p, List<String> services) throws EngineException {
        checkServices(p, services);
        Map<String, ProcessList> result = new LinkedHashMap<>();
        for (ContainerInfo c : ps(p.name(), false)) {
            if (services.isEmpty() || services.contains(c.service())) {
                result.put(c.name(), engine.listProcesses(c.id()));
            }
        }
        return result;
    }

    /** The host address a container port of a service's replica {@code index} (1-based) is published on. */
    public Optional<PublishedPort> port(ComposeProject p, String service, int privatePort, String protocol, int index)
            throws EngineException {
        checkServices(p, List.of(service));
        ContainerInfo c = replica(p, service, index);
        String proto = protocol == null || protocol.isBlank() ? "tcp" : protocol;
        return c.ports().stream().filter(port -> port.containerPort() == privatePort && port.protocol().equals(proto))
                .findFirst();
    }

    /** The images the project's containers run. */
    public List<ServiceImage> images(ComposeProject p) throws EngineException {
        List<ServiceImage> result = new ArrayList<>();
        Map<String, Optional<ImageInfo>> seen = new HashMap<>();
        for (ContainerInfo c : ps(p.name(), true)) {
            String ref = c.labels().getOrDefault(ComposeLabels.IMAGE, c.image());
            Optional<ImageInfo> image = seen.containsKey(ref) ? seen.get(ref) : engine.inspectImage(ref);
            seen.put(ref, image);
            String tag = image.flatMap(i -> i.tags().stream().findFirst()).orElse(c.image());
            int colon = tag.lastIndexOf(':');
            boolean tagged = colon > tag.lastIndexOf('/');
            result.add(new ServiceImage(c.name(), c.service(), tagged ? tag.substring(0, colon) : tag,
                    tagged ? tag.substring(colon + 1) : "latest", image.map(ImageInfo::id).orElse(ref),
                    image.map(ImageInfo::size).orElse(0L)));
        }
        return List.copyOf(result);
    }

    /** Pulls the images of the services that name one (those with only {@code build:} are skipped, as in v2). */
    public void pull(ComposeProject p, List<String> services, ProgressListener l) throws EngineException {
        pull(p, services, false, l);
    }

    /**
     * {@code pull [--ignore-pull-failures] [SERVICE…]}: the images of the services that name one, in parallel.
     *
     * @param ignoreFailures an image that cannot be pulled is a warning, and the others still come
     */
    public void pull(ComposeProject p, List<String> services, boolean ignoreFailures, ProgressListener l)
            throws EngineException {
        checkServices(p, services);
        List<ServiceSpec> chosen = p.services().values().stream()
                .filter(s -> services.isEmpty() || services.contains(s.name()))
                .filter(s -> s.image() != null && !s.image().isBlank()).toList();
        inParallel(chosen, s -> {
            try {
                pull(s, s.image(), l);
            } catch (EngineException e) {
                if (!ignoreFailures) {
                    throw e;
                }
                l.onEvent(new ProgressEvent(s.name(), "image " + s.image(), Step.WARNING, "not pulled: "
                        + e.getMessage()));
            }
        });
    }

    private ContainerInfo replica(ComposeProject p, String service, int index) throws EngineException {
        List<ContainerInfo> containers = ps(p.name(), false).stream().filter(c -> c.service().equals(service)).toList();
        if (containers.isEmpty()) {
            throw new EngineException(service, "service " + service + " has no running container",
                    "start it with `up " + service + "`", null);
        }
        return containers.stream().filter(c -> c.number() == index).findFirst().orElseThrow(() ->
                new EngineException(service, "service " + service + " has no replica number " + index,
                        "running replicas: " + String.join(", ", containers.stream()
                                .map(c -> Integer.toString(c.number())).toList()), null));
    }

    // ================================================================== exec, run

    /** Runs a command in a running container of the service; returns the command's exit code. */
    public long exec(ComposeProject p, String service, int index, ExecRequest request, OutputSink sink)
            throws EngineException {
        checkServices(p, List.of(service));
        if (request.command().isEmpty()) {
            throw new EngineException(service, "exec needs a command to run", "e.g. `exec " + service + " sh`", null);
        }
        return engine.exec(replica(p, service, index).id(), request, sink);
    }

    /**
     * Runs a one-off container of the service, named {@code <project>-<service>-run-<id>} and labelled
     * {@code com.docker.compose.oneoff=True} as v2 does; dependencies are brought up first unless told not to.
     * Returns its exit code (0 when detached) and the container's name.
     */
    public RunResult run(ComposeProject p, String service, RunOptions o, OutputSink sink, ProgressListener l)
            throws EngineException {
        checkServices(p, List.of(service));
        ServiceSpec s = p.service(service);
        Set<String> needed = new java.util.LinkedHashSet<>();
        if (!o.noDeps()) {
            collectDependencies(p, s, needed);
        }
        if (!needed.isEmpty()) {
            converge(p, UpOptions.defaults(), true, needed, l);
        } else {
            ensureNetworks(p, l);
            ensureVolumes(p, l);
        }
        String imageId = ensureImages(p, Set.of(service), UpOptions.defaults(), l).get(service);
        ContainerPlan plan = ContainerPlan.of(p, s, 1, ServiceHash.of(s), imageId, resolveNetworkMode(p, s));
        String runId = java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ContainerCreateSpec spec = OneOffContainer.of(p, plan.create(), o.name() != null ? o.name()
                : p.name() + "-" + service + "-run-" + runId, o);
        // as up does, for every folder the container binds: the service's own (those --volume does not replace)
        // and --volume's
        createMissingBindSources(s.name(), spec.mounts().stream()
                .filter(m -> m.type() == ContainerCreateSpec.Mount.Type.BIND).map(ContainerCreateSpec.Mount::source)
                .toList());
        l.onEvent(new ProgressEvent(service, spec.name(), Step.CREATING, ""));
        String id = engine.createContainer(spec);
        for (NetworkAttachment n : plan.laterNetworks()) {
            NetworkAttachment joined = OneOffContainer.laterNetwork(n, spec.name(), o);
            engine.connectNetwork(joined.network(), id, joined.aliases(), joined.ipv4Address());
        }
        Subscription output = null;
        try {
            java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
            OutputSink toCaller = new OutputSink() {
                @Override
                public void onOutput(boolean stderr, byte[] bytes) throws InterruptedException {
                    sink.onOutput(stderr, bytes);
                }

                @Override
                public void onEnd(Throwable error) {
                    ended.countDown();
                    sink.onEnd(error);
                }
            };
            boolean onTerminal = o.terminal() != null && !o.detach();
            if (onTerminal) {
                // attached before the start, so that nothing it writes first is lost
                output = engine.attachTerminal(id, o.terminal().stdin(), toCaller);
            }
            start(s, id, spec.name(), l);
            if (o.detach()) {
                return new RunResult(spec.name(), 0);
            }
            if (onTerminal && o.terminal().size() != null) {
                engine.resizeTerminal(id, o.terminal().size());
            }
            if (!onTerminal) {
                // from the container's first line: the log keeps what it wrote before we attached
                output = engine.streamOutput(id, new LogRequest(true, -1, null), new UntimedOutput(toCaller));
            }
            long code;
            try (TerminalResizes.Following following = onTerminal && o.terminal().resizes() != null
                    ? o.terminal().resizes().follow(size -> resizeQuietly(id, size)) : null) {
                code = engine.awaitExit(id);
            }
            awaitQuietly(ended, Duration.ofSeconds(5));
            return new RunResult(spec.name(), code);
        } finally {
            if (output != null) {
                output.close();
            }
            if (o.remove() && !o.detach()) {
                engine.removeContainer(id, true);
            }
        }
    }

    private void resizeQuietly(String id, ExecRequest.TerminalSize size) {
        try {
            engine.resizeTerminal(id, size);
        } catch (EngineException ended) {
            // the container has just ended: nothing to resize
        }
    }

    /** The name of a one-off container and how it ended. */
    public record RunResult(String container, long exitCode) {
    }

    private static void collectDependencies(ComposeProject p, ServiceSpec s, Set<String> into) {
        for (DependencySpec d : s.dependsOn()) {
            if (p.services().containsKey(d.service()) && into.add(d.service())) {
                collectDependencies(p, p.service(d.service()), into);
            }
        }
    }

    /** The last exit code of the service's first container (as {@code inspect} says), empty when it has none. */
    public java.util.OptionalLong exitCode(ComposeProject p, String service) throws EngineException {
        for (ContainerInfo c : ps(p.name(), true)) {
            if (c.service().equals(service)) {
                Optional<ContainerDetails> d = engine.inspectContainer(c.id());
                if (d.isPresent()) {
                    return java.util.OptionalLong.of(d.get().exitCode());
                }
            }
        }
        return java.util.OptionalLong.empty();
    }

    // ================================================================== a project known by its name alone

    /**
     * The project as its containers on the engine describe it, for verbs given a project name and no file
     * ({@code berth -p NAME down}, as {@code docker compose -p NAME down} does): one service per service label,
     * its image, its number of containers, and its {@code depends_on} from the label both tools set, so that
     * dependents still stop first. Nothing else of the file is known (the engine's defaults apply: 10 s to stop).
     * A project without containers has no services; its networks and volumes are still found by label.
     */
    public ComposeProject projectOnEngine(String name) throws EngineException {
        List<ContainerInfo> containers = ps(name, true);
        Map<String, List<ContainerInfo>> byService = new LinkedHashMap<>();
        containers.forEach(c -> byService.computeIfAbsent(c.service(), k -> new ArrayList<>()).add(c));
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        byService.forEach((service, replicas) -> {
            ContainerInfo first = replicas.getFirst();
            List<DependencySpec> dependsOn = new ArrayList<>();
            for (String entry : first.labels().getOrDefault(ComposeLabels.DEPENDS_ON, "").split(",")) {
                String[] parts = entry.split(":");   // db:service_healthy:false
                if (!parts[0].isBlank() && byService.containsKey(parts[0]) && !parts[0].equals(service)) {
                    dependsOn.add(new DependencySpec(parts[0], parts.length > 1 ? parts[1] : "service_started",
                            parts.length > 2 && Boolean.parseBoolean(parts[2]), true));
                }
            }
            // the image by the name the container was made from, as v2 reads it (down --rmi removes it by name)
            services.put(service, new ServiceSpec(service, first.image(), null, null, null, Map.of(), List.of(), List.of(), null, null, dependsOn,
                    Map.of(), null, Map.of(), null, null, null, replicas.size(), List.of(), null));
        });
        Path workingDir = containers.stream().map(c -> c.labels().get(ComposeLabels.WORKING_DIR))
                .filter(d -> d != null && !d.isBlank()).findFirst().map(Path::of)
                .orElse(Path.of("").toAbsolutePath());
        List<Path> files = containers.stream().map(c -> c.labels().getOrDefault(ComposeLabels.CONFIG_FILES, ""))
                .filter(f -> !f.isBlank()).findFirst().map(f -> java.util.Arrays.stream(f.split(","))
                        .map(Path::of).toList()).orElse(List.of());
        return new ComposeProject(name, workingDir, files, services, Map.of(), Map.of());
    }

    // ================================================================== ps, logs, watch

    /** The project's containers (not one-off ones), sorted by service, then number. */
    public List<ContainerInfo> ps(String project, boolean all) throws EngineException {
        List<ContainerInfo> containers = new ArrayList<>(engine.listContainers(Map.of(ComposeLabels.PROJECT, project,
                ComposeLabels.ONEOFF, "False"), all));
        containers.sort(BY_SERVICE_AND_NUMBER);
        return List.copyOf(containers);
    }

    /** Streams the output of the project's containers; close the stream when done. */
    public LogStream logs(String project, LogOptions o) throws EngineException {
        ProjectLogStream stream = new ProjectLogStream(engine, project, o);
        try {
            stream.begin();
        } catch (EngineException | RuntimeException e) {
            stream.close();
            throw e;
        }
        return stream;
    }

    /** Calls {@code onChange} (debounced, on a background thread) whenever something of the project changes. */
    public AutoCloseable watch(String project, Runnable onChange) throws EngineException {
        return ProjectWatch.start(engine, project, onChange);
    }

    /** Resource use of the project's running containers, about once a second each; close the stream when done. */
    public ProjectStats stats(String project) throws EngineException {
        return ProjectStats.start(engine, ps(project, false));
    }

    /** The engine's events about the project's containers, networks and volumes; close the stream when done. */
    public ProjectEvents events(String project) throws EngineException {
        return ProjectEvents.start(engine, project);
    }

    @Override
    public void close() {
        engine.close();
    }

    // ================================================================== plumbing

    @FunctionalInterface
    private interface Task<T> {
        void run(T item) throws EngineException;
    }

    /** Runs one task per item on virtual threads; waits for all; rethrows the first failure. */
    private static <T> void inParallel(List<T> items, Task<T> task) throws EngineException {
        if (items.size() == 1) {
            task.run(items.getFirst());
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        EngineException first = null;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                futures.add(executor.submit(() -> {
                    task.run(item);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    EngineException failure = e.getCause() instanceof EngineException ee ? ee
                            : new EngineException("unexpected failure: " + e.getCause(), e.getCause());
                    if (first == null) {
                        first = failure;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineException("interrupted", e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void awaitTask(Future<?> f) throws EngineException {
        try {
            f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof EngineException ee ? ee
                    : new EngineException("unexpected failure: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
    }

    /** "; last healthcheck output: ..." or "" when there is none to show. */
    private String lastHealthOutput(String containerId) {
        try {
            List<String> log = engine.healthLog(containerId);
            return log.isEmpty() ? "" : "; last healthcheck output: " + (log.getLast().isEmpty() ? "(none)"
                    : log.getLast());
        } catch (EngineException e) {
            return "";
        }
    }

    /** "\n  last output:\n    ..." with the container's last lines, or "" when it wrote nothing. */
    private String lastLogLines(String containerId) {
        StringBuilder text = new StringBuilder();
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        try (Subscription s = engine.streamOutput(containerId, new LogRequest(false, 10, null),
                new UntimedOutput(new OutputSink() {
                    @Override
                    public void onOutput(boolean stderr, byte[] bytes) {
                        synchronized (text) {
                            text.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }

                    @Override
                    public void onEnd(Throwable error) {
                        ended.countDown();
                    }
                }))) {
            awaitQuietly(ended, Duration.ofSeconds(3));
        } catch (EngineException e) {
            return "";
        }
        synchronized (text) {
            String lines = text.toString().strip();
            return lines.isEmpty() ? "" : "\n  last output:\n    " + lines.replace("\n", "\n    ");
        }
    }

    /** The output stream ends soon after the container; waiting a little lets its last lines arrive. */
    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch, Duration max) {
        try {
            latch.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    static void sleep(Duration d) throws EngineException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting", e);
        }
    }

    // ================================================================== port check (before up)

    /** Checks the project's host ports against other containers and this host's listeners. */
    public PortCheck portCheck() {
        return new PortCheck(engine, Path.of("/proc"));
    }

    /** {@code up SERVICE…}: converges the named services and what they depend on; the others stay as they are. */
    public void up(ComposeProject p, List<String> services, UpOptions o, ProgressListener l) throws EngineException {
        up(p, services, true, o, l);
    }

    /**
     * {@code up SERVICE…} (and {@code scale}): converges the named services, with what they depend on unless
     * {@code withDependencies} is false (v2's {@code --no-deps}: their dependencies are neither touched nor waited
     * for); the other services stay as they are. No names: the whole project, as
     * {@link #up(ComposeProject, UpOptions, ProgressListener)} (orphans included).
     */
    public void up(ComposeProject p, List<String> services, boolean withDependencies, UpOptions o, ProgressListener l)
            throws EngineException {
        converge(p, o, true, chosen(p, services, withDependencies), l);
    }

    /**
     * The services that {@code up SERVICE…} (or {@code create}) works on: those named and, with dependencies, what
     * they depend on; null for all of them (no names given).
     *
     * @throws EngineException naming a service the project does not have
     */
    public static Set<String> chosen(ComposeProject p, List<String> services, boolean withDependencies)
            throws EngineException {
        if (services.isEmpty()) {
            return null;
        }
        checkServices(p, services);
        Set<String> only = new java.util.LinkedHashSet<>(services);
        if (withDependencies) {
            for (String service : services) {
                collectDependencies(p, p.service(service), only);
            }
        }
        return only;
    }
}
