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
 * restarted when it dies, stopped on {@link #close()}. One process supervises it at a time (a lock in its run
 * folder); another Berth that starts it meanwhile uses the running engine and leaves it running when it closes. An
 * engine left running by a Berth that ended without stopping it is taken over, not started twice.
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
    /** dockerd stops its containers first (up to their stop timeouts, 10 s by default) and then itself. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(45);
    private static final int LOG_LINES_SHOWN = 6;

    /** The engines this JVM supervises, by run folder. */
    private static final Map<Path, LocalEngine> SUPERVISED = new java.util.concurrent.ConcurrentHashMap<>();

    private final LocalEngineLayout layout;
    private final Listener listener;
    private final Duration readyTimeout;
    /** Held while this object supervises; null when another process does. */
    private final FileChannel lockFile;
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
    private final Deque<Instant> deaths = new ArrayDeque<>();
    private volatile ProcessHandle dockerd;
    private volatile boolean closing;
    private Thread supervisor;

    private LocalEngine(LocalEngineLayout layout, Listener listener, Duration readyTimeout, FileChannel lockFile) {
        this.layout = layout;
        this.listener = listener;
        this.readyTimeout = readyTimeout;
        this.lockFile = lockFile;
    }

    /**
     * Starts Berth's engine, or joins the one already running in {@code layout}, and returns once it answers.
     *
     * @throws EngineUnavailableException when it cannot run here, or does not answer within {@code readyTimeout};
     *                                    the message has the engine's own last words from its log
     */
    public static LocalEngine start(LocalEngineLayout layout, Duration readyTimeout, Listener listener)
            throws EngineException {
        layout.check(isRoot());
        if (SUPERVISED.containsKey(layout.runDir())) {
            // supervised in this JVM: opening the lock file again and closing it would drop the process's lock
            return joined(layout, listener, readyTimeout);
        }
        FileChannel lockFile;
        FileLock lock;
        try {
            Files.createDirectories(layout.dataDir());
            Files.createDirectories(layout.runDir());
            // anyone may pass through to the socket (which dockerd gives to the docker group), nobody may look in
            Files.setPosixFilePermissions(layout.runDir(), PosixFilePermissions.fromString("rwx--x--x"));
            lockFile = FileChannel.open(layout.runDir().resolve("supervisor.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
        } catch (IOException e) {
            throw new EngineUnavailableException("Berth's engine: cannot prepare " + layout.runDir() + " or "
                    + layout.dataDir() + ": " + e.getMessage(), "check that the folders can be written", e);
        }
        if (lock == null) {
            closeQuietly(lockFile);
            return joined(layout, listener, readyTimeout);
        }
        LocalEngine engine = new LocalEngine(layout, listener, readyTimeout, lockFile);
        SUPERVISED.put(layout.runDir(), engine);
        try {
            // who supervises, for `berth engine status` and `stop` in other processes
            writePid(layout, lockFile);
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
            engine.transition(State.RUNNING, network.isEmpty() ? detail : detail + "; " + network);
        } catch (EngineException | RuntimeException e) {
            engine.stopDockerd();
            EngineNetwork.tearDown();
            SUPERVISED.remove(layout.runDir());
            closeQuietly(lockFile);
            throw e;
        }
        engine.supervisor = Thread.ofVirtual().name("berth-engine-supervisor").start(engine::supervise);
        return engine;
    }

    private static void writePid(LocalEngineLayout layout, FileChannel lockFile) throws EngineUnavailableException {
        try {
            lockFile.truncate(0).write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            throw new EngineUnavailableException("Berth's engine: cannot write " + layout.runDir()
                    .resolve("supervisor.lock") + ": " + e.getMessage(), "check that the folder can be written", e);
        }
    }

    private static LocalEngine joined(LocalEngineLayout layout, Listener listener, Duration readyTimeout)
            throws EngineException {
        LocalEngine joined = new LocalEngine(layout, listener, readyTimeout, null);
        joined.awaitReady(null);
        joined.transition(State.RUNNING, "another Berth runs this engine (" + layout.socket() + ")");
        return joined;
    }

    /** What runs in a layout now, as another process sees it ({@code berth engine status}). */
    public record Status(boolean answers, OptionalLong dockerd, OptionalLong supervisor) {
    }

    public static Status status(LocalEngineLayout layout) {
        boolean answers;
        try (DockerEngine engine = DockerEngine.connect(layout.endpoint())) {
            answers = true;
        } catch (EngineException e) {
            answers = false;
        }
        return new Status(answers, leftRunning(layout).map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty()),
                supervisorOf(layout));
    }

    /**
     * Stops the engine of {@code layout}, whoever runs it: its supervisor, asked with SIGTERM, stops it in order
     * (containers, then dockerd); a dockerd left running with no supervisor is taken over and stopped.
     *
     * @return what was done, for people
     * @throws EngineException when it has not stopped within {@code timeout}
     */
    public static String stop(LocalEngineLayout layout, Duration timeout) throws EngineException {
        LocalEngine here = SUPERVISED.get(layout.runDir());
        if (here != null) {
            here.close();
            return "stopped Berth's engine";
        }
        OptionalLong supervisor = supervisorOf(layout);
        if (supervisor.isPresent()) {
            ProcessHandle.of(supervisor.getAsLong()).ifPresent(ProcessHandle::destroy);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (supervisorOf(layout).isPresent()) {
                if (System.nanoTime() > deadline) {
                    throw new EngineUnavailableException("Berth's engine: its supervisor (pid " + supervisor.getAsLong()
                            + ") did not stop it within " + timeout.toSeconds() + " s", "see " + layout.log()
                            + "; `kill " + supervisor.getAsLong() + "` again, or wait for its containers to stop", null);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineUnavailableException("Berth's engine: interrupted while it stopped", "", e);
                }
            }
            return "stopped Berth's engine (its supervisor, pid " + supervisor.getAsLong() + ", stopped it)";
        }
        if (leftRunning(layout).isPresent()) {
            try (LocalEngine adopted = start(layout, timeout, Listener.NONE)) {
                return "stopped Berth's engine, which was left running without a supervisor";
            }
        }
        return "Berth's engine is not running";
    }

    /** The process supervising {@code layout}'s engine: the pid in the lock file, while that file is locked. */
    static OptionalLong supervisorOf(LocalEngineLayout layout) {
        if (SUPERVISED.containsKey(layout.runDir())) {
            return OptionalLong.of(ProcessHandle.current().pid());
        }
        Path lockPath = layout.runDir().resolve("supervisor.lock");
        if (!Files.exists(lockPath)) {
            return OptionalLong.empty();
        }
        try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe != null) {
                probe.release();
                return OptionalLong.empty();
            }
            String pid = Files.readString(lockPath).strip();
            return pid.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid));
        } catch (IOException | NumberFormatException | OverlappingFileLockException e) {
            return OptionalLong.empty();
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
     * Stops the engine (dockerd stops its containers first) when this object supervises it; otherwise leaves it
     * to the Berth that does.
     */
    @Override
    public void close() {
        if (lockFile == null || closing) {
            return;
        }
        closing = true;
        transition(State.STOPPING, "");
        if (supervisor != null) {
            supervisor.interrupt();
            try {
                supervisor.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String containers = stopContainers();
        String stopped = stopDockerd();
        String unmounted = unmountDataRoot();
        EngineNetwork.tearDown();
        SUPERVISED.remove(layout.runDir());
        closeQuietly(lockFile);
        transition(State.STOPPED, String.join("; ", java.util.stream.Stream.of(containers, stopped, unmounted)
                .filter(s -> !s.isEmpty()).toList()));
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
     * Stops the running containers, all at once, each as {@code docker stop} does (SIGTERM, SIGKILL after 10 s):
     * with live restore dockerd would leave them running when it stops.
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
                    engine.stopContainer(container.id(), Duration.ofSeconds(10));
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
        String root = layout.dataDir().resolve("data").toString();
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
