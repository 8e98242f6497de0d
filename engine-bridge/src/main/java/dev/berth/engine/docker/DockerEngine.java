package dev.berth.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.BlkioRateDevice;
import com.github.dockerjava.api.model.BlkioWeightDevice;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.VolumesFrom;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.berth.engine.api.ContainerCreateSpec;
import dev.berth.engine.api.ContainerDetails;
import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineEvent;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.EngineUnavailableException;
import dev.berth.engine.api.EngineVersion;
import dev.berth.engine.api.ExecRequest;
import dev.berth.engine.api.TerminalResizes;
import dev.berth.engine.api.ImageInfo;
import dev.berth.engine.api.ProcessList;
import dev.berth.engine.api.PullProgress;
import dev.berth.engine.api.StatsSample;
import dev.berth.engine.api.ImageBuildRequest;
import dev.berth.engine.api.LogRequest;
import dev.berth.engine.api.NetworkCreateSpec;
import dev.berth.engine.api.NetworkInfo;
import dev.berth.engine.api.OutputSink;
import dev.berth.engine.api.PublishedPort;
import dev.berth.engine.api.Subscription;
import dev.berth.engine.api.VolumeInfo;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The docker-java adapter: the only place that knows docker-java. docker-java's callbacks run on its
 * transport threads; they are wrapped here so that callers only ever see Berth types.
 */
