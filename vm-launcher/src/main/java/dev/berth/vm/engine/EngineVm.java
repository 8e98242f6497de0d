package dev.berth.vm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.vm.HostPlatform;
import dev.berth.vm.VmSpec;
import dev.berth.vm.forward.PortForward;
import dev.berth.vm.forward.SharedFolder;
import dev.berth.vm.image.BootImage;
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
 * {@code vm.json} (who runs it, on which port) and {@code vm.lock} (held while a Berth runs the VM). The guest runs
 * from RAM: images and containers last as long as the VM.
 */
public final class EngineVm implements AutoCloseable {

    /** The port dockerd listens on inside the guest (TLS). */
    public static final int GUEST_ENGINE_PORT = 2376;
    /** The 9p tag of the guest's part of the state folder, which the guest's init mounts. */
    static final String STATE_TAG = "berth-state";
    private static final String READY = "berth-guest: engine ready";
    private static final String FAILED = "berth-guest: failed: ";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param stateDir    the VM's folder (see the class comment); made when missing
     * @param shares      host folders the guest mounts at the same paths, read-write
     * @param bootTimeout how long the guest may take until its engine answers (minutes under TCG)
     */
    public record Config(Path stateDir, GuestImage image, Path qemu, HostPlatform platform, Accelerator accelerator,
                         int cpus, int memoryMiB, List<Path> shares, Duration bootTimeout) {
        public Config {
            Objects.requireNonNull(stateDir, "stateDir");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(qemu, "qemu");
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(accelerator, "accelerator");
            Objects.requireNonNull(bootTimeout, "bootTimeout");
            shares = List.copyOf(shares);
            for (Path share : shares) {
                if (!share.isAbsolute()) {
                    throw new IllegalArgumentException("shared folder " + share + " is relative; give its absolute"
                            + " path (" + share.toAbsolutePath() + ")");
                }
            }
        }
    }

    /** What another process can learn of a running VM from its state folder. */
    public record Running(long supervisorPid, long qemuPid, int port) {
        public String engineUri() {
            return "tcp://127.0.0.1:" + port;
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
        leftQemu(state).ifPresent(qemu -> {
            // its supervisor was killed (kill -9, a crash) without stopping it: it still holds the old forwards
            progress.accept("stopping the VM's QEMU (pid " + qemu.pid() + ") that a Berth which ended left running");
            endProcess(qemu);
        });
        Path guest = state.resolve("guest");
        Files.createDirectories(guest);
        Files.deleteIfExists(guest.resolve("engine.log"));
        Files.deleteIfExists(state.resolve("vm.json"));
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
                Optional.empty(), List.of(PortForward.tcp(port, GUEST_ENGINE_PORT)), folders,
                state.resolve("qmp.sock"), console);
        List<String> argv = new QemuCommandLine(config.platform(), config.accelerator()).argv(config.qemu(), spec);
        progress.accept("booting the VM (" + config.accelerator().qemuName() + ", " + config.cpus() + " CPUs, "
                + config.memoryMiB() + " MiB; console: " + console + ")");
        VmProcess process = VmProcess.start(argv, spec.qmpSocket(), state.resolve("qemu.log"), Duration.ofSeconds(60));
        try {
            awaitEngine(process, console, guest.resolve("engine.log"), state.resolve("qemu.log"), config.bootTimeout(),
                    progress);
            ObjectNode json = JSON.createObjectNode();
            json.put("supervisorPid", ProcessHandle.current().pid());
            json.put("qemuPid", process.handle().pid());
            json.put("port", port);
            Path written = Files.createTempFile(state, "vm", ".json");
            JSON.writeValue(written.toFile(), json);
            Files.move(written, state.resolve("vm.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new EngineVm(config, process, port, lockChannel, lock);
        } catch (IOException | RuntimeException e) {
            process.stop(Duration.ofSeconds(5));
            throw e;
        }
    }

    /** Waits for the guest's "engine ready" line on its console, or its failure, or QEMU's end. */
    private static void awaitEngine(VmProcess process, Path console, Path engineLog, Path qemuLog, Duration timeout,
                                    Consumer<String> progress) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int reported = 0;
        while (true) {
            List<String> lines = Files.exists(console) ? readLines(console) : List.of();
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
                        throw new VmStartException("the VM's guest failed: " + said.substring(FAILED.length())
                                + lastLines(engineLog, "its engine's log"));
                    }
                    progress.accept("guest: " + said.substring("berth-guest: ".length()));
                }
            }
            reported = lines.size();
            if (!process.isAlive()) {
                throw new VmStartException("QEMU ended before the VM's engine answered" + lastLines(qemuLog, "QEMU")
                        + lastLines(console, "the guest's console"));
            }
            if (System.nanoTime() > deadline) {
                throw new VmStartException("the VM's engine did not answer within " + timeout.toSeconds() + " s"
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

    /** The VM run from {@code stateDir} by some process, if one runs (its supervisor holds the lock). */
    public static Optional<Running> running(Path stateDir) {
        Path json = stateDir.resolve("vm.json");
        try {
            JsonNode node = JSON.readTree(json.toFile());
            Running r = new Running(node.path("supervisorPid").asLong(), node.path("qemuPid").asLong(),
                    node.path("port").asInt());
            boolean alive = ProcessHandle.of(r.qemuPid()).map(ProcessHandle::isAlive).orElse(false)
                    && ProcessHandle.of(r.supervisorPid()).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(r) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops the VM another process runs from {@code stateDir} (its supervisor stops QEMU on SIGTERM) and waits.
     *
     * @return what happened, in words
     */
    public static String stop(Path stateDir, Duration timeout) throws IOException {
        Optional<Running> running = running(stateDir);
        if (running.isEmpty()) {
            Optional<ProcessHandle> left = leftQemu(stateDir);
            if (left.isPresent()) {
                endProcess(left.get());
                return "stopped the VM's QEMU (pid " + left.get().pid() + "), which its supervisor had left running";
            }
            return "no Berth VM runs from " + stateDir;
        }
        ProcessHandle supervisor = ProcessHandle.of(running.get().supervisorPid()).orElseThrow();
        supervisor.destroy();
        try {
            supervisor.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("the Berth VM's supervisor (pid " + supervisor.pid() + ") did not stop within "
                    + timeout.toSeconds() + " s; end it with `kill " + supervisor.pid() + "`");
        } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
            throw new IOException("interrupted while the Berth VM stops", e);
        }
        return "stopped the Berth VM (its containers, images and volumes lived in its memory and are gone)";
    }

    /** A QEMU of this state folder still running without its supervisor (its command line names the folder). */
    private static Optional<ProcessHandle> leftQemu(Path stateDir) {
        try {
            long pid = JSON.readTree(stateDir.resolve("vm.json").toFile()).path("qemuPid").asLong();
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains(stateDir.resolve("qmp.sock").toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
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

    /** Ends QEMU (the guest keeps nothing worth a shutdown: it runs from RAM) and frees the state folder. */
    @Override
    public void close() {
        try {
            process.stop(Duration.ofSeconds(10));
        } finally {
            try {
                Files.deleteIfExists(config.stateDir().resolve("vm.json"));
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
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
