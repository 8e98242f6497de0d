package dev.berth.vm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.vm.HostPlatform;
import dev.berth.vm.VmSpec;
import dev.berth.vm.forward.PortForward;
import dev.berth.vm.forward.SharedFolder;
import dev.berth.vm.image.BootImage;
import dev.berth.vm.image.DiskImage;
import dev.berth.vm.qemu.QemuCommandLine;
import dev.berth.vm.qemu.VmProcess;
import dev.berth.vm.qemu.VmStartException;
import dev.berth.vm.spi.Accelerator;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Berth's Linux VM with a container engine in it (the macOS and Windows way of running containers; on Linux it runs
 * too, under KVM or TCG). Boots {@link GuestImage} with QEMU, forwards a loopback port to the guest's dockerd,
 * which only accepts clients with the certificate {@link EngineTls} made for this boot, shares the user's folders
 * at the same paths (so bind mounts of a compose file work unchanged) and forwards published ports on request.
 *
 * <p>Everything the VM needs lives in one state folder: {@code guest/} (shared with the guest: its server
 * certificate, the list of shared folders, the engine's log), {@code client/} (the certificate a docker client
 * presents), {@code console.log} (the guest's serial console), {@code qemu.log}, {@code qmp.sock},
 * {@code vm.json} (who runs it, on which port), {@code vm.lock} (held while a Berth runs the VM) and
 * {@code data.img} (the engine's disk: images, containers and volumes outlive the VM). The guest's system runs from
 * RAM.
 */
public final class EngineVm implements AutoCloseable {

    /** The port dockerd listens on inside the guest (TLS). */
    public static final int GUEST_ENGINE_PORT = 2376;
    /** The 9p tag of the guest's part of the state folder, which the guest's init mounts. */
    static final String STATE_TAG = "berth-state";
    private static final String READY = "berth-guest: engine ready";
    private static final String FAILED = "berth-guest: failed: ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STOP_REQUESTED = "stop-requested";
    /** In the guest's folder: asks the guest's init to stop the engine, unmount the data disk and power off. */
    private static final String GUEST_STOP = "stop";
    /** How long the guest may take to stop its containers and engine before QEMU is ended anyway. */
    private static final Duration GUEST_STOP_GRACE = Duration.ofSeconds(90);
    /**
     * In the guest's folder: the host has made the data disk and the guest may format it; the guest removes it once
     * it has (a boot that ended before, the first try of a hypervisor that cannot run the guest, leaves it).
     */
    private static final String GUEST_FORMAT = "format";

    /**
     * @param stateDir    the VM's folder (see the class comment); made when missing
     * @param shares      host folders the guest mounts at the same paths, read-write
     * @param bootTimeout how long the guest may take until its engine answers (minutes under TCG)
     * @param diskGiB     the size of the engine's data disk ({@code data.img}, sparse: it takes what is written);
     *                    made on first use and kept, so images, containers and volumes outlive the VM; 0: none,
     *                    the engine's data lives in the VM's memory
     */
    public record Config(Path stateDir, GuestImage image, Path qemu, HostPlatform platform, Accelerator accelerator,
                         int cpus, int memoryMiB, List<Path> shares, Duration bootTimeout, long diskGiB) {
        public Config {
            Objects.requireNonNull(stateDir, "stateDir");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(qemu, "qemu");
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(accelerator, "accelerator");
            Objects.requireNonNull(bootTimeout, "bootTimeout");
            if (diskGiB < 0) {
                throw new IllegalArgumentException("disk size " + diskGiB + " GiB: give 0 (no disk, data in memory)"
                        + " or more");
            }
            shares = List.copyOf(shares);
            for (Path share : shares) {
                if (!share.isAbsolute()) {
                    throw new IllegalArgumentException("shared folder " + share + " is relative; give its absolute"
                            + " path (" + share.toAbsolutePath() + ")");
                }
            }
        }
    }

    /**
     * What another process can learn of a running VM from its state folder.
     *
     * @param ready           whether its engine has answered (false while it boots)
     * @param supervised      whether the process that started it still runs
     */
    public record Running(long supervisorPid, long qemuPid, int port, boolean ready, boolean supervised) {
        public String engineUri() {
            return "tcp://127.0.0.1:" + port;
        }
    }

    /** The guest itself failed (its engine did not start, or not in time): another accelerator would not help. */
    public static final class GuestFailedException extends VmStartException {
        GuestFailedException(String message) {
            super(message);
        }
    }

    private final Config config;
    private final VmProcess process;
    private final int port;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<PortForward> forwarded = new ArrayList<>();

    private EngineVm(Config config, VmProcess process, int port, FileChannel lockChannel, FileLock lock) {
        this.config = config;
        this.process = process;
        this.port = port;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Boots the VM and returns once its engine answers on the forwarded port.
     *
     * @param progress hears each step, in words
     * @throws VmStartException when QEMU or the guest fails, or the engine does not come up in time; the message
     *                          says which, with the guest's last words
     * @throws IOException      when the state folder cannot be written, or another Berth runs a VM from it
     */
    public static EngineVm start(Config config, Consumer<String> progress) throws IOException {
        Path state = config.stateDir();
        Files.createDirectories(state);
        FileChannel lockChannel = FileChannel.open(state.resolve("vm.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            String who = running(state).map(r -> " (supervised by pid " + r.supervisorPid() + ", engine at "
                    + r.engineUri() + ")").orElse("");
            throw new IOException("a Berth VM already runs from " + state + who + "; use it, or stop it with"
                    + " `berth vm stop`");
        }
        try {
            return boot(config, progress, lockChannel, lock);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    private static EngineVm boot(Config config, Consumer<String> progress, FileChannel lockChannel, FileLock lock)
            throws IOException {
        Path state = config.stateDir();
        Optional<ProcessHandle> left = leftQemu(state);
        if (left.isPresent()) {
            // its supervisor was killed (kill -9, a crash) without stopping it: it still holds the old forwards
            progress.accept("stopping the VM that a Berth which ended left running (QEMU pid " + left.get().pid()
                    + ")");
            stopInOrder(state, left.get(), GUEST_STOP_GRACE);
        }
        Path guest = state.resolve("guest");
        Files.createDirectories(guest);
        Files.deleteIfExists(guest.resolve("engine.log"));
        Files.deleteIfExists(state.resolve("vm.json"));
        Files.deleteIfExists(state.resolve(STOP_REQUESTED));
        Files.deleteIfExists(guest.resolve(GUEST_STOP));
        EngineTls.create(guest, clientTlsDir(state));
        StringBuilder shares = new StringBuilder();
        List<SharedFolder> folders = new ArrayList<>();
        folders.add(new SharedFolder(guest, STATE_TAG, false));
        for (int i = 0; i < config.shares().size(); i++) {
            Path share = config.shares().get(i);
            folders.add(new SharedFolder(share, "share" + i, false));
            shares.append("share").append(i).append(' ').append(share).append('\n');
        }
        Files.writeString(guest.resolve("shares"), shares);
        int port = freeLoopbackPort();
        Path console = state.resolve("console.log");
        Files.deleteIfExists(console);
        VmSpec spec = new VmSpec("berth", config.cpus(), config.memoryMiB(),
                new BootImage.DirectKernel(config.image().kernel(), config.image().initrd(),
                        "console=ttyS0 rdinit=/init loglevel=4"),
                disk(state, config.diskGiB()), List.of(PortForward.tcp(port, GUEST_ENGINE_PORT)), folders,
                state.resolve("qmp.sock"), console);
        // a session of its own: a terminal's Ctrl+C reaches the supervisor, which stops the guest in order
        List<String> argv = new OwnSession().wrap(new QemuCommandLine(config.platform(), config.accelerator())
                .argv(config.qemu(), spec));
        progress.accept("booting the VM (" + config.accelerator().qemuName() + ", " + config.cpus() + " CPUs, "
                + config.memoryMiB() + " MiB; console: " + console + ")");
        VmProcess process = VmProcess.start(argv, spec.qmpSocket(), state.resolve("qemu.log"), Duration.ofSeconds(60));
        try {
            // written at once: a supervisor killed while the guest boots leaves a QEMU the next start or stop finds
            writeState(state, process, port, false);
            awaitEngine(process, console, guest.resolve("engine.log"), state.resolve("qemu.log"), config.bootTimeout(),
                    progress);
            writeState(state, process, port, true);
            EngineVm vm = new EngineVm(config, process, port, lockChannel, lock);
            // however QEMU ends (`berth vm stop` from elsewhere, a crash), the folder is free for the next start
            process.handle().onExit().thenRun(vm::releaseState);
            return vm;
        } catch (IOException | RuntimeException e) {
            process.stop(Duration.ofSeconds(5));
            throw e;
        }
    }

    private static void writeState(Path state, VmProcess process, int port, boolean ready) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        json.put("supervisorPid", ProcessHandle.current().pid());
        json.put("qemuPid", process.handle().pid());
        json.put("port", port);
        json.put("ready", ready);
        Path written = Files.createTempFile(state, "vm", ".json");
        JSON.writeValue(written.toFile(), json);
        Files.move(written, state.resolve("vm.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits for the guest's "engine ready" line on its console, or its failure, or QEMU's end. */
    private static void awaitEngine(VmProcess process, Path console, Path engineLog, Path qemuLog, Duration timeout,
                                    Consumer<String> progress) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int reported = 0;
        while (true) {
            List<String> lines = Files.exists(console) ? completeLines(console) : List.of();
            for (int i = reported; i < lines.size(); i++) {
                String line = lines.get(i);
                int at = line.indexOf("berth-guest: ");
                if (at >= 0) {
                    String said = line.substring(at);
                    if (said.startsWith(READY)) {
                        progress.accept("the VM's engine answers (guest up " + said.substring(READY.length()).strip()
                                + " s)");
                        return;
                    }
                    if (said.startsWith(FAILED)) {
                        throw new GuestFailedException("the VM's guest failed: " + said.substring(FAILED.length())
                                + lastLines(engineLog, "its engine's log"));
                    }
                    progress.accept("guest: " + said.substring("berth-guest: ".length()));
                }
            }
            reported = lines.size();
            if (!process.isAlive() && Files.exists(console.resolveSibling(STOP_REQUESTED))) {
                throw new GuestFailedException("the VM was stopped (`berth vm stop`) while it booted");
            }
            if (!process.isAlive()) {
                throw new VmStartException("QEMU ended before the VM's engine answered" + lastLines(qemuLog, "QEMU")
                        + lastLines(console, "the guest's console"));
            }
            if (System.nanoTime() > deadline) {
                throw new GuestFailedException("the VM's engine did not answer within " + timeout.toSeconds() + " s"
                        + lastLines(console, "the guest's console") + lastLines(engineLog, "its engine's log")
                        + "\n(under TCG, without a hypervisor, a boot takes minutes: give it more time)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the VM boots");
            }
        }
    }

    /** The client certificate, key and authority a docker client presents to the VM's engine. */
    public static Path clientTlsDir(Path stateDir) {
        return stateDir.resolve("client");
    }

    /** The VM run from {@code stateDir}, if its QEMU runs (booting or ready, supervised or left behind). */
    public static Optional<Running> running(Path stateDir) {
        try {
            JsonNode node = JSON.readTree(stateDir.resolve("vm.json").toFile());
            long qemu = node.path("qemuPid").asLong();
            long supervisor = node.path("supervisorPid").asLong();
            if (qemuOf(stateDir, qemu).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Running(supervisor, qemu, node.path("port").asInt(),
                    node.path("ready").asBoolean(false),
                    ProcessHandle.of(supervisor).map(ProcessHandle::isAlive).orElse(false)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops the VM run from {@code stateDir}, whoever started it: asks the guest to stop its engine and unmount its
     * disk, ends its QEMU when it does not power off in time, and waits. The process that started it — {@code berth vm start}, or the window — sees it end and says so;
     * it is not killed.
     *
     * @return what happened, in words
     */
    public static String stop(Path stateDir, Duration timeout) throws IOException {
        Optional<Running> running = running(stateDir);
        if (running.isEmpty()) {
            return "no Berth VM runs from " + stateDir;
        }
        Optional<ProcessHandle> qemu = qemuOf(stateDir, running.get().qemuPid());
        if (qemu.isEmpty()) {
            return "no Berth VM runs from " + stateDir;   // it ended meanwhile
        }
        Files.writeString(stateDir.resolve(STOP_REQUESTED), Long.toString(ProcessHandle.current().pid()));
        stopInOrder(stateDir, qemu.get(), timeout);
        awaitFreeLock(stateDir, Duration.ofSeconds(10));
        return running.get().supervised()
                ? "stopped the Berth VM (its images and volumes stay on its disk for the next start)"
                : "stopped the VM's QEMU (pid " + qemu.get().pid() + "), which its supervisor had left running";
    }

    /**
     * Asks the guest to stop (its engine, its containers, its disk) and waits for QEMU to end; ends QEMU when the
     * guest has not powered off within {@code grace}.
     */
    private static void stopInOrder(Path stateDir, ProcessHandle qemu, Duration grace) throws IOException {
        Files.writeString(stateDir.resolve("guest").resolve(GUEST_STOP), "");
        try {
            qemu.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            endProcess(qemu);   // the guest did not power off in time (or does not read its folder)
        } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
            throw new IOException("interrupted while the Berth VM stops", e);
        }
    }

    /** Waits until no process holds the folder's lock (the supervisor lets go once QEMU has ended). */
    private static void awaitFreeLock(Path stateDir, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        try (FileChannel channel = FileChannel.open(stateDir.resolve("vm.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            while (System.nanoTime() < deadline) {
                try (FileLock free = channel.tryLock()) {
                    if (free != null) {
                        return;
                    }
                } catch (OverlappingFileLockException e) {
                    return;   // this JVM runs it: it let go already or will at once
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Whether {@link #stop} ended this VM (rather than it ending by itself). */
    public boolean stopRequested() {
        return Files.exists(config.stateDir().resolve(STOP_REQUESTED));
    }

    /** A QEMU of this state folder still running (its command line names the folder's QMP socket). */
    private static Optional<ProcessHandle> leftQemu(Path stateDir) {
        try {
            return qemuOf(stateDir, JSON.readTree(stateDir.resolve("vm.json").toFile()).path("qemuPid").asLong());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The process {@code pid} if it is alive and the QEMU of this folder (a reused pid is some other program). */
    private static Optional<ProcessHandle> qemuOf(Path stateDir, long pid) {
        String socket = QemuCommandLine.escape(stateDir.resolve("qmp.sock").toString());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(socket));
    }

    private static void endProcess(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int port() {
        return port;
    }

    /** Where the engine answers on this machine, e.g. {@code tcp://127.0.0.1:40231}. */
    public String engineUri() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path clientTlsDir() {
        return clientTlsDir(config.stateDir());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Forwards a host port to the same port of the guest (where the engine publishes a container's port), from
     * the host address the container was published on.
     *
     * @throws IOException with QEMU's words when it cannot (the host port is taken, say)
     */
    public synchronized void forward(PortForward forward) throws IOException {
        hmp("hostfwd_add " + QemuCommandLine.NET_ID + " " + forward.qemuHostfwdRule());
        forwarded.add(forward);
    }

    /** Stops forwarding a port that {@link #forward} forwarded. */
    public synchronized void unforward(PortForward forward) throws IOException {
        if (forwarded.remove(forward)) {
            String answer = hmpAnswer("hostfwd_remove " + QemuCommandLine.NET_ID + " "
                    + forward.protocol().qemuName() + ":" + forward.hostAddress() + ":" + forward.hostPort());
            // QEMU 7 says "host forwarding rule for tcp:127.0.0.1:8080 removed"; older ones say nothing
            if (!answer.isBlank() && !answer.contains("removed")) {
                throw new IOException(answer.strip());
            }
        }
    }

    public synchronized List<PortForward> forwarded() {
        return List.copyOf(forwarded);
    }

    private void hmp(String command) throws IOException {
        // the human monitor's answer is empty when it worked and says why when it did not
        String answer = hmpAnswer(command);
        if (!answer.isBlank()) {
            throw new IOException(answer.strip());
        }
    }

    private String hmpAnswer(String command) throws IOException {
        return process.qmp().execute("human-monitor-command", Map.of("command-line", command)).asText("");
    }

    /**
     * Stops the guest in order (its containers, its engine, its data disk) and then QEMU, and frees the state folder.
     */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                try {
                    Files.writeString(config.stateDir().resolve("guest").resolve(GUEST_STOP), "");
                    process.handle().onExit().get(GUEST_STOP_GRACE.toMillis(),
                            java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (IOException | java.util.concurrent.ExecutionException
                         | java.util.concurrent.TimeoutException e) {
                    // the guest cannot be asked or does not answer: QEMU is ended below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            process.stop(Duration.ofSeconds(10));
        } finally {
            releaseState();
        }
    }

    /** Forgets the VM in its state folder and frees the folder's lock; once, whoever comes first. */
    private synchronized void releaseState() {
        if (!lockChannel.isOpen()) {
            return;
        }
        try {
            Files.deleteIfExists(config.stateDir().resolve("vm.json"));
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    /** The console's lines that have ended: a line still being written is read again once it has. */
    private static List<String> completeLines(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }

    /**
     * The data disk, made (sparse) when missing — and then only may the guest format it; none for 0 GiB. Made aside
     * and moved into place, so a failure (a full disk) leaves no short file that later boots would take.
     */
    private static Optional<DiskImage> disk(Path state, long gib) throws IOException {
        if (gib == 0) {
            return Optional.empty();
        }
        Path file = state.resolve("data.img");
        if (!Files.exists(file)) {
            Path made = Files.createTempFile(state, "data", ".img.part");
            try {
                try (java.io.RandomAccessFile raw = new java.io.RandomAccessFile(made.toFile(), "rw")) {
                    raw.setLength(gib << 30);   // a hole: the file takes only what the guest writes
                }
                Files.move(made, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(made);
            }
            Files.writeString(state.resolve("guest").resolve(GUEST_FORMAT), "");
        }
        return Optional.of(new DiskImage(file, DiskImage.Format.RAW));
    }

    private static List<String> readLines(Path file) throws IOException {
        // the console may hold bytes that are not UTF-8 (the kernel's early output); never fail on them
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).lines().toList();
    }

    private static String lastLines(Path file, String what) {
        try {
            List<String> lines = readLines(file);
            if (lines.isEmpty()) {
                return "";
            }
            return "\n--- last lines of " + what + " (" + file + ") ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

}