public final class DockerEngine implements Engine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START_DOCKER = "start Docker: `sudo dockerd &` or `sudo systemctl start docker`";

    private final EngineEndpoint endpoint;
    private final DockerClient client;
    private final String api;

    private DockerEngine(EngineEndpoint endpoint, DockerClient client, String api) {
        this.endpoint = endpoint;
        this.client = client;
        this.api = api;
    }

    @Override
    public String apiVersion() {
        return api;
    }

    /**
     * Connects and pings the engine.
     *
     * @throws EngineUnavailableException when nothing answers; the message names the endpoint and the reason
     */
    public static DockerEngine connect(EngineEndpoint endpoint) throws EngineException {
        URI uri;
        try {
            uri = URI.create(endpoint.uri());
        } catch (IllegalArgumentException e) {
            throw new EngineUnavailableException("engine address " + endpoint + " is not a valid URI: " + e.getMessage(),
                    "set DOCKER_HOST to e.g. unix:///var/run/docker.sock or tcp://host:2375", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "unix", "tcp" -> {
            }
            case "ssh" -> throw new EngineUnavailableException("Berth cannot reach an engine over ssh:// (" + endpoint
                    + ")", "forward its socket over SSH and point DOCKER_HOST at the local end: `ssh -NL"
                    + " /tmp/remote-docker.sock:/var/run/docker.sock " + (uri.getPort() < 0 ? "" : "-p "
                    + uri.getPort() + " ") + (uri.getUserInfo() == null ? "" : uri.getUserInfo() + "@")
                    + (uri.getHost() == null ? uri.getAuthority() : uri.getHost()) + "` and"
                    + " DOCKER_HOST=unix:///tmp/remote-docker.sock", null);
            case "npipe" -> throw new EngineUnavailableException("npipe:// is a Windows named pipe; this machine"
                    + " is not Windows (" + endpoint + ")", "use unix:///var/run/docker.sock or a tcp:// address",
                    null);
            default -> throw new EngineUnavailableException("engine address " + endpoint + " has no scheme Berth"
                    + " speaks", "use unix:///path/to/docker.sock or tcp://host:port", null);
        }
        if ("tcp".equals(scheme)) {
            if (uri.getHost() == null) {
                throw new EngineUnavailableException("engine address " + endpoint + " has no host name Berth can read"
                        + " (a name with '_' is not a valid host name)", "use the engine's IP address or a name"
                        + " without '_', e.g. tcp://10.0.0.5:2376", null);
            }
            uri = withDefaultPort(uri, endpoint.tls() != null);
        }
        if ("unix".equals(uri.getScheme())) {
            Path socket = Path.of(uri.getPath());
            if (!Files.exists(socket)) {
                throw new EngineUnavailableException("no Docker engine at " + endpoint + ": no such socket " + socket,
                        startHint(endpoint), null);
            }
            if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
                throw new EngineUnavailableException("no access to the Docker engine at " + endpoint
                        + ": permission denied on " + socket, "add yourself to the docker group"
                        + " (`sudo usermod -aG docker $USER`, then log in again) or run Berth as a user who may use "
                        + socket, null);
            }
        }
        // a unix socket gets a context that is never used: without one the client would build the system's own
        javax.net.ssl.SSLContext tls = endpoint.tls() != null ? TlsContext.of(endpoint)
                : "unix".equals(uri.getScheme()) ? TlsContext.none() : null;
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(uri)
                .sslConfig(tls == null ? null : () -> tls)
                // log streams of every container plus events hold connections open at the same time
                .maxConnections(200)
                .connectionTimeout(Duration.ofSeconds(5))
                // no limit on waiting for an answer (a start on a slow engine, a log followed for hours): without it a
                // TLS connection keeps the connect timeout as its read timeout, and a 6 s start fails
                .responseTimeout(Duration.ZERO)
                .build();
        String api;
        try {
            api = negotiate(endpoint, ping(http));
        } catch (RuntimeException e) {
            closeQuietly(http);
            String reason = reason(e);
            throw new EngineUnavailableException("no Docker engine answers at " + endpoint + ": " + reason,
                    reason.contains("permission denied") ? "add yourself to the docker group (`sudo usermod -aG docker"
                            + " $USER`, then log in again)" : tlsHint(endpoint, reason, e), e);
        } catch (EngineUnavailableException | Error e) {
            closeQuietly(http);
            throw e;
        }
        DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
                .withDockerHost(uri.toString())
                .withDockerTlsVerify(false)
                .withApiVersion(api)
                .build();
        return new DockerEngine(endpoint, DockerClientImpl.getInstance(config, http), api);
    }

    /** {@code tcp://host} as the docker CLI reads it: the engine's port, 2376 with TLS and 2375 without. */
    static URI withDefaultPort(URI tcp, boolean tls) {
        return tcp.getPort() >= 0 ? tcp : URI.create("tcp://" + tcp.getHost() + ":" + (tls ? 2376 : 2375)
                + (tcp.getRawPath() == null ? "" : tcp.getRawPath()));
    }

    /** The newest engine API that docker-java 3.7 knows; Berth speaks no newer one. */
    static final String CLIENT_API = "1.44";
    /** Device requests (GPUs) came with 1.40, Docker Engine 19.03: older engines would drop them silently. */
    static final String OLDEST_API = "1.40";

    /** The engine's {@code /_ping}: its answer's API-Version header, or null when it gives none. */
    private static String ping(com.github.dockerjava.transport.DockerHttpClient http) {
        try (com.github.dockerjava.transport.DockerHttpClient.Response response = http.execute(
                com.github.dockerjava.transport.DockerHttpClient.Request.builder()
                        .method(com.github.dockerjava.transport.DockerHttpClient.Request.Method.GET)
                        .path("/_ping").build())) {
            // read to its end ("OK"), so that the connection goes back to the pool whole, not cut off
            String body = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (response.getStatusCode() / 100 != 2) {
                throw new IllegalStateException("status " + response.getStatusCode() + ": "
                        + body.strip().substring(0, Math.min(500, body.strip().length())));
            }
            return response.getHeader("API-Version");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The API version to speak, as the docker CLI agrees on one: DOCKER_API_VERSION when set; else the engine's,
     * or the newest Berth knows when the engine's is newer (an engine that says none is taken to speak 1.24, as
     * the CLI takes it).
     */
    static String negotiate(EngineEndpoint endpoint, String engineApi) throws EngineUnavailableException {
        if (endpoint.apiVersion() != null) {
            String forced = endpoint.apiVersion().startsWith("v") ? endpoint.apiVersion().substring(1)
                    : endpoint.apiVersion();
            if (!forced.matches("\\d+\\.\\d+")) {
                throw new EngineUnavailableException("DOCKER_API_VERSION=" + endpoint.apiVersion() + " is not an API"
                        + " version", "set it to one like 1.41, or unset it to let Berth and the engine agree on"
                        + " one", null);
            }
            return forced;
        }
        String engine = engineApi == null || engineApi.isBlank() ? "1.24" : engineApi.strip();
        String chosen = EngineVersion.compareApi(engine, CLIENT_API) < 0 ? engine : CLIENT_API;
        if (EngineVersion.compareApi(chosen, OLDEST_API) < 0) {
            throw new EngineUnavailableException("the engine at " + endpoint + " speaks API " + engine + "; Berth"
                    + " needs API " + OLDEST_API + " (Docker Engine 19.03) or newer", "update Docker Engine there,"
                    + " or set DOCKER_API_VERSION to the version to speak if you know better", null);
        }
        return chosen;
    }

    /** What to start when nothing answers: Berth's own engine or VM when a context of theirs names the endpoint. */
    private static String startHint(EngineEndpoint endpoint) {
        if (endpoint.source().startsWith("docker context '" + EndpointResolver.BERTH_VM_CONTEXT + "'")) {
            return "start Berth's VM: `berth vm start` (the context " + EndpointResolver.BERTH_VM_CONTEXT + " points at the port"
                    + " of its latest boot)";
        }
        if (endpoint.source().startsWith("docker context '" + EndpointResolver.BERTH_ENGINE_CONTEXT + "'")) {
            return "start Berth's engine: `sudo berth engine start`";
        }
        return START_DOCKER;
    }

    /**
     * What to do when a TCP engine did not answer: most often its TLS and ours disagree. {@code e}'s chain tells
     * how: an untrusted or misnamed certificate, a client certificate it wanted, TLS where it speaks plain HTTP or
     * the other way round.
     */
    private static String tlsHint(EngineEndpoint endpoint, String reason, Throwable e) {
        if (!endpoint.uri().startsWith("tcp://") || reason.equals("connection refused")) {
            return startHint(endpoint);   // nothing listens there
        }
        StringBuilder chain = new StringBuilder(reason);
        for (Throwable t = e; t != null && chain.length() < 4_000; t = t.getCause() == t ? null : t.getCause()) {
            chain.append(' ').append(t.getClass().getSimpleName()).append(' ').append(t.getMessage());
        }
        String all = chain.toString().toLowerCase(java.util.Locale.ROOT);
        String files = endpoint.tls() == null || endpoint.tls().directory() == null ? "DOCKER_CERT_PATH"
                : endpoint.tls().directory().toString();
        if (all.contains("http request to an https server")) {
            return "the engine speaks TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder with its"
                    + " ca.pem, cert.pem and key.pem";
        }
        boolean hungUp = all.contains("reset") || all.contains("closed") || all.contains("failed to respond")
                || all.contains("end of stream") || all.contains("eof") || all.contains("broken pipe")
                || all.contains("abort") || all.contains("handshake");
        if (endpoint.tls() == null) {
            return (hungUp ? "something listens there but hung up" : startHint(endpoint)) + "; if it is an engine that"
                    + " speaks TLS (port 2376, as Docker Machine sets it up), set DOCKER_TLS_VERIFY=1 and"
                    + " DOCKER_CERT_PATH to the folder with its ca.pem, cert.pem and key.pem";
        }
        if (all.contains("pkix") || all.contains("unable to find valid certification path")) {
            return "the engine's certificate is not signed by the authority in " + files + "/ca.pem (or, without"
                    + " it, by one the system trusts): point DOCKER_CERT_PATH at that engine's files";
        }
        if (all.contains("subject alternative") || all.contains("hostname") || all.contains("doesn't match")) {
            return "the engine's certificate does not name the host in " + endpoint.uri() + ": use the name or"
                    + " address it was made for" + (endpoint.tls().verify() ? "" : " (Berth checks the name even"
                    + " when DOCKER_TLS_VERIFY is not set, unlike the docker CLI)");
        }
        if (all.contains("unrecognized ssl message") || all.contains("plaintext connection")) {
            return "the engine does not speak TLS on this port: unset DOCKER_TLS_VERIFY and DOCKER_TLS, or use its"
                    + " TLS port (2376)";
        }
        java.nio.file.Path dir = endpoint.tls().directory();
        boolean clientCertificate = dir != null && Files.isRegularFile(dir.resolve("cert.pem"))
                && Files.isRegularFile(dir.resolve("key.pem"));
        // with TLS 1.3 an engine that wants a client certificate may say so (an alert) or just hang up
        if (all.contains("certificate_required") || all.contains("certificate required")
                || !clientCertificate && hungUp) {
            return "the engine wants a client certificate it trusts: put that engine's cert.pem and key.pem in "
                    + files + (clientCertificate ? "" : " (there are none)");
        }
        if (all.contains("bad_certificate") || all.contains("unknown_ca") || hungUp) {
            return "the engine did not accept the client certificate in " + files + "/cert.pem: use the cert.pem"
                    + " and key.pem made for that engine";
        }
        return "check that the engine listens there with TLS and that " + files + " holds its ca.pem, cert.pem"
                + " and key.pem";
    }

    /** The innermost cause's message, which is where "connection refused" and friends live. */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String lower = message.toLowerCase();
        if (lower.contains("refused")) {
            return "connection refused";
        }
        if (lower.contains("no such file")) {
            return "no such socket";
        }
        if (lower.contains("permission denied") || lower.contains("access denied")) {
            return "permission denied";
        }
        return message;
    }

    @Override
    public EngineEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public EngineVersion version() throws EngineException {
        Version v = call("read the engine version", () -> client.versionCmd().exec());
        return new EngineVersion(v.getVersion(), v.getApiVersion(), v.getOperatingSystem(), v.getArch());
    }

    @Override
    public int cpus() throws EngineException {
        Integer n = call("read the engine's machine", () -> client.infoCmd().exec().getNCPU());
        return n == null ? 0 : n;
    }

    // ------------------------------------------------------------------ images

    @Override
    public Optional<String> imageId(String reference) throws EngineException {
        return optional("inspect image " + reference, () -> client.inspectImageCmd(reference).exec().getId());
    }

    @Override
    public void pullImage(String reference, Consumer<PullProgress> progress) throws EngineException {
        call("pull image " + reference, () -> {
            try {
                client.pullImageCmd(reference).exec(new PullImageResultCallback() {
                    @Override
                    public void onNext(PullResponseItem item) {
                        super.onNext(item);
                        if (item.getStatus() != null) {
                            var detail = item.getProgressDetail();
                            long current = detail == null || detail.getCurrent() == null ? 0 : detail.getCurrent();
                            long total = detail == null || detail.getTotal() == null ? 0 : detail.getTotal();
                            progress.accept(new PullProgress(item.getId() == null ? "" : item.getId(),
                                    item.getStatus(), current, total));
                        }
                    }
                }).awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pulling " + reference, e);
            }
            return null;
        });
    }

    @Override
    public Optional<ImageInfo> inspectImage(String reference) throws EngineException {
        return optional("inspect image " + reference, () -> {
            var r = client.inspectImageCmd(reference).exec();
            Set<String> volumes = r.getConfig() == null || r.getConfig().getVolumes() == null
                    ? Set.of() : r.getConfig().getVolumes().keySet();
            return new ImageInfo(r.getId(), r.getRepoTags() == null ? List.of() : List.copyOf(r.getRepoTags()),
                    r.getSize() == null ? 0 : r.getSize(), volumes);
        });
    }

    @Override
    public String buildImage(ImageBuildRequest request, Consumer<String> output) throws EngineException {
        Path context = request.context();
        if (!Files.isDirectory(context)) {
            throw new EngineException("", "build context " + context + " is not a directory",
                    "fix `build.context` so it names an existing directory", null);
        }
        boolean inline = request.dockerfileInline() != null;
        String dockerfileName = request.dockerfile() == null ? "Dockerfile" : request.dockerfile();
        Path dockerfile = context.resolve(dockerfileName).normalize();
        if (!inline && !Files.isRegularFile(dockerfile)) {
            throw new EngineException("", "no Dockerfile at " + dockerfile,
                    "create it, or point `build.dockerfile` at the right file (relative to " + context + ")", null);
        }
        // the last lines of output are what explains a failing step
        Deque<String> recent = new ArrayDeque<>();
        AtomicReference<String> error = new AtomicReference<>();
        Path contextTar = null;
        BuildImageCmd cmd;
        if (inline) {
            // the docker CLI's way with a Dockerfile from stdin: one more file in the context's tar, named apart
            String name = ".berth-dockerfile-inline-" + java.util.UUID.randomUUID();
            try {
                contextTar = BuildContextTar.write(context, name, request.dockerfileInline());
                cmd = client.buildImageCmd(Files.newInputStream(contextTar)).withDockerfilePath(name);
            } catch (java.io.IOException e) {
                throw new EngineException("", "cannot read the build context " + context + ": " + e.getMessage(),
                        "check that every file of the context can be read", e);
            }
            dockerfile = null;
        } else {
            cmd = client.buildImageCmd()
                    .withBaseDirectory(context.toFile())
                    .withDockerfile(dockerfile.toFile());
        }
        // the failing step's container goes too (the classic builder keeps it by default; BuildKit, v2's default
        // builder, leaves none), so a failed build leaves nothing behind
        cmd.withTags(Set.of(request.tag())).withRemove(true).withForcerm(true);
        if (!request.labels().isEmpty()) {
            cmd.withLabels(request.labels());
        }
        request.args().forEach(cmd::withBuildArg);
        if (request.noCache()) {
            cmd.withNoCache(true);
        }
        if (request.pull()) {
            cmd.withPull(true);
        }
        if (request.target() != null && !request.target().isBlank()) {
            cmd.withTarget(request.target());
        }
        try {
            return cmd.exec(new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                    super.onNext(item);
                    if (item.getStream() != null) {
                        for (String line : item.getStream().split("\n")) {
                            if (!line.isBlank()) {
                                synchronized (recent) {
                                    recent.addLast(line);
                                    if (recent.size() > 20) {
                                        recent.removeFirst();
                                    }
                                }
                                output.accept(line);
                            }
                        }
                    }
                    if (item.isErrorIndicated()) {
                        String message = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                                ? item.getErrorDetail().getMessage() : item.getError();
                        error.set(message);
                        output.accept(message);
                    }
                }
            }).awaitImageId();
        } catch (RuntimeException e) {
            String steps;
            synchronized (recent) {
                steps = String.join("\n    ", recent);
            }
            String why = error.get() != null ? error.get() : engineMessage(e);
            throw new EngineException("", "building image " + request.tag() + " failed: " + why
                    + (steps.isEmpty() ? "" : "\n  last build output:\n    " + steps),
                    "fix the failing step in " + (dockerfile == null ? "`build.dockerfile_inline`" : dockerfile)
                            + " and run again", e);
        } finally {
            if (contextTar != null) {
                try {
                    Files.deleteIfExists(contextTar);
                } catch (java.io.IOException ignored) {
                    // a temporary file left in the temporary directory
                }
            }
        }
    }

    // ------------------------------------------------------------------ containers

    @Override
    public List<ContainerInfo> listContainers(Map<String, String> labels, boolean includeStopped)
            throws EngineException {
        List<Container> containers = call("list containers", () -> client.listContainersCmd()
                .withShowAll(includeStopped).withFilter("label", labelFilter(labels)).exec());
        List<ContainerInfo> result = new ArrayList<>();
        for (Container c : containers) {
            Map<String, String> l = c.getLabels() == null ? Map.of() : c.getLabels();
            String name = c.getNames() != null && c.getNames().length > 0 ? c.getNames()[0].replaceFirst("^/", "")
                    : c.getId();
            List<PublishedPort> ports = new ArrayList<>();
            if (c.getPorts() != null) {
                for (ContainerPort p : c.getPorts()) {
                    if (p.getPublicPort() != null) {
                        ports.add(new PublishedPort(p.getIp() == null ? "" : p.getIp(), p.getPublicPort(),
                                p.getPrivatePort() == null ? 0 : p.getPrivatePort(), p.getType()));
                    }
                }
            }
            result.add(new ContainerInfo(c.getId(), name, l.getOrDefault("com.docker.compose.project", ""),
                    l.getOrDefault("com.docker.compose.service", ""), number(l.get("com.docker.compose.container-number")),
                    c.getImage(), c.getState(), healthOf(c.getStatus()), c.getStatus(), List.copyOf(ports), Map.copyOf(l)));
        }
        return result;
    }

    private static int number(String label) {
        try {
            return label == null ? 0 : Integer.parseInt(label.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The list call reports health only inside the status text: "Up 3 seconds (healthy)". */
    private static String healthOf(String status) {
        if (status == null) {
            return "";
        }
        if (status.contains("(healthy)")) {
            return "healthy";
        }
        if (status.contains("(unhealthy)")) {
            return "unhealthy";
        }
        if (status.contains("(health: starting)")) {
            return "starting";
        }
        return "";
    }

    @Override
    public Optional<ContainerDetails> inspectContainer(String idOrName) throws EngineException {
        Optional<InspectContainerResponse> found = optional("inspect container " + idOrName,
                () -> client.inspectContainerCmd(idOrName).exec());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        InspectContainerResponse r = found.get();
        InspectContainerResponse.ContainerState s = r.getState();
        String health = s.getHealth() == null || s.getHealth().getStatus() == null ? "" : s.getHealth().getStatus();
        Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null ? Map.of()
                : Map.copyOf(r.getConfig().getLabels());
        Map<String, List<String>> networks = new LinkedHashMap<>();
        if (r.getNetworkSettings() != null && r.getNetworkSettings().getNetworks() != null) {
            r.getNetworkSettings().getNetworks().forEach((network, settings) -> networks.put(network,
                    settings.getAliases() == null ? List.of() : List.copyOf(settings.getAliases())));
        }
        List<ContainerDetails.VolumeMount> volumes = new ArrayList<>();
        if (r.getMounts() != null) {
            for (InspectContainerResponse.Mount m : r.getMounts()) {
                // only volume mounts carry a name (binds and tmpfs have none)
                if (m.getName() != null && !m.getName().isBlank() && m.getDestination() != null) {
                    volumes.add(new ContainerDetails.VolumeMount(m.getName(), m.getDestination().getPath(),
                            !Boolean.TRUE.equals(m.getRW())));
                }
            }
        }
        return Optional.of(new ContainerDetails(r.getId(), r.getName().replaceFirst("^/", ""), s.getStatus(),
                Boolean.TRUE.equals(s.getRunning()), health, s.getExitCodeLong() == null ? 0 : s.getExitCodeLong(),
                r.getImageId(), labels, Map.copyOf(networks), volumes));
    }

    @Override
    public String createContainer(ContainerCreateSpec spec) throws EngineException {
        HostConfig host = HostConfig.newHostConfig();
        Ports bindings = new Ports();
        List<ExposedPort> exposed = new ArrayList<>();
        for (ContainerCreateSpec.PortBinding p : spec.ports()) {
            ExposedPort port = new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
            if (!exposed.contains(port)) {
                exposed.add(port);
            }
            String ip = p.hostIp() == null ? "" : p.hostIp();
            bindings.bind(port, p.hostPort() == null ? Ports.Binding.bindIp(ip) : Ports.Binding.bindIpAndPort(ip,
                    p.hostPort()));
        }
        host.withPortBindings(bindings);
        List<Mount> mounts = new ArrayList<>();
        for (ContainerCreateSpec.Mount m : spec.mounts()) {
            Mount mount = new Mount().withTarget(m.target()).withReadOnly(m.readOnly());
            switch (m.type()) {
                case BIND -> mount.withType(MountType.BIND).withSource(m.source());
                case VOLUME -> {
                    mount.withType(MountType.VOLUME);
                    if (m.source() != null) {
                        mount.withSource(m.source());
                    }
                }
                case TMPFS -> mount.withType(MountType.TMPFS);
            }
            mounts.add(mount);
        }
        if (!mounts.isEmpty()) {
            host.withMounts(mounts);
        }
        if (spec.restartPolicy() != null && !spec.restartPolicy().isBlank()) {
            try {
                host.withRestartPolicy(RestartPolicy.parse(spec.restartPolicy()));
            } catch (IllegalArgumentException e) {
                throw new EngineException("", "container " + spec.name() + ": restart policy '" + spec.restartPolicy()
                        + "' is not one of no, always, unless-stopped, on-failure[:max-retries]",
                        "fix `restart:` in the compose file", e);
            }
        }
        CreateContainerCmd cmd = client.createContainerCmd(spec.image())
                .withName(spec.name())
                .withLabels(spec.labels())
                .withEnv(spec.env())
                .withHostConfig(host);
        if (spec.entrypoint() != null) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (spec.command() != null) {
            cmd.withCmd(spec.command());
        }
        if (spec.user() != null && !spec.user().isBlank()) {
            cmd.withUser(spec.user());
        }
        if (spec.workingDir() != null && !spec.workingDir().isBlank()) {
            cmd.withWorkingDir(spec.workingDir());
        }
        if (spec.healthcheck() != null) {
            ContainerCreateSpec.Healthcheck h = spec.healthcheck();
            HealthCheck check = new HealthCheck().withTest(h.test());
            if (h.interval() != null) {
                check.withInterval(h.interval().toNanos());
            }
            if (h.timeout() != null) {
                check.withTimeout(h.timeout().toNanos());
            }
            if (h.startPeriod() != null) {
                check.withStartPeriod(h.startPeriod().toNanos());
            }
            if (h.retries() != null) {
                check.withRetries(h.retries());
            }
            cmd.withHealthcheck(check);
        }
        if (spec.firstNetwork() != null) {
            // docker-java puts aliases and the address into NetworkingConfig for this (user-defined) network
            host.withNetworkMode(spec.firstNetwork().network());
            cmd.withAliases(spec.firstNetwork().aliases());
            if (spec.firstNetwork().ipv4Address() != null) {
                cmd.withIpv4Address(spec.firstNetwork().ipv4Address());
            }
        } else if (spec.networkMode() != null) {
            host.withNetworkMode(spec.networkMode());
        }
        applySettings(spec, cmd, host, exposed);
        String id = call("create container " + spec.name(), () -> cmd.exec().getId());
        if (!spec.files().isEmpty()) {
            byte[] archive = ContainerFiles.tar(spec.files());
            call("write secrets and configs into container " + spec.name(), () -> {
                client.copyArchiveToContainerCmd(id).withRemotePath("/")
                        .withTarInputStream(new java.io.ByteArrayInputStream(archive)).exec();
                return null;
            });
        }
        return id;
    }

    /** The settings beyond the basics; unset ones are left out so the engine's defaults apply. */
    private static void applySettings(ContainerCreateSpec spec, CreateContainerCmd cmd, HostConfig host,
                                      List<ExposedPort> exposed) throws EngineException {
        ContainerCreateSpec.Settings s = spec.settings();
        if (!s.ulimits().isEmpty()) {
            List<Ulimit> ulimits = new ArrayList<>();
            s.ulimits().forEach((name, u) -> ulimits.add(new Ulimit(name, u.soft(), u.hard())));
            host.withUlimits(ulimits);
        }
        if (!s.devices().isEmpty()) {
            host.withDevices(s.devices().stream().map(DockerEngine::device).toList());
        }
        if (!s.extraHosts().isEmpty()) {
            host.withExtraHosts(s.extraHosts().toArray(String[]::new));
        }
        if (!s.dns().isEmpty()) {
            host.withDns(s.dns());
        }
        if (!s.dnsSearch().isEmpty()) {
            host.withDnsSearch(s.dnsSearch());
        }
        if (!s.capAdd().isEmpty()) {
            host.withCapAdd(capabilities(spec.name(), "cap_add", s.capAdd()));
        }
        if (!s.capDrop().isEmpty()) {
            host.withCapDrop(capabilities(spec.name(), "cap_drop", s.capDrop()));
        }
        if (s.privileged()) {
            host.withPrivileged(true);
        }
        if (s.readOnly()) {
            host.withReadonlyRootfs(true);
        }
        if (s.init() != null) {
            host.withInit(s.init());
        }
        if (s.stopSignal() != null && !s.stopSignal().isBlank()) {
            cmd.withStopSignal(s.stopSignal());
        }
        if (s.stopTimeout() != null) {
            cmd.withStopTimeout(s.stopTimeout());
        }
        if (!s.tmpfs().isEmpty()) {
            host.withTmpFs(s.tmpfs());
        }
        if (s.shmSize() != null) {
            host.withShmSize(s.shmSize());
        }
        if (s.memory() != null) {
            host.withMemory(s.memory());
        }
        if (s.memoryReservation() != null) {
            host.withMemoryReservation(s.memoryReservation());
        }
        if (s.nanoCpus() != null) {
            host.withNanoCPUs(s.nanoCpus());
        }
        if (s.pidsLimit() != null) {
            host.withPidsLimit(s.pidsLimit());
        }
        ContainerCreateSpec.Cgroup g = s.cgroup();
        if (g.cpuShares() != null) {
            host.withCpuShares(g.cpuShares().intValue());
        }
        if (g.cpuQuota() != null) {
            host.withCpuQuota(g.cpuQuota());
        }
        if (g.cpuPeriod() != null) {
            host.withCpuPeriod(g.cpuPeriod());
        }
        if (g.cpusetCpus() != null && !g.cpusetCpus().isBlank()) {
            host.withCpusetCpus(g.cpusetCpus());
        }
        if (g.memorySwap() != null) {
            host.withMemorySwap(g.memorySwap());
        }
        if (g.memorySwappiness() != null) {
            host.withMemorySwappiness(g.memorySwappiness());
        }
        if (g.oomKillDisable() != null) {
            host.withOomKillDisable(g.oomKillDisable());
        }
        if (g.oomScoreAdj() != null) {
            host.withOomScoreAdj(g.oomScoreAdj());
        }
        if (g.cgroupParent() != null && !g.cgroupParent().isBlank()) {
            host.withCgroupParent(g.cgroupParent());
        }
        if (g.cpuRealtimePeriod() != null) {
            host.withCpuRealtimePeriod(g.cpuRealtimePeriod());
        }
        if (g.cpuRealtimeRuntime() != null) {
            host.withCpuRealtimeRuntime(g.cpuRealtimeRuntime());
        }
        if (!s.deviceRequests().isEmpty()) {
            host.withDeviceRequests(s.deviceRequests().stream().map(d -> new DeviceRequest().withDriver(d.driver())
                    .withCount(d.count()).withDeviceIds(d.deviceIds().isEmpty() ? null : d.deviceIds())
                    .withCapabilities(d.capabilities())
                    .withOptions(d.options())).toList());
        }
        if (!s.annotations().isEmpty()) {
            host.withAnnotations(s.annotations());   // API 1.43+; an older engine ignores it (the runtime warns)
        }
        ContainerCreateSpec.Isolation iso = s.isolation();
        if (!iso.securityOpt().isEmpty()) {
            host.withSecurityOpts(iso.securityOpt());
        }
        if (!iso.groupAdd().isEmpty()) {
            host.withGroupAdd(iso.groupAdd());
        }
        if (iso.usernsMode() != null && !iso.usernsMode().isBlank()) {
            host.withUsernsMode(iso.usernsMode());
        }
        if (iso.runtime() != null && !iso.runtime().isBlank()) {
            host.withRuntime(iso.runtime());
        }
        if (!iso.storageOpt().isEmpty()) {
            host.withStorageOpt(iso.storageOpt());
        }
        if (s.macAddress() != null && !s.macAddress().isBlank()) {
            cmd.withMacAddress(s.macAddress());
        }
        if (!s.volumesFrom().isEmpty()) {
            host.withVolumesFrom(s.volumesFrom().stream().map(VolumesFrom::parse).toArray(VolumesFrom[]::new));
        }
        if (!s.links().isEmpty()) {
            host.withLinks(s.links().stream().map(com.github.dockerjava.api.model.Link::parse).toList());
        }
        if (!s.dnsOptions().isEmpty()) {
            host.withDnsOptions(s.dnsOptions());
        }
        if (s.uts() != null && !s.uts().isBlank()) {
            host.withUtSMode(s.uts());
        }
        if (s.cgroupns() != null && !s.cgroupns().isBlank()) {
            host.withCgroupnsMode(s.cgroupns());
        }
        if (!s.deviceCgroupRules().isEmpty()) {
            host.withDeviceCgroupRules(s.deviceCgroupRules());
        }
        ContainerCreateSpec.Blkio blkio = s.blkio();
        if (blkio.weight() != null) {
            host.withBlkioWeight(blkio.weight());
        }
        if (!blkio.weightDevice().isEmpty()) {
            host.withBlkioWeightDevice(blkio.weightDevice().entrySet().stream().map(e -> new BlkioWeightDevice()
                    .withPath(e.getKey()).withWeight(e.getValue().intValue())).toList());
        }
        if (!blkio.readBps().isEmpty()) {
            host.withBlkioDeviceReadBps(rates(blkio.readBps()));
        }
        if (!blkio.readIops().isEmpty()) {
            host.withBlkioDeviceReadIOps(rates(blkio.readIops()));
        }
        if (!blkio.writeBps().isEmpty()) {
            host.withBlkioDeviceWriteBps(rates(blkio.writeBps()));
        }
        if (!blkio.writeIops().isEmpty()) {
            host.withBlkioDeviceWriteIOps(rates(blkio.writeIops()));
        }
        if (!s.sysctls().isEmpty()) {
            host.withSysctls(s.sysctls());
        }
        if (s.ipc() != null && !s.ipc().isBlank()) {
            host.withIpcMode(s.ipc());
        }
        if (s.pid() != null && !s.pid().isBlank()) {
            host.withPidMode(s.pid());
        }
        if (s.hostname() != null && !s.hostname().isBlank()) {
            cmd.withHostName(s.hostname());
        }
        if (s.domainname() != null && !s.domainname().isBlank()) {
            cmd.withDomainName(s.domainname());
        }
        for (String port : s.exposed()) {
            int slash = port.indexOf('/');
            try {
                ExposedPort e = new ExposedPort(Integer.parseInt(slash < 0 ? port : port.substring(0, slash)),
                        InternetProtocol.parse(slash < 0 ? "tcp" : port.substring(slash + 1)));
                if (!exposed.contains(e)) {
                    exposed.add(e);
                }
            } catch (IllegalArgumentException e) {
                throw new EngineException("", "container " + spec.name() + ": expose entry '" + port
                        + "' is not a port like 80 or 53/udp", "fix `expose:` in the compose file", e);
            }
        }
        cmd.withExposedPorts(exposed);
        if (s.logDriver() != null || !s.logOptions().isEmpty()) {
            LogConfig.LoggingType driver = null;
            if (s.logDriver() != null) {
                try {
                    driver = LogConfig.LoggingType.fromValue(s.logDriver());
                } catch (IllegalArgumentException e) {
                    throw new EngineException("", "container " + spec.name() + ": logging driver '" + s.logDriver()
                            + "' is not one this engine client knows", "use json-file, local, journald, syslog,"
                            + " gelf, fluentd, awslogs, splunk, gcplogs, etwlogs, loki or none", e);
                }
            }
            host.withLogConfig(new LogConfig(driver, s.logOptions().isEmpty() ? null : s.logOptions()));
        }
        if (s.platform() != null && !s.platform().isBlank()) {
            cmd.withPlatform(s.platform());
        }
        if (s.tty()) {
            cmd.withTty(true);
        }
        if (s.stdinOpen()) {
            cmd.withStdinOpen(true);
        }
    }

    /** {@code host[:container[:permissions]]}, as the docker CLI reads --device. */
    private static Device device(String text) {
        String[] parts = text.split(":");
        String container = parts.length > 1 && parts[1].startsWith("/") ? parts[1] : parts[0];
        String permissions = parts.length > 2 ? parts[2] : parts.length == 2 && !parts[1].startsWith("/")
                ? parts[1] : "rwm";
        return new Device(permissions, container, parts[0]);
    }

    /** Names as compose writes them (NET_ADMIN, CAP_NET_ADMIN, all), checked against the kernel's list. */
    private static Capability[] capabilities(String container, String key, List<String> names)
            throws EngineException {
        List<Capability> result = new ArrayList<>();
        for (String name : names) {
            String bare = name.strip().toUpperCase(java.util.Locale.ROOT).replaceFirst("^CAP_", "");
            try {
                result.add(Capability.valueOf(bare));
            } catch (IllegalArgumentException e) {
                throw new EngineException("", "container " + container + ": " + key + " names an unknown capability '"
                        + name + "'", "use a Linux capability name such as NET_ADMIN or SYS_TIME, or ALL", e);
            }
        }
        return result.toArray(Capability[]::new);
    }

    @Override
    public void connectNetwork(String network, String containerId, List<String> aliases, String ipv4Address)
            throws EngineException {
        ContainerNetwork endpointConfig = new ContainerNetwork().withAliases(aliases);
        if (ipv4Address != null) {
            endpointConfig.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(ipv4Address));
        }
        call("connect container " + containerId + " to network " + network, () -> {
            client.connectToNetworkCmd().withNetworkId(network).withContainerId(containerId)
                    .withContainerNetwork(endpointConfig).exec();
            return null;
        });
    }

    @Override
    public ImageRemoval removeImage(String reference) throws EngineException {
        return call("remove image " + reference, () -> {
            try {
                client.removeImageCmd(reference).exec();
                return ImageRemoval.REMOVED;
            } catch (NotFoundException e) {
                return ImageRemoval.NOT_FOUND;
            } catch (ConflictException e) {
                return ImageRemoval.IN_USE;
            }
        });
    }

    @Override
    public void startContainer(String id) throws EngineException {
        callAllowing("start container " + id, () -> client.startContainerCmd(id).exec(), NotModifiedException.class);
    }

    @Override
    public void stopContainer(String id, Duration timeout) throws EngineException {
        callAllowing("stop container " + id,
                () -> (timeout == null ? client.stopContainerCmd(id)
                        : client.stopContainerCmd(id).withTimeout((int) Math.max(0, timeout.toSeconds()))).exec(),
                NotModifiedException.class, NotFoundException.class);
    }

    @Override
    public void removeContainer(String id, boolean removeAnonymousVolumes) throws EngineException {
        callAllowing("remove container " + id,
                () -> client.removeContainerCmd(id).withForce(true).withRemoveVolumes(removeAnonymousVolumes).exec(),
                NotFoundException.class);
    }

    @Override
    public void killContainer(String id, String signal) throws EngineException {
        call("kill container " + id, () -> {
            var cmd = client.killContainerCmd(id);
            if (signal != null && !signal.isBlank()) {
                cmd.withSignal(signal);
            }
            cmd.exec();
            return null;
        });
    }

    @Override
    public void pauseContainer(String id) throws EngineException {
        call("pause container " + id, () -> client.pauseContainerCmd(id).exec());
    }

    @Override
    public void unpauseContainer(String id) throws EngineException {
        call("unpause container " + id, () -> client.unpauseContainerCmd(id).exec());
    }

    @Override
    public ProcessList listProcesses(String id) throws EngineException {
        var top = call("list the processes of container " + id, () -> client.topContainerCmd(id).exec());
        List<List<String>> rows = new ArrayList<>();
        if (top.getProcesses() != null) {
            for (String[] row : top.getProcesses()) {
                rows.add(List.of(row));
            }
        }
        return new ProcessList(top.getTitles() == null ? List.of() : List.of(top.getTitles()), List.copyOf(rows));
    }

    @Override
    public List<String> healthLog(String id) throws EngineException {
        var state = call("inspect container " + id, () -> client.inspectContainerCmd(id).exec().getState());
        if (state == null || state.getHealth() == null || state.getHealth().getLog() == null) {
            return List.of();
        }
        return state.getHealth().getLog().stream().map(r -> r.getOutput() == null ? "" : r.getOutput().strip())
                .toList();
    }

    @Override
    public long awaitExit(String id) throws EngineException {
        Integer code = call("wait for container " + id, () -> client.waitContainerCmd(id)
                .exec(new WaitContainerResultCallback()).awaitStatusCode());
        return code == null ? 0 : code;
    }

    @Override
    public long exec(String containerId, ExecRequest request, OutputSink sink) throws EngineException {
        var create = client.execCreateCmd(containerId).withCmd(request.command().toArray(String[]::new))
                .withAttachStdout(!request.detach()).withAttachStderr(!request.detach())
                .withAttachStdin(request.stdin() != null && !request.detach())
                .withTty(request.tty());
        if (request.user() != null && !request.user().isBlank()) {
            create.withUser(request.user());
        }
        if (request.workingDir() != null && !request.workingDir().isBlank()) {
            create.withWorkingDir(request.workingDir());
        }
        if (request.env() != null && !request.env().isEmpty()) {
            create.withEnv(request.env());
        }
        if (request.privileged()) {
            create.withPrivileged(true);
        }
        String execId = call("run a command in container " + containerId, () -> create.exec().getId());
        if (request.detach()) {
            call("start a command in container " + containerId, () -> {
                try {
                    client.execStartCmd(execId).withDetach(true).withTty(request.tty())
                            .exec(new ResultCallback.Adapter<>()).awaitCompletion();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting the command", e);
                }
                return null;
            });
            return 0;
        }
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    sink.onOutput(frame.getStreamType() == StreamType.STDERR, frame.getPayload());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closeQuietly(this);
                }
            }
        };
        call("run a command in container " + containerId, () -> {
            var start = client.execStartCmd(execId).withDetach(false).withTty(request.tty());
            if (request.stdin() != null) {
                start.withStdIn(request.stdin());
            }
            try {
                start.exec(callback);
                if (request.tty() && request.size() != null) {
                    resizeOnceRunning(execId, request.size());
                }
                try (TerminalResizes.Following following = request.tty() && request.resizes() != null
                        ? request.resizes().follow(size -> resizeQuietly(execId, size)) : null) {
                    callback.awaitCompletion();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly(callback);
                throw new IllegalStateException("interrupted while the command ran", e);
            }
            return null;
        });
        sink.onEnd(null);
        // the output ends a moment before the engine records the exit code: ask until it has one
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            var inspected = call("read the exit code of a command in container " + containerId,
                    () -> client.inspectExecCmd(execId).exec());
            if (!Boolean.TRUE.equals(inspected.isRunning()) && inspected.getExitCodeLong() != null) {
                return inspected.getExitCodeLong();
            }
            if (System.nanoTime() > deadline) {
                throw new EngineException("", "the command in container " + containerId + " ended its output but"
                        + " the engine reports no exit code", "", null);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while reading an exit code", e);
            }
        }
    }

    /**
     * The engine sizes a new exec's terminal 80×24 (API 1.41 has no size at start); as the docker CLI does, it
     * is resized right after the start, once the engine reports the command running.
     */
    private void resizeOnceRunning(String execId, ExecRequest.TerminalSize size) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                if (Boolean.TRUE.equals(client.inspectExecCmd(execId).exec().isRunning())) {
                    client.resizeExecCmd(execId).withSize(size.rows(), size.columns()).exec();
                    return;
                }
            } catch (RuntimeException e) {
                return;   // the command already ended, or the engine refuses: the default size stays
            }
            Thread.sleep(10);
        }
    }

    private static List<BlkioRateDevice> rates(Map<String, Long> byPath) {
        return byPath.entrySet().stream().map(e -> new BlkioRateDevice().withPath(e.getKey()).withRate(e.getValue()))
                .toList();
    }

    /** A later size of an exec's terminal; a command that has just ended keeps the size it had. */
    private void resizeQuietly(String execId, ExecRequest.TerminalSize size) {
        try {
            client.resizeExecCmd(execId).withSize(size.rows(), size.columns()).exec();
        } catch (RuntimeException ended) {
            // nothing to resize any more
        }
    }

    @Override
    public Subscription streamStats(String containerId, Consumer<StatsSample> onSample) throws EngineException {
        ResultCallback.Adapter<com.github.dockerjava.api.model.Statistics> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(com.github.dockerjava.api.model.Statistics st) {
                onSample.accept(sample(containerId, st));
            }
        };
        call("read the stats of container " + containerId, () -> client.statsCmd(containerId).exec(callback));
        return () -> closeQuietly(callback);
    }

    private static StatsSample sample(String id, com.github.dockerjava.api.model.Statistics st) {
        var cpu = st.getCpuStats();
        var pre = st.getPreCpuStats();
        long cpuTotal = cpu == null || cpu.getCpuUsage() == null ? 0 : orZero(cpu.getCpuUsage().getTotalUsage());
        long preTotal = pre == null || pre.getCpuUsage() == null ? 0 : orZero(pre.getCpuUsage().getTotalUsage());
        int online = cpu == null || cpu.getOnlineCpus() == null ? 0 : cpu.getOnlineCpus().intValue();
        if (online == 0 && cpu != null && cpu.getCpuUsage() != null && cpu.getCpuUsage().getPercpuUsage() != null) {
            online = cpu.getCpuUsage().getPercpuUsage().size();   // what the docker CLI falls back to
        }
        var mem = st.getMemoryStats();
        var memDetail = mem == null ? null : mem.getStats();
        long rx = 0;
        long tx = 0;
        if (st.getNetworks() != null) {
            for (var n : st.getNetworks().values()) {
                rx += orZero(n.getRxBytes());
                tx += orZero(n.getTxBytes());
            }
        }
        long read = 0;
        long written = 0;
        if (st.getBlkioStats() != null && st.getBlkioStats().getIoServiceBytesRecursive() != null) {
            for (var e : st.getBlkioStats().getIoServiceBytesRecursive()) {
                if ("read".equalsIgnoreCase(e.getOp())) {
                    read += orZero(e.getValue());
                } else if ("write".equalsIgnoreCase(e.getOp())) {
                    written += orZero(e.getValue());
                }
            }
        }
        return new StatsSample(id, cpuTotal, preTotal, cpu == null ? 0 : orZero(cpu.getSystemCpuUsage()),
                pre == null ? 0 : orZero(pre.getSystemCpuUsage()), online,
                mem == null ? 0 : orZero(mem.getUsage()), mem == null ? 0 : orZero(mem.getLimit()),
                memDetail == null ? 0 : orZero(memDetail.getTotalInactiveFile()),
                memDetail == null ? 0 : orZero(memDetail.getInactiveFile()), rx, tx, read, written,
                st.getPidsStats() == null ? 0 : orZero(st.getPidsStats().getCurrent()));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    @Override
    public Subscription attachTerminal(String containerId, java.io.InputStream stdin, OutputSink sink)
            throws EngineException {
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    sink.onOutput(false, frame.getPayload());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closeQuietly(this);
                }
            }

            @Override
            public void onError(Throwable error) {
                sink.onEnd(error);
                super.onError(error);
            }

            @Override
            public void onComplete() {
                sink.onEnd(null);
                super.onComplete();
            }
        };
        call("attach to container " + containerId, () -> {
            var cmd = client.attachContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true)
                    .withLogs(false);
            if (stdin != null) {
                cmd.withStdIn(stdin);
            }
            cmd.exec(callback);
            try {
                callback.awaitStarted();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while attaching", e);
            }
            return null;
        });
        return () -> closeQuietly(callback);
    }

    @Override
    public void resizeTerminal(String containerId, ExecRequest.TerminalSize size) throws EngineException {
        call("resize the terminal of container " + containerId, () -> client.resizeContainerCmd(containerId)
                .withSize(size.rows(), size.columns()).exec());
    }

    @Override
    public Subscription streamOutput(String containerId, LogRequest request, OutputSink sink) throws EngineException {
        LogContainerCmd cmd = client.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withFollowStream(request.follow()).withTimestamps(true);
        if (request.tail() >= 0) {
            cmd.withTail(request.tail());
        } else {
            cmd.withTailAll();
        }
        if (request.since() != null) {
            cmd.withSince((int) request.since().getEpochSecond());
        }
        if (request.until() != null) {
            // whole seconds, rounded up: the lines of the last second are cut by the reader
            long until = request.until().getEpochSecond() + (request.until().getNano() > 0 ? 1 : 0);
            cmd.withUntil((int) until);
        }
        AtomicBoolean ended = new AtomicBoolean();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    sink.onOutput(frame.getStreamType() == StreamType.STDERR, frame.getPayload());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closeQuietly(this);
                }
            }

            @Override
            public void onError(Throwable error) {
                if (ended.compareAndSet(false, true)) {
                    sink.onEnd(error);
                }
                super.onError(error);
            }

            @Override
            public void onComplete() {
                if (ended.compareAndSet(false, true)) {
                    sink.onEnd(null);
                }
                super.onComplete();
            }
        };
        call("read the output of container " + containerId, () -> cmd.exec(callback));
        return () -> {
            closeQuietly(callback);
            if (ended.compareAndSet(false, true)) {
                sink.onEnd(null);
            }
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing a stream that already broke is not worth reporting
        }
    }

    // ------------------------------------------------------------------ networks and volumes

    @Override
    public List<NetworkInfo> listNetworks(Map<String, String> labels) throws EngineException {
        List<Network> networks = call("list networks", () -> client.listNetworksCmd()
                .withFilter("label", labelFilter(labels)).exec());
        return networks.stream().map(DockerEngine::networkInfo).toList();
    }

    private static NetworkInfo networkInfo(Network n) {
        return new NetworkInfo(n.getId(), n.getName(), n.getDriver(), n.getLabels() == null ? Map.of()
                : Map.copyOf(n.getLabels()));
    }

    @Override
    public Optional<NetworkInfo> inspectNetwork(String name) throws EngineException {
        return optional("inspect network " + name,
                () -> networkInfo(client.inspectNetworkCmd().withNetworkId(name).exec()));
    }

    @Override
    public void createNetwork(String name, String driver, Map<String, String> labels) throws EngineException {
        createNetwork(NetworkCreateSpec.of(name, driver, labels));
    }

    @Override
    public void createNetwork(NetworkCreateSpec n) throws EngineException {
        var cmd = client.createNetworkCmd().withName(n.name())
                .withDriver(n.driver() == null || n.driver().isBlank() ? "bridge" : n.driver())
                .withLabels(n.labels()).withCheckDuplicate(true);
        if (!n.driverOptions().isEmpty()) {
            cmd.withOptions(n.driverOptions());
        }
        if (n.internal()) {
            cmd.withInternal(true);
        }
        if (n.attachable()) {
            cmd.withAttachable(true);
        }
        if (n.enableIpv6() != null) {
            cmd.withEnableIpv6(n.enableIpv6());
        }
        if (n.ipamDriver() != null || !n.pools().isEmpty() || !n.ipamOptions().isEmpty()) {
            Network.Ipam ipam = new Network.Ipam();
            if (n.ipamDriver() != null) {
                ipam.withDriver(n.ipamDriver());
            }
            if (!n.ipamOptions().isEmpty() || n.pools().stream().anyMatch(p -> !p.auxAddresses().isEmpty())) {
                // docker-java 3.7 has no field for either; leaving them out silently would make another network
                throw new EngineException("", "network " + n.name() + ": ipam `options` and `aux_addresses` are not"
                        + " supported by Berth yet", "remove them from the network's ipam: section, or create the"
                        + " network with `docker network create` and declare it `external: true`", null);
            }
            ipam.withConfig(n.pools().stream().map(p -> {
                Network.Ipam.Config c = new Network.Ipam.Config();
                if (p.subnet() != null) {
                    c.withSubnet(p.subnet());
                }
                if (p.ipRange() != null) {
                    c.withIpRange(p.ipRange());
                }
                if (p.gateway() != null) {
                    c.withGateway(p.gateway());
                }
                return c;
            }).toList());
            cmd.withIpam(ipam);
        }
        call("create network " + n.name(), cmd::exec);
    }

    @Override
    public void removeNetwork(String idOrName) throws EngineException {
        callAllowing("remove network " + idOrName, () -> client.removeNetworkCmd(idOrName).exec(),
                NotFoundException.class);
    }

    @Override
    public List<VolumeInfo> listVolumes(Map<String, String> labels) throws EngineException {
        List<InspectVolumeResponse> volumes = call("list volumes", () -> client.listVolumesCmd()
                .withFilter("label", labelFilter(labels)).exec().getVolumes());
        return volumes == null ? List.of() : volumes.stream().map(DockerEngine::volumeInfo).toList();
    }

    private static VolumeInfo volumeInfo(InspectVolumeResponse v) {
        return new VolumeInfo(v.getName(), v.getDriver(), v.getLabels() == null ? Map.of() : Map.copyOf(v.getLabels()));
    }

    @Override
    public Optional<VolumeInfo> inspectVolume(String name) throws EngineException {
        return optional("inspect volume " + name, () -> volumeInfo(client.inspectVolumeCmd(name).exec()));
    }

    @Override
    public void createVolume(String name, String driver, Map<String, String> labels) throws EngineException {
        call("create volume " + name, () -> client.createVolumeCmd().withName(name)
                .withDriver(driver == null || driver.isBlank() ? "local" : driver).withLabels(labels).exec());
    }

    @Override
    public void removeVolume(String name) throws EngineException {
        callAllowing("remove volume " + name, () -> client.removeVolumeCmd(name).exec(), NotFoundException.class);
    }

    // ------------------------------------------------------------------ events

    @Override
    public Subscription subscribeEvents(Map<String, String> labels, Consumer<EngineEvent> onEvent)
            throws EngineException {
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                onEvent.accept(engineEvent(event));
            }
        };
        call("subscribe to engine events", () -> client.eventsCmd()
                .withLabelFilter(labelFilter(labels).toArray(String[]::new)).exec(callback));
        return () -> closeQuietly(callback);
    }

    @Override
    public Subscription watchContainers(Map<String, String> labels, Set<String> actions,
                                        Instant since, Duration limit, Consumer<EngineEvent> onEvent)
            throws EngineException {
        CountDownLatch answered = new CountDownLatch(1);
        AtomicReference<Throwable> refused = new AtomicReference<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onStart(Closeable stream) {
                super.onStart(stream);
                answered.countDown();
                if (abandoned.get()) {
                    closeQuietly(this);   // the caller gave up before the answer came: end the stream now
                }
            }

            @Override
            public void onNext(Event event) {
                onEvent.accept(engineEvent(event));
            }

            @Override
            public void onError(Throwable failure) {
                refused.compareAndSet(null, failure);
                answered.countDown();
                super.onError(failure);
            }
        };
        call("watch containers", () -> client.eventsCmd().withSince(Long.toString(since.getEpochSecond()))
                .withEventTypeFilter("container").withEventFilter(actions.toArray(String[]::new))
                .withLabelFilter(labelFilter(labels).toArray(String[]::new)).exec(callback));
        try {
            if (!answered.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                abandon(callback, abandoned);
                throw new EngineException("the engine did not answer a request for events within "
                        + limit.toMillis() + " ms", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(callback, abandoned);
            throw new EngineException("interrupted while asking the engine for events", e);
        }
        if (refused.get() != null) {
            closeQuietly(callback);
            throw failure("watch containers", refused.get() instanceof RuntimeException r ? r
                    : new RuntimeException(refused.get()));
        }
        return () -> closeQuietly(callback);
    }

    private static EngineEvent engineEvent(Event event) {
        Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
                ? Map.of() : Map.copyOf(event.getActor().getAttributes());
        String id = event.getActor() != null && event.getActor().getId() != null ? event.getActor().getId()
                : event.getId();
        return new EngineEvent(event.getType() == null ? "" : event.getType().getValue(),
                event.getAction() == null ? String.valueOf(event.getStatus()) : event.getAction(), id, attributes);
    }

    /** Closing a callback before its answer came does nothing: it closes itself when the answer comes. */
    private static void abandon(ResultCallback.Adapter<Event> callback, AtomicBoolean flag) {
        flag.set(true);
        closeQuietly(callback);
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    // ------------------------------------------------------------------ error translation

    /** "key=value", or just "key" for any value, as the engine's label filter wants them. */
    private static List<String> labelFilter(Map<String, String> labels) {
        List<String> filter = new ArrayList<>();
        new LinkedHashMap<>(labels).forEach((k, v) -> filter.add(v == null || v.isEmpty() ? k : k + "=" + v));
        return filter;
    }

    private <T> T call(String what, Supplier<T> action) throws EngineException {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw failure(what, e);
        }
    }

    /**
     * Runs a state change for which the engine's "already so" answers mean success: starting a running
     * container (304 Not Modified), removing one that is gone (404), and the like.
     */
    @SafeVarargs
    private void callAllowing(String what, Runnable action, Class<? extends DockerException>... alreadyDone)
            throws EngineException {
        call(what, () -> {
            try {
                action.run();
            } catch (DockerException e) {
                for (Class<? extends DockerException> done : alreadyDone) {
                    if (done.isInstance(e)) {
                        return null;
                    }
                }
                throw e;
            }
            return null;
        });
    }

    private <T> Optional<T> optional(String what, Supplier<T> action) throws EngineException {
        try {
            return Optional.ofNullable(action.get());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw failure(what, e);
        }
    }

    private EngineException failure(String what, RuntimeException e) {
        if (!(e instanceof DockerException) && isConnectionProblem(e)) {
            return new EngineUnavailableException("lost the Docker engine at " + endpoint + " while trying to " + what
                    + ": " + reason(e), startHint(endpoint), e);
        }
        return new EngineException("", "could not " + what + ": " + engineMessage(e), "", e);
    }

    private static boolean isConnectionProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** docker-java's messages look like {@code Status 500: {"message":"..."}}; keep the engine's words. */
    static String engineMessage(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int brace = message.indexOf('{');
        if (brace >= 0) {
            try {
                JsonNode node = JSON.readTree(message.substring(brace));
                if (node.hasNonNull("message")) {
                    return node.get("message").asText();
                }
            } catch (IOException | RuntimeException notJson) {
                // fall through to the raw message
            }
        }
        return message.strip();
    }

}
