package dev.berth.app.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.docker.DockerEngine;
import dev.berth.engine.local.EngineContext;
import dev.berth.vm.HostPlatform;
import dev.berth.vm.UnsupportedOnPlatformException;
import dev.berth.vm.engine.EngineVm;
import dev.berth.vm.engine.GuestImage;
import dev.berth.vm.qemu.QemuBinaryLocator;
import dev.berth.vm.qemu.VmStartException;
import dev.berth.vm.spi.Accelerator;
import dev.berth.vm.spi.AcceleratorChoice;
import dev.berth.vm.spi.AcceleratorChooser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Berth's VM as the CLI ({@code berth vm start}) and the window run it: the guest booted with the host's
 * hypervisor (or TCG when that cannot run it), the docker context {@code berth-vm} written, and the ports its
 * containers publish forwarded to this machine for as long as it runs.
 */
public final class BerthVm implements AutoCloseable {

    /** How a VM should be started; null fields take the defaults. */
    public record Options(List<Path> shares, Integer cpus, int memoryMiB, String accelerator, Duration timeout,
                          long diskGiB) {
        /** The size of a new data disk: sparse, so it takes only what the engine writes. */
        public static final long DEFAULT_DISK_GIB = 64;

        public static Options defaults(Path home) {
            return new Options(List.of(home), null, 2048, null, Duration.ofMinutes(10), DEFAULT_DISK_GIB);
        }
    }

    /** The guest's system folders: a folder shared at one of these paths would hide what the guest runs on. */
    private static final List<Path> GUEST_OWN = java.util.stream.Stream.of("/proc", "/sys", "/dev", "/run", "/etc",
            "/usr", "/bin", "/sbin", "/lib", "/lib64", "/var/lib/docker", "/init").map(Path::of).toList();

    /**
     * In the state folder while the VM runs: the ports its containers publish that this machine refuses, for the
     * window when the VM is one that {@code berth vm start} runs.
     */
    static final String REFUSED_PORTS = "refused-ports.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineVm vm;
    private final Path state;
    private final EngineEndpoint endpoint;
    private final Engine engine;
    private final VmPortSync ports;

    private BerthVm(EngineVm vm, Path state, EngineEndpoint endpoint, Engine engine, VmPortSync ports) {
        this.vm = vm;
        this.state = state;
        this.endpoint = endpoint;
        this.engine = engine;
        this.ports = ports;
    }

