package dev.berth.engine.local;

import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.EngineUnavailableException;
import dev.berth.engine.docker.DockerEngine;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Berth's own Linux engine: a {@code dockerd} of its own ({@link LocalEngineLayout}), started, watched and
 * restarted when it dies, stopped on {@link #close()}. One runs per machine, supervised by one process (which
 * holds {@link #MACHINE_LOCK}); another Berth that starts it meanwhile uses the running engine and leaves it running
 * when it closes. An engine left running by a Berth that ended without stopping it is taken over, not started twice.
 *
 * <p>Its lifecycle is a small state machine: STARTING → RUNNING ⇄ RESTARTING, → STOPPING → STOPPED, or FAILED
 * when it keeps dying ({@value #MAX_RESTARTS} times within {@link #RESTART_WINDOW}). The listener hears every
 * change, on the thread that made it (the caller's while starting, the supervisor's after).
 */
public final class LocalEngine implements AutoCloseable {

    public enum State { STARTING, RUNNING, RESTARTING, STOPPING, STOPPED, FAILED }

    /** Hears the engine's changes of state, with a sentence for people ("" when there is nothing to add). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (state, detail) -> { };

        void changed(State state, String detail);
    }

    static final int MAX_RESTARTS = 5;
    static final Duration RESTART_WINDOW = Duration.ofMinutes(5);
    /** How long dockerd may take to stop once its containers have (they have their own stop timeouts). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(45);
    private static final int LOG_LINES_SHOWN = 6;

    /**
     * The machine's lock: held by the process that supervises the one Berth engine, which writes its pid and run
     * folder in it. One engine runs per machine: the bridge, the iptables chain and the address pool are shared.
     */
    static final Path MACHINE_LOCK = Path.of("/run/berth-engine.lock");

    /** The engine this JVM supervises, if any; set and cleared under the class's lock. */
    private static volatile LocalEngine here;

    private final LocalEngineLayout layout;
    /** The layout's run folder with links resolved: how engines are told apart. */
    private final Path runDir;
    private final Listener listener;
    private final Duration readyTimeout;
    /** Held while this object supervises; null when another process does. */
    private final FileChannel lockFile;
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
    private final Deque<Instant> deaths = new ArrayDeque<>();
    private volatile ProcessHandle dockerd;
    private volatile boolean closing;
    private Thread supervisor;

    private LocalEngine(LocalEngineLayout layout, Path runDir, Listener listener, Duration readyTimeout,
                        FileChannel lockFile) {
        this.layout = layout;
        this.runDir = runDir;
        this.listener = listener;
        this.readyTimeout = readyTimeout;
        this.lockFile = lockFile;
    }

    /**
     * Starts Berth's engine, or joins the one already running in {@code layout}, and returns once it answers.
     *
     * @throws EngineUnavailableException when it cannot run here (another Berth engine runs on this machine, no
     *                                    dockerd, not root), or does not answer within {@code readyTimeout}; the
     *                                    message has the engine's own last words from its log
     */
    public static LocalEngine start(LocalEngineLayout layout, Duration readyTimeout, Listener listener)
            throws EngineException {
        layout.check(isRoot());
        LocalEngine engine;
        synchronized (LocalEngine.class) {
            LocalEngine current = here;
            if (current != null) {
                if (!current.runDir.equals(realRunDir(layout))) {
                    throw anotherEngine(current.runDir.toString(), ProcessHandle.current().pid());
                }
                // supervised in this JVM: opening the lock file again and closing it would drop the process's lock
                engine = null;
            } else {
                engine = lockTheMachine(layout, listener, readyTimeout);
                here = engine;
            }
        }
        if (engine == null) {
            return joined(layout, listener, readyTimeout);
        }
        try {
            engine.transition(State.STARTING, "");
            Optional<ProcessHandle> left = leftRunning(layout);
            String detail;
            String network;
            if (left.isPresent()) {
                engine.dockerd = left.get();
                network = EngineNetwork.setUp();
                engine.awaitReady(left.get());
                detail = "took over the engine left running (dockerd pid " + left.get().pid() + ")";
            } else {
                network = engine.launch();
                detail = "dockerd pid " + engine.dockerd.pid();
            }
            if (engine.closing) {
                throw new EngineUnavailableException("Berth's engine: stopped while it started", "", null);
            }
            engine.transition(State.RUNNING, network.isEmpty() ? detail : detail + "; " + network);
        } catch (EngineException | RuntimeException e) {
            // also when close() came meanwhile (a shutdown hook): each step is safe to repeat
            engine.stopDockerd();
            engine.unmountDataRoot();
            EngineNetwork.tearDown();
            engine.release();
            throw e;
        }
        engine.supervisor = Thread.ofVirtual().name("berth-engine-supervisor").start(engine::supervise);
        return engine;
    }

    /**
     * Takes the machine's engine lock for {@code layout}: a new supervising engine, or null when another process
     * supervises this same layout (to join).
     *
     * @throws EngineUnavailableException when another process supervises another layout: the bridge, the iptables
     *                                    chain and the address pool are the machine's, so one Berth engine runs
     */
    private static LocalEngine lockTheMachine(LocalEngineLayout layout, Listener listener, Duration readyTimeout)
            throws EngineUnavailableException {
        FileChannel lockFile;
        FileLock lock;
        Path runDir;
        try {
            Files.createDirectories(layout.dataDir());
            Files.createDirectories(layout.runDir());
            // anyone may pass through to the socket (which dockerd gives to the docker group), nobody may look in
            Files.setPosixFilePermissions(layout.runDir(), PosixFilePermissions.fromString("rwx--x--x"));
            runDir = realRunDir(layout);
            lockFile = FileChannel.open(MACHINE_LOCK, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            lock = lockFile.tryLock();
        } catch (IOException e) {
            throw new EngineUnavailableException("Berth's engine: cannot prepare " + layout.runDir() + ", "
                    + layout.dataDir() + " or " + MACHINE_LOCK + ": " + e.getMessage(),
                    "check that they can be written (the engine runs as root)", e);
        }
        if (lock == null) {
            Optional<Owner> owner = owner(lockFile);
            closeQuietly(lockFile);   // this process holds no lock on the file: closing drops nothing
            if (owner.isPresent() && !owner.get().runDir().equals(runDir.toString())) {
                throw anotherEngine(owner.get().runDir(), owner.get().pid());
            }
            return null;
        }
        try {
            // who supervises which layout, for `berth engine status` and `stop` in other processes
            byte[] text = (ProcessHandle.current().pid() + "\n" + runDir + "\n").getBytes(StandardCharsets.UTF_8);
            lockFile.truncate(0).write(java.nio.ByteBuffer.wrap(text), 0);
        } catch (IOException e) {
            closeQuietly(lockFile);
            throw new EngineUnavailableException("Berth's engine: cannot write " + MACHINE_LOCK + ": "
                    + e.getMessage(), "check that it can be written (the engine runs as root)", e);
        }
        return new LocalEngine(layout, runDir, listener, readyTimeout, lockFile);
    }

    private static EngineUnavailableException anotherEngine(String runDir, long pid) {
        return new EngineUnavailableException("another Berth engine runs on this machine (run folder " + runDir
                + ", supervised by pid " + pid + "); one runs at a time, since they would share a bridge and an"
                + " address pool", "use that one, or stop it first (`berth engine stop`, with the BERTH_ENGINE_RUN"
                + " and BERTH_ENGINE_DATA it was started with)", null);
    }

    private static LocalEngine joined(LocalEngineLayout layout, Listener listener, Duration readyTimeout)
            throws EngineException {
        LocalEngine joined = new LocalEngine(layout, realRunDir(layout), listener, readyTimeout, null);
        joined.awaitReady(null);
        joined.transition(State.RUNNING, "another Berth runs this engine (" + layout.socket() + ")");
        return joined;
    }

    /** Who holds the machine's engine lock: its pid and run folder, as it wrote them. */
    private record Owner(long pid, String runDir) {
    }

    private static Optional<Owner> owner(FileChannel lockFile) {
        try {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8192);
            lockFile.read(buffer, 0);
            String[] lines = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n");
            return lines.length < 2 ? Optional.empty()
                    : Optional.of(new Owner(Long.parseLong(lines[0].strip()), lines[1].strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The run folder with links resolved (/var/run is /run), so that one folder has one name. */
    private static Path realRunDir(LocalEngineLayout layout) {
        try {
            return layout.runDir().toRealPath();
        } catch (IOException e) {
            return layout.runDir().normalize();
        }
    }

    /** What runs in a layout now, as another process sees it ({@code berth engine status}). */
    public record Status(boolean answers, String whyNot, OptionalLong dockerd, OptionalLong supervisor) {
    }

    public static Status status(LocalEngineLayout layout) {
        String whyNot;
        try (DockerEngine engine = DockerEngine.connect(layout.endpoint())) {
            whyNot = "";
        } catch (EngineException e) {
            whyNot = e.describe();
        }
        return new Status(whyNot.isEmpty(), whyNot, leftRunning(layout).map(p -> OptionalLong.of(p.pid()))
                .orElse(OptionalLong.empty()), supervisorOf(layout));
    }

    /**
     * Stops the engine of {@code layout}, whoever runs it: its supervisor, asked with SIGTERM, stops it in order
     * (containers, then dockerd); a dockerd left running with no supervisor is taken over and stopped.
     *
     * @return what was done, for people
     * @throws EngineException when it may not be stopped by this user, or has not stopped within {@code timeout}
     */
    public static String stop(LocalEngineLayout layout, Duration timeout) throws EngineException {
        LocalEngine current = here;
        if (current != null && current.runDir.equals(realRunDir(layout))) {
            current.close();
            return "stopped Berth's engine";
        }
        OptionalLong supervisor = supervisorOf(layout);
        if (supervisor.isPresent()) {
            long pid = supervisor.getAsLong();
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isPresent() && !process.get().destroy()) {
                throw new EngineUnavailableException("Berth's engine: its supervisor (pid " + pid + ") runs as"
                        + " another user, and this one may not stop it", "run `sudo berth engine stop`", null);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (supervisorOf(layout).isPresent()) {
                if (System.nanoTime() > deadline) {
                    throw new EngineUnavailableException("Berth's engine: its supervisor (pid " + pid
                            + ") did not stop it within " + timeout.toSeconds() + " s", "see " + layout.log()
                            + "; wait for its containers to stop, or `sudo kill " + pid + "` again", null);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineUnavailableException("Berth's engine: interrupted while it stopped", "", e);
                }
            }
            return "stopped Berth's engine (its supervisor, pid " + pid + ", stopped it)";
        }
        if (leftRunning(layout).isPresent()) {
            try (LocalEngine adopted = start(layout, timeout, Listener.NONE)) {
                return "stopped Berth's engine, which was left running without a supervisor";
            }
        }
        return "Berth's engine is not running";
    }

    /** The engine this JVM supervises is stopped (a shutdown hook's work: Ctrl+C, SIGTERM), even while it starts. */
    public static void closeTheOneSupervisedHere() {
        LocalEngine current = here;
        if (current != null) {
            current.close();
        }
    }

    /** The Berth engine that runs on this machine now, as "run folder R, supervised by pid N", if one does. */
    public static Optional<String> runningOnThisMachine() {
        return machineOwner().map(o -> "run folder " + o.runDir() + ", supervised by pid " + o.pid());
    }

    /** The process supervising {@code layout}'s engine: the pid in the machine's lock, while it is held for it. */
    static OptionalLong supervisorOf(LocalEngineLayout layout) {
        String runDir = realRunDir(layout).toString();
        return machineOwner().filter(o -> o.runDir().equals(runDir)).map(o -> OptionalLong.of(o.pid()))
                .orElse(OptionalLong.empty());
    }

    /** Who holds the machine's engine lock now: this JVM, another process, or nobody. */
    private static Optional<Owner> machineOwner() {
        // under the class's lock: closing the probe's channel while this JVM takes the lock would drop it
        synchronized (LocalEngine.class) {
            LocalEngine current = here;
            if (current != null) {
                return Optional.of(new Owner(ProcessHandle.current().pid(), current.runDir.toString()));
            }
            if (!Files.exists(MACHINE_LOCK)) {
                return Optional.empty();
            }
            // a shared lock needs only reading: a user who is not root may ask too
            try (FileChannel channel = FileChannel.open(MACHINE_LOCK, StandardOpenOption.READ)) {
                FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
                if (probe != null) {
                    probe.release();
                    return Optional.empty();
                }
                return owner(channel);
            } catch (IOException | OverlappingFileLockException e) {
                return Optional.empty();
            }
        }
    }

    public EngineEndpoint endpoint() {
        return layout.endpoint();
    }

    public LocalEngineLayout layout() {
        return layout;
    }

    public State state() {
        return state.get();
    }

    /** Whether this object supervises the engine (false when another Berth process does). */
    public boolean supervises() {
        return lockFile != null;
    }

    /** The engine's process id, when this object supervises it and it runs. */
    public OptionalLong pid() {
        ProcessHandle p = dockerd;
        return p != null && p.isAlive() ? OptionalLong.of(p.pid()) : OptionalLong.empty();
    }

    /** Waits until the engine is in {@code wanted}; false when {@code timeout} passed first. */
    public boolean awaitState(State wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (state) {
            while (state.get() != wanted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(state, left);
            }
            return true;
        }
    }

    /**
     * Stops the engine (its containers first, then dockerd) when this object supervises it; otherwise leaves it to
     * the Berth that does.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (lockFile == null || closing) {
                return;
            }
            closing = true;
        }
        transition(State.STOPPING, "");
        if (supervisor != null) {
            supervisor.interrupt();
            try {
                supervisor.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pid().isPresent()) {
            // a dockerd that was (re)starting when close came: once it answers, its containers can be stopped
            try {
                awaitReady(dockerd);
            } catch (EngineException e) {
                // it is stopped below all the same
            }
        }
        String containers = stopContainers();
        String stopped = stopDockerd();
        String unmounted = unmountDataRoot();
        EngineNetwork.tearDown();
        release();
        transition(State.STOPPED, String.join("; ", java.util.stream.Stream.of(containers, stopped, unmounted)
                .filter(s -> !s.isEmpty()).toList()));
    }

    /** Gives up the machine's lock: another Berth may start an engine now. */
    private void release() {
        synchronized (LocalEngine.class) {
            if (here == this) {
                here = null;
            }
            closeQuietly(lockFile);
        }
    }

    private void supervise() {
        try {
            while (!closing) {
                ProcessHandle watched = dockerd;
                watched.onExit().get();
                if (closing) {
                    return;
                }
                deaths.addLast(Instant.now());
                while (deaths.peekFirst().isBefore(Instant.now().minus(RESTART_WINDOW))) {
                    deaths.removeFirst();
                }
                String why = "dockerd (pid " + watched.pid() + ") ended: " + lastWords();
                if (deaths.size() >= MAX_RESTARTS) {
                    transition(State.FAILED, why + "; it ended " + deaths.size() + " times within "
                            + RESTART_WINDOW.toMinutes() + " minutes, so Berth stopped restarting it (its log: "
                            + layout.log() + ")");
                    return;
                }
                transition(State.RESTARTING, why);
                // 1, 2, 4, 8 s: a failure that repeats at once does not spin
                Thread.sleep(Duration.ofSeconds(1L << (deaths.size() - 1)));
                try {
                    String network = launch();
                    transition(State.RUNNING, "restarted: dockerd pid " + dockerd.pid()
                            + (network.isEmpty() ? "" : "; " + network));
                } catch (EngineException e) {
                    if (closing) {
                        return;   // close() stops what was started
                    }
                    // the next round counts it as one more death
                    stopDockerd();
                }
            }
        } catch (InterruptedException e) {
            // closing
        } catch (ExecutionException e) {
            transition(State.FAILED, "Berth lost track of dockerd: " + e.getCause());
        }
    }

    /** Starts dockerd and waits until it answers; returns what of its network could not be set up, or "". */
    private String launch() throws EngineException {
        List<String> command = layout.command();
        ProcessBuilder builder = new ProcessBuilder(withOwnSession(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // dockerd finds runc, containerd, docker-proxy and docker-init on PATH, which a user's PATH may lack
        Map<String, String> env = builder.environment();
        env.put("PATH", layout.dockerd().getParent() + File.pathSeparator + env.getOrDefault("PATH", "")
                + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        String network = EngineNetwork.setUp();
        try {
            Files.writeString(layout.log(), "--- " + Instant.now() + " Berth starts: " + String.join(" ", command)
                    + (network.isEmpty() ? "" : "\n--- " + network) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (closing) {
                throw new EngineUnavailableException("Berth's engine: stopped while it started", "", null);
            }
            dockerd = builder.start().toHandle();
        } catch (IOException e) {
            throw new EngineUnavailableException("Berth's engine: cannot run " + layout.dockerd() + ": "
                    + e.getMessage(), "check that it is an executable dockerd (or set BERTH_DOCKERD)", e);
        }
        awaitReady(dockerd);
        return network;
    }

    /**
     * dockerd in a session of its own: Ctrl-C in the terminal that started Berth reaches Berth, which stops the
     * engine in order, not dockerd behind its back ({@code setsid} replaces itself with dockerd: same pid).
     */
    private static List<String> withOwnSession(List<String> command) {
        Path setsid = Path.of("/usr/bin/setsid");
        if (!Files.isExecutable(setsid)) {
            return command;
        }
        List<String> all = new ArrayList<>(List.of(setsid.toString()));
        all.addAll(command);
        return all;
    }

    /** Waits until the engine answers a ping; {@code process} (when known) must stay alive meanwhile. */
    private void awaitReady(ProcessHandle process) throws EngineException {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        EngineException last = null;
        while (true) {
            if (process != null && !process.isAlive()) {
                throw new EngineUnavailableException("Berth's engine stopped while starting: " + lastWords(),
                        "the whole log is in " + layout.log(), null);
            }
            try (DockerEngine answered = DockerEngine.connect(layout.endpoint())) {
                return;
            } catch (EngineException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new EngineUnavailableException("Berth's engine did not answer within "
                        + readyTimeout.toSeconds() + " s at " + layout.socket() + " (" + last.getMessage()
                        + "); its log ends: " + lastWords(), "the whole log is in " + layout.log(), last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineUnavailableException("Berth's engine: interrupted while waiting for it to answer",
                        "", e);
            }
        }
    }

    /**
     * Stops the running containers, all at once, each as {@code docker stop} does (SIGTERM, SIGKILL after its own
     * stop timeout: a service's {@code stop_grace_period}, else 10 s): with live restore dockerd would leave them
     * running when it stops.
     */
    private String stopContainers() {
        if (pid().isEmpty()) {
            return "";
        }
        try (DockerEngine engine = DockerEngine.connect(layout.endpoint());
             ExecutorService stopping = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> stops = new ArrayList<>();
            for (ContainerInfo container : engine.listContainers(Map.of(), false)) {
                stops.add(stopping.submit(() -> {
                    engine.stopContainer(container.id(), null);
                    return null;
                }));
            }
            List<String> failed = new ArrayList<>();
            for (Future<?> stop : stops) {
                try {
                    stop.get();
                } catch (ExecutionException e) {
                    failed.add(e.getCause().getMessage());
                }
            }
            return failed.isEmpty() ? "" : "containers that did not stop keep running: " + String.join("; ", failed);
        } catch (EngineException e) {
            return "its containers could not be stopped first (" + e.getMessage() + "); they keep running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while its containers stopped";
        }
    }

    /** SIGTERM, then SIGKILL for it and what it started when it has not ended within the grace; says what happened. */
    private String stopDockerd() {
        ProcessHandle process = dockerd;
        if (process == null || !process.isAlive()) {
            return "";
        }
        List<ProcessHandle> started = process.descendants().toList();
        process.destroy();
        try {
            process.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            return "";
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            started.forEach(ProcessHandle::destroyForcibly);
            return "dockerd did not stop within " + STOP_GRACE.toSeconds() + " s and was killed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while dockerd stopped";
        }
    }

    /**
     * dockerd bind-mounts its data root onto itself (so that mounts propagate into containers) and leaves that mount
     * when it stops; without it the folder is a plain folder again, which the user may move or delete.
     */
    private String unmountDataRoot() {
        if (pid().isPresent()) {
            return "";
        }
        String root;
        try {
            root = layout.dataDir().resolve("data").toRealPath().toString();   // as dockerd mounted it
        } catch (IOException e) {
            return "";
        }
        try {
            // /proc/self/mountinfo: the fifth field is the mount point, with spaces written as \040
            boolean mounted = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> line.split(" "))
                    .anyMatch(fields -> fields.length > 4 && fields[4].replace("\\040", " ").equals(root));
            if (!mounted) {
                return "";
            }
        } catch (IOException e) {
            return "";
        }
        EngineNetwork.Result unmount = EngineNetwork.run("umount", root);
        return unmount.ok() ? "" : "its data folder " + root + " is still mounted (" + unmount.output() + ")";
    }

    /** The dockerd that {@code layout}'s pid file names, when it still runs with that pid file. */
    static Optional<ProcessHandle> leftRunning(LocalEngineLayout layout) {
        try {
            long pid = Long.parseLong(Files.readString(layout.pidFile()).strip());
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (process.isEmpty()) {
                return Optional.empty();
            }
            List<String> arguments = List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                    .split("\0"));
            return arguments.contains(layout.pidFile().toString()) ? process : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The last lines of the engine's log, where dockerd says why it ended ("failed to start daemon: …"). */
    private String lastWords() {
        try {
            List<String> lines = Files.readAllLines(layout.log(), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank()).toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size());
            return last.isEmpty() ? "(its log is empty)" : String.join("\n  ", last);
        } catch (IOException e) {
            return "(its log cannot be read: " + e.getMessage() + ")";
        }
    }

    private void transition(State next, String detail) {
        synchronized (state) {
            state.set(next);
            state.notifyAll();
        }
        try {
            listener.changed(next, detail);
        } catch (RuntimeException e) {
            // a listener's fault must not stop the supervision
        }
    }

    /** Whether this process runs as root (false where there is no /proc: not Linux). */
    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held is lost
        }
    }
}
