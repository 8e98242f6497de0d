package dev.berth.engine.local;

import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineUnavailableException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where Berth's own Linux engine lives: the {@code dockerd} it runs, the folder of its images, containers and
 * volumes ({@code data}) and its log, and the folder of what lasts only while it runs (its socket, pid file and
 * exec root). Both folders are Berth's alone, so its engine never touches the system engine's state.
 *
 * @param dockerd the engine's binary
 * @param dataDir kept across restarts: {@code data/} (the engine's data root) and {@code dockerd.log}
 * @param runDir  {@code docker.sock}, {@code dockerd.pid}, {@code exec/} and the supervisor's lock
 */
public record LocalEngineLayout(Path dockerd, Path dataDir, Path runDir) {
    /** The name of the docker context that points the docker CLI (and Berth) at this engine. */
    public static final String CONTEXT = EndpointResolver.BERTH_ENGINE_CONTEXT;

    /** A unix socket's path must fit in {@code sockaddr_un.sun_path} (108 bytes with the final zero). */
    private static final int MAX_SOCKET_PATH = 107;

    public LocalEngineLayout {
        dockerd = dockerd.toAbsolutePath();
        dataDir = dataDir.toAbsolutePath();
        runDir = runDir.toAbsolutePath();
    }

    /**
     * The machine's layout: {@code BERTH_DOCKERD} or the first {@code dockerd} on {@code PATH} (and in /usr/sbin,
     * /usr/local/sbin, which a user's PATH often lacks); /var/lib/berth/engine and /run/berth, as system daemons
     * keep theirs: the engine runs as root, so one place serves {@code sudo berth engine start} and the user's own
     * {@code berth engine status}. {@code BERTH_ENGINE_DATA} and {@code BERTH_ENGINE_RUN} name other folders.
     */
    public static LocalEngineLayout of(Map<String, String> env) {
        return new LocalEngineLayout(dockerd(env),
                blank(env.get("BERTH_ENGINE_DATA")) ? Path.of("/var/lib/berth/engine")
                        : Path.of(env.get("BERTH_ENGINE_DATA")),
                blank(env.get("BERTH_ENGINE_RUN")) ? Path.of("/run/berth") : Path.of(env.get("BERTH_ENGINE_RUN")));
    }

    private static Path dockerd(Map<String, String> env) {
        String explicit = env.get("BERTH_DOCKERD");
        if (!blank(explicit)) {
            return Path.of(explicit);
        }
        List<String> dirs = new ArrayList<>(List.of(env.getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin"));
        for (String dir : dirs) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "dockerd"))) {
                return Path.of(dir, "dockerd");
            }
        }
        return Path.of("/usr/sbin/dockerd");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public Path socket() {
        return runDir.resolve("docker.sock");
    }

    public Path pidFile() {
        return runDir.resolve("dockerd.pid");
    }

    public Path log() {
        return dataDir.resolve("dockerd.log");
    }

    /** Where Berth's engine is reached, as the resolver would name it through the {@code berth} context. */
    public EngineEndpoint endpoint() {
        return new EngineEndpoint("unix://" + socket(), "Berth's engine (" + dataDir + ")");
    }

    /**
     * The engine's command line. It keeps off what another engine on the machine (the system's {@code dockerd})
     * owns, whether one runs now or starts later: its default bridge is {@link EngineNetwork#BRIDGE} (never
     * {@code docker0}), its networks come from {@link EngineNetwork#ADDRESS_POOL}, its containerd namespace is its
     * own (both engines may share the system's containerd), and it writes no iptables rules (both would rewrite the
     * same DOCKER chains): {@link EngineNetwork} adds the few its networks need, in a chain of Berth's. It runs
     * with live restore: its containers outlive a crash of dockerd (the supervisor's restart finds them running),
     * and, as important here, dockerd 20.10 given an address pool deletes {@code docker0} whenever it starts again
     * on a data root that has a default bridge network, unless live restore is on. {@link LocalEngine#close()}
     * therefore stops the containers itself before it stops dockerd.
     */
    public List<String> command() {
        return List.of(dockerd.toString(),
                "--host", "unix://" + socket(),
                "--data-root", dataDir.resolve("data").toString(),
                "--exec-root", runDir.resolve("exec").toString(),
                "--pidfile", pidFile().toString(),
                "--containerd-namespace", "berth",
                "--containerd-plugins-namespace", "berth-plugins",
                "--bridge", EngineNetwork.BRIDGE,
                "--default-address-pool", "base=" + EngineNetwork.ADDRESS_POOL + ",size=24",
                "--iptables=false", "--ip6tables=false",
                "--live-restore");
    }

    /**
     * What stops this layout from working before anything runs.
     *
     * @throws EngineUnavailableException naming the missing binary, the user or the too-long path, with what to do
     */
    void check(boolean root) throws EngineUnavailableException {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            throw new EngineUnavailableException("Berth's own engine runs dockerd directly on Linux only",
                    "on macOS and Windows Berth runs its engine in a VM", null);
        }
        if (!Files.isExecutable(dockerd)) {
            throw new EngineUnavailableException("Berth's engine: there is no dockerd at " + dockerd,
                    "install Debian's engine (`sudo apt-get install docker.io`; Berth runs its own copy beside the"
                            + " system's) or set BERTH_DOCKERD to a dockerd binary", null);
        }
        if (!root) {
            throw new EngineUnavailableException("Berth's engine: dockerd needs root here (it sets up networks,"
                    + " mounts and cgroups), and Berth runs as a user",
                    "run `sudo berth engine start`, or use the system's engine: `sudo apt-get install docker.io`"
                            + " and add yourself to the docker group (`sudo usermod -aG docker $USER`)", null);
        }
        if (socket().toString().length() > MAX_SOCKET_PATH) {
            throw new EngineUnavailableException("Berth's engine: its socket path " + socket() + " is longer than"
                    + " the " + MAX_SOCKET_PATH + " bytes a unix socket's address may have",
                    "give the engine a shorter run folder (XDG_RUNTIME_DIR)", null);
        }
    }
}