    /**
     * Boots the VM and returns once its engine answers and its ports are followed.
     *
     * @param say hears each step and each later port problem, in words
     * @throws IOException with a message for people when the guest, QEMU or the boot fails
     */
    public static BerthVm start(Map<String, String> env, Path home, Options options, Consumer<String> say)
            throws IOException, EngineException {
        Path state = stateDir(env, home);
        HostPlatform host = HostPlatform.current();
        if (!supported(host)) {
            throw new IOException("Berth's VM does not run on " + host + " yet: its guest is built for x86-64, and QEMU"
                    + " for Windows cannot share folders (virtfs); use an engine of your own there (DOCKER_HOST or a"
                    + " docker context)");
        }
        GuestImage image;
        Path qemu;
        try {
            image = GuestImage.in(guestDir(env));
            qemu = QemuBinaryLocator.forCurrentHost().locate();
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        AcceleratorChoice accelerator = options.accelerator() == null ? new AcceleratorChooser().choose(host)
                : chosen(options.accelerator(), host);
        List<Path> folders = new ArrayList<>();
        for (Path share : options.shares()) {
            Path real = share.toAbsolutePath().normalize();
            if (!Files.isDirectory(real)) {
                throw new IOException("shared folder " + share + " does not exist; give a folder that exists");
            }
            if (real.getNameCount() == 0 || GUEST_OWN.stream().anyMatch(real::startsWith)) {
                throw new IOException("shared folder " + real + " would cover the VM's own system folders (it is"
                        + " mounted at the same path there); share the folders your projects are in, such as your"
                        + " home folder");
            }
            folders.add(real);
        }
        int cpus = options.cpus() != null ? options.cpus() : Math.min(4, Runtime.getRuntime().availableProcessors());
        say.accept(accelerator.explanation());
        EngineVm vm;
        try {
            try {
                vm = EngineVm.start(new EngineVm.Config(state, image, qemu, host, accelerator.accelerator(), cpus,
                        options.memoryMiB(), folders, options.timeout(), options.diskGiB()), say);
            } catch (VmStartException e) {
                // only when QEMU itself ended: a guest that failed or was slow would fail under TCG too
                if (options.accelerator() != null || !accelerator.accelerator().isHardware()
                        || e instanceof EngineVm.GuestFailedException) {
                    throw e;
                }
                // a hypervisor that opens but cannot run this guest (KVM nested in a VM, say): QEMU's own
                // translator is slow but runs anywhere
                say.accept(accelerator.accelerator().qemuName() + " cannot run the VM here (" + firstLine(e)
                        + "); trying again with tcg (slow; `--accel " + accelerator.accelerator().qemuName()
                        + "` insists)");
                vm = EngineVm.start(new EngineVm.Config(state, image, qemu, host, Accelerator.TCG, cpus,
                        options.memoryMiB(), folders, options.timeout(), options.diskGiB()), say);
            }
        } catch (IllegalArgumentException | UnsupportedOnPlatformException e) {
            throw new IOException(e.getMessage(), e);
        }
        EngineEndpoint endpoint = endpoint(vm.engineUri(), state);
        Engine engine = null;
        try {
            Path dockerConfig = EndpointResolver.dockerConfigDir(env, home);
            if (EngineContext.save(dockerConfig, EndpointResolver.BERTH_VM_CONTEXT, endpoint)
                    == EngineContext.Saved.KEPT_THE_USERS) {
                say.accept(dockerConfig + " has a docker context named '" + EndpointResolver.BERTH_VM_CONTEXT
                        + "' of your own; it was left as it is, so reach the VM's engine with DOCKER_HOST="
                        + vm.engineUri() + " DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=" + vm.clientTlsDir());
            }
            engine = DockerEngine.connect(endpoint);
            VmPortSync ports = new VmPortSync(engine, vm, say);
            // a list that a killed supervisor left is not this VM's (the VM's lock is held by now)
            writeRefused(state, List.of(), say);
            ports.onRefusedChange(() -> writeRefused(state, ports.refused(), say));
            ports.start();
            return new BerthVm(vm, state, endpoint, engine, ports);
        } catch (IOException | EngineException | RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            vm.close();
            throw e;
        }
    }

    /** {@code BERTH_VM_DIR}, else {@code $XDG_DATA_HOME/berth/vm} or {@code ~/.local/share/berth/vm}. */
    public static Path stateDir(Map<String, String> env, Path home) {
        String dir = env.get("BERTH_VM_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).toAbsolutePath();
        }
        String data = env.get("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() ? Path.of(data) : home.resolve(".local").resolve("share");
        return base.resolve("berth").resolve("vm");
    }

    /**
     * {@code BERTH_GUEST_DIR}, else {@code guest/} beside the app's jar folder (an installed Berth), else the
     * checkout's {@code vm-launcher/target/guest}.
     */
    public static Path guestDir(Map<String, String> env) {
        String dir = env.get("BERTH_GUEST_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).toAbsolutePath();
        }
        try {
            Path jar = Path.of(BerthVm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path installed = jar.getParent().resolveSibling("guest");
            if (Files.isDirectory(installed)) {
                return installed;
            }
            // app-ui/target/app-ui.jar (or app-ui/target/classes) of a checkout
            return jar.getParent().getParent().getParent().resolve("vm-launcher").resolve("target").resolve("guest");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("vm-launcher", "target", "guest").toAbsolutePath();
        }
    }

    /** Where the guest can run: an x86-64 host whose QEMU shares folders (Linux, an Intel Mac). */
    static boolean supported(HostPlatform host) {
        return host.arch() == HostPlatform.Arch.X86_64 && host.os() != HostPlatform.Os.WINDOWS;
    }

    /** The engine of the VM run from {@code stateDir}, answering at {@code uri}, with the client's certificate. */
    public static EngineEndpoint endpoint(String uri, Path stateDir) {
        return new EngineEndpoint(uri, "Berth's VM", new EngineEndpoint.Tls(EngineVm.clientTlsDir(stateDir), true));
    }

    /** Whether a VM could boot here: its guest is built and QEMU is installed. Reads files: not on the FX thread. */
    public static boolean possible(Map<String, String> env) {
        if (!supported(HostPlatform.current())) {
            return false;
        }
        try {
            GuestImage.in(guestDir(env));
            QemuBinaryLocator.forCurrentHost().locate();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public EngineEndpoint endpoint() {
        return endpoint;
    }

    public EngineVm vm() {
        return vm;
    }

    /** What forwards the ports its containers publish (and says which it cannot). */
    public VmPortSync ports() {
        return ports;
    }

    /** Stops the VM in order; a second call (the app's shutdown hook) waits for the first. */
    @Override
    public synchronized void close() {
        try {
            ports.close();
            engine.close();
            Files.deleteIfExists(state.resolve(REFUSED_PORTS));
        } catch (IOException e) {
            // a stale list is ignored: it is read only while a supervised VM runs
        } finally {
            vm.close();
        }
    }

    /**
     * The ports that the containers of the VM run from {@code stateDir} publish and this machine refuses, as its
     * supervisor last wrote them; an empty list when no supervised VM runs there, nothing when the file cannot be
     * read now (the caller keeps what it had). Reads files: not on the FX thread.
     */
    public static Optional<List<VmPortSync.Refused>> refusedPorts(Path stateDir) {
        Path file = stateDir.resolve(REFUSED_PORTS);
        if (!Files.isRegularFile(file) || EngineVm.running(stateDir).filter(EngineVm.Running::supervised).isEmpty()) {
            return Optional.of(List.of());
        }
        return readRefused(stateDir);
    }

    /** The list as written in {@code state}; nothing when it cannot be read. */
    static Optional<List<VmPortSync.Refused>> readRefused(Path state) {
        try {
            return Optional.of(List.of(JSON.readValue(state.resolve(REFUSED_PORTS).toFile(),
                    VmPortSync.Refused[].class)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void writeRefused(Path state, List<VmPortSync.Refused> refused, Consumer<String> say) {
        try {
            Path aside = state.resolve(REFUSED_PORTS + ".new");
            JSON.writeValue(aside.toFile(), refused);
            Files.move(aside, state.resolve(REFUSED_PORTS), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            say.accept("cannot write " + state.resolve(REFUSED_PORTS) + " (" + e.getMessage() + "): a window using"
                    + " this VM does not see which ports are refused");
        }
    }

    private static AcceleratorChoice chosen(String name, HostPlatform platform) throws IOException {
        for (Accelerator a : Accelerator.values()) {
            if (a.qemuName().equals(name)) {
                if (!a.existsOn(platform)) {
                    throw new IOException("--accel " + name + " is a hypervisor of another system; on " + platform
                            + " use " + (platform.os() == HostPlatform.Os.LINUX ? "kvm"
                            : platform.os() == HostPlatform.Os.MACOS ? "hvf" : "whpx") + " or tcg");
                }
                return new AcceleratorChoice(a, "using " + name + " (--accel)");
            }
        }
        throw new IOException("--accel " + name + " is unknown; use kvm, hvf, whpx or tcg");
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int qemuSays = message.indexOf("qemu-system");
        String line = qemuSays >= 0 ? message.substring(qemuSays) : message;
        return line.lines().findFirst().orElse(line);
    }
}
