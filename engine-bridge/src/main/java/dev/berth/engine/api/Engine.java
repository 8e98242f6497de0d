package dev.berth.engine.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Berth's port to a container engine: the operations the compose runtime needs, in Berth's own types.
 * Every method may be called from several threads at once. "Not found" is an empty Optional, never an
 * exception; any other engine failure is an {@link EngineException} carrying the engine's own words.
 */
public interface Engine extends AutoCloseable {

    EngineEndpoint endpoint();

    EngineVersion version() throws EngineException;

    /** The API version Berth speaks to this engine, agreed when it connected (or DOCKER_API_VERSION). */
    String apiVersion();

    /** How many CPUs the engine's machine has (its {@code docker info}; the VM's, for an engine in one). */
    int cpus() throws EngineException;

    // ---- images

    /** The local image's id for a reference like {@code redis:7}, or empty when it is not present. */
    Optional<String> imageId(String reference) throws EngineException;

    /** Pulls an image; {@code progress} receives the engine's messages, per layer. */
    void pullImage(String reference, Consumer<PullProgress> progress) throws EngineException;

    /** The local image for a reference or id, or empty when it is not present. */
    Optional<ImageInfo> inspectImage(String reference) throws EngineException;

    /** Builds and tags an image; {@code output} receives each build output line. Returns the image id. */
    String buildImage(ImageBuildRequest request, Consumer<String> output) throws EngineException;

    /** What became of an image asked to go. */
    enum ImageRemoval { REMOVED, NOT_FOUND, IN_USE }

    /**
     * Untags an image reference and deletes the image when no other tag or container needs it (with its untagged
     * parents), as {@code docker rmi} without force does.
     */
    ImageRemoval removeImage(String reference) throws EngineException;

    // ---- containers

    /** Containers carrying all the given labels (value "" = any value). */
    List<ContainerInfo> listContainers(Map<String, String> labels, boolean includeStopped) throws EngineException;

    Optional<ContainerDetails> inspectContainer(String idOrName) throws EngineException;

    /** Returns the new container's id. */
    String createContainer(ContainerCreateSpec spec) throws EngineException;

    void connectNetwork(String network, String containerId, List<String> aliases, String ipv4Address)
            throws EngineException;

    void startContainer(String id) throws EngineException;

    /**
     * Stops with SIGTERM (or its stop signal), then SIGKILL after {@code timeout} (null: the container's own stop
     * timeout, else the engine's 10 s); a stopped container is left as is.
     */
    void stopContainer(String id, Duration timeout) throws EngineException;

    /** Force-removes; with {@code removeAnonymousVolumes} its anonymous volumes go too. */
    void removeContainer(String id, boolean removeAnonymousVolumes) throws EngineException;

    /** Sends a signal (e.g. SIGKILL, SIGHUP, 9) to the container's main process. */
    void killContainer(String id, String signal) throws EngineException;

    void pauseContainer(String id) throws EngineException;

    void unpauseContainer(String id) throws EngineException;

    /** The container's processes, as {@code docker top} lists them. */
    ProcessList listProcesses(String id) throws EngineException;

    /** The outputs of the container's latest healthcheck runs, oldest first (empty without a healthcheck). */
    List<String> healthLog(String id) throws EngineException;

    /** Blocks until the container stops; returns its exit code. */
    long awaitExit(String id) throws EngineException;

    /**
     * Runs a command in a running container, its output to {@code sink}; blocks until it ends; returns its exit
     * code. A detached request returns 0 once the command started, and {@code sink} gets nothing.
     */
    long exec(String containerId, ExecRequest request, OutputSink sink) throws EngineException;

    /** Streams the container's stats (about one sample a second) on an engine thread until closed. */
    Subscription streamStats(String containerId, Consumer<StatsSample> onSample) throws EngineException;

    /** Streams a container's output to {@code sink} on an engine thread until the stream ends or is closed. */
    Subscription streamOutput(String containerId, LogRequest request, OutputSink sink) throws EngineException;

    /**
     * Attaches to a container created with a TTY and stdin open, before it starts: what {@code stdin} gives goes
     * to the container, its terminal's output to {@code sink} (one raw stream), until it ends.
     */
    Subscription attachTerminal(String containerId, java.io.InputStream stdin, OutputSink sink) throws EngineException;

    /** Sets the size of a running container's TTY. */
    void resizeTerminal(String containerId, ExecRequest.TerminalSize size) throws EngineException;

    // ---- networks and volumes

    List<NetworkInfo> listNetworks(Map<String, String> labels) throws EngineException;

    Optional<NetworkInfo> inspectNetwork(String name) throws EngineException;

    void createNetwork(String name, String driver, Map<String, String> labels) throws EngineException;

    /** Creates a network with its options and address pools ({@code ipam}). */
    void createNetwork(NetworkCreateSpec network) throws EngineException;

    void removeNetwork(String idOrName) throws EngineException;

    List<VolumeInfo> listVolumes(Map<String, String> labels) throws EngineException;

    Optional<VolumeInfo> inspectVolume(String name) throws EngineException;

    void createVolume(String name, String driver, Map<String, String> labels) throws EngineException;

    void removeVolume(String name) throws EngineException;

    // ---- events

    /** Engine events of objects carrying all the given labels, delivered on an engine thread. */
    Subscription subscribeEvents(Map<String, String> labels, Consumer<EngineEvent> onEvent) throws EngineException;

    /**
     * Events of containers carrying all the given labels whose action is one of {@code actions} (as the engine
     * matches them: {@code health_status} stands for {@code health_status: healthy} and the others), from
     * {@code since} on (the engine replays the ones it keeps), delivered on an engine thread. Returns once the
     * engine has answered, within {@code limit}; with {@code since} before the call no change after it goes
     * unheard, although the engine registers the subscription only after answering.
     */
    Subscription watchContainers(Map<String, String> labels, java.util.Set<String> actions, java.time.Instant since,
                                 java.time.Duration limit, Consumer<EngineEvent> onEvent) throws EngineException;

    @Override
    void close();
}
