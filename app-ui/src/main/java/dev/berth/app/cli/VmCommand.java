package dev.berth.app.cli;

import dev.berth.app.engine.VmPortSync;
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
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code berth vm start|status|stop}: the Linux VM with a container engine that Berth runs where there is no Linux
 * kernel (macOS, Windows) — and on Linux too, where it needs no root. Commands reach its engine through the docker
 * context {@code berth-vm}.
 */
@Command(name = "vm", description = {"Berth's Linux VM with a container engine in it (QEMU: hvf on macOS, whpx on "
        + "Windows, KVM or TCG on Linux), sharing your folders and forwarding published ports.",
        "Commands reach its engine through the docker context 'berth-vm': `DOCKER_CONTEXT=berth-vm berth up -d`."},
        subcommands = {VmCommand.Start.class, VmCommand.Status.class, VmCommand.Stop.class})
final class VmCommand implements Callable<Integer> {

    static final String CONTEXT = EndpointResolver.BERTH_VM_CONTEXT;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code BERTH_VM_DIR}, else {@code $XDG_DATA_HOME/berth/vm} or {@code ~/.local/share/berth/vm}. */
    static Path stateDir(Map<String, String> env) {
        String dir = env.get("BERTH_VM_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).toAbsolutePath();
        }
        String data = env.get("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() ? Path.of(data)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("berth").resolve("vm");
    }

    /**
     * {@code BERTH_GUEST_DIR}, else {@code guest/} beside the app's jar folder (an installed Berth), else the
     * checkout's {@code vm-launcher/target/guest}.
     */
    static Path guestDir(Map<String, String> env) {
        String dir = env.get("BERTH_GUEST_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).toAbsolutePath();
        }
        try {
            Path jar = Path.of(VmCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path installed = jar.getParent().resolveSibling("guest");
            if (Files.isDirectory(installed)) {
                return installed;
            }
            // app-ui/target/app-ui.jar (or app-ui/target/classes) of a checkout
            Path checkout = jar.getParent().getParent().getParent();
            return checkout.resolve("vm-launcher").resolve("target").resolve("guest");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("vm-launcher", "target", "guest").toAbsolutePath();
        }
    }

    static EngineEndpoint endpoint(String uri, Path clientTls) {
        return new EngineEndpoint(uri, "Berth's VM", new EngineEndpoint.Tls(clientTls, true));
    }

    @Command(name = "start", description = {"Boot Berth's VM and run it until Ctrl+C (or `berth vm stop`).",
            "Its engine keeps images and containers in the VM's memory: they last as long as the VM."})
    static final class Start implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--cpus", paramLabel = "N", description = "Virtual CPUs (default: this machine's, at most 4)")
        Integer cpus;

        @Option(names = "--memory", defaultValue = "2048", paramLabel = "MiB",
                description = "The VM's memory in MiB (default: ${DEFAULT-VALUE})")
        int memory;

        @Option(names = "--share", paramLabel = "FOLDER", description = "A folder the VM mounts at the same path, so"
                + " bind mounts under it work (repeatable; default: your home folder)")
        List<Path> shares = new ArrayList<>();

        @Option(names = "--accel", paramLabel = "NAME", description = "kvm, hvf, whpx or tcg (default: the host's"
                + " hypervisor when it works, else tcg)")
        String accel;

        @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
                description = "How long the VM may take until its engine answers (default: ${DEFAULT-VALUE}; under"
                        + " TCG, without a hypervisor, a boot takes a minute or more)")
        int timeout;

        @Override
        public Integer call() throws IOException, EngineException, InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            Map<String, String> env = System.getenv();
            Path state = stateDir(env);
            GuestImage image;
            try {
                image = GuestImage.in(guestDir(env));
            } catch (GuestImage.GuestImageMissingException e) {
                throw new UserFacingException(e.getMessage());
            }
            HostPlatform platform = HostPlatform.current();
            Path qemu;
            try {
                qemu = QemuBinaryLocator.forCurrentHost().locate();
            } catch (RuntimeException e) {
                throw new UserFacingException(e.getMessage());
            }
            AcceleratorChoice accelerator = accel == null ? new AcceleratorChooser().choose(platform)
                    : chosen(accel, platform);
            List<Path> folders = new ArrayList<>();
            for (Path share : shares.isEmpty() ? List.of(Path.of(System.getProperty("user.home"))) : shares) {
                Path real = share.toAbsolutePath().normalize();
                if (!Files.isDirectory(real)) {
                    throw new UserFacingException("--share " + share + ": no such folder; give a folder that exists");
                }
                folders.add(real);
            }
            int vcpus = cpus != null ? cpus : Math.min(4, Runtime.getRuntime().availableProcessors());
            say(err, accelerator.explanation());
            EngineVm started;
            try {
                EngineVm.Config config = new EngineVm.Config(state, image, qemu, platform, accelerator.accelerator(),
                        vcpus, memory, folders, Duration.ofSeconds(timeout));
                try {
                    started = EngineVm.start(config, line -> say(err, line));
                } catch (VmStartException e) {
                    if (accel != null || !accelerator.accelerator().isHardware()) {
                        throw e;
                    }
                    // a hypervisor that opens but cannot run this guest (KVM nested in a VM, say): QEMU's own
                    // translator is slow but runs anywhere
                    say(err, accelerator.accelerator().qemuName() + " cannot run the VM here (" + firstLine(e)
                            + "); trying again with tcg (slow; `--accel " + accelerator.accelerator().qemuName()
                            + "` insists)");
                    started = EngineVm.start(new EngineVm.Config(state, image, qemu, platform, Accelerator.TCG, vcpus,
                            memory, folders, Duration.ofSeconds(timeout)), line -> say(err, line));
                }
            } catch (IOException | IllegalArgumentException | UnsupportedOnPlatformException e) {
                throw new UserFacingException(e.getMessage());
            }
            EngineVm vm = started;
            CountDownLatch stopped = new CountDownLatch(1);
            // SIGTERM (`berth vm stop`) and Ctrl+C end the JVM; the hook ends the VM first
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                vm.close();
                stopped.countDown();
            }, "berth-vm-stop"));
            EngineEndpoint endpoint = endpoint(vm.engineUri(), vm.clientTlsDir());
            Path dockerConfig = EndpointResolver.dockerConfigDir(env, Path.of(System.getProperty("user.home")));
            if (EngineContext.save(dockerConfig, CONTEXT, endpoint) == EngineContext.Saved.KEPT_THE_USERS) {
                say(err, dockerConfig + " has a docker context named '" + CONTEXT + "' of your own; it was left as"
                        + " it is, so reach the VM's engine with DOCKER_HOST=" + vm.engineUri() + " DOCKER_TLS_VERIFY=1"
                        + " DOCKER_CERT_PATH=" + vm.clientTlsDir());
            }
            try (Engine engine = DockerEngine.connect(endpoint);
                 VmPortSync ports = new VmPortSync(engine, vm, line -> say(err, line))) {
                ports.start();
                say(err, "Berth's VM runs; its engine answers at " + vm.engineUri() + " (mutual TLS, certificates in "
                        + vm.clientTlsDir() + ")");
                say(err, "shared at the same paths: " + folders.stream().map(Path::toString)
                        .reduce((a, b) -> a + ", " + b).orElse("nothing"));
                err.println("  use it:  DOCKER_CONTEXT=" + CONTEXT + " berth up -d   (or `docker context use " + CONTEXT
                        + "`; `docker --context " + CONTEXT + " load < image.tar` brings an image in)");
                err.println("  stop it: Ctrl+C here, or `berth vm stop`");
                err.flush();
                while (vm.isAlive()) {
                    Thread.sleep(500);
                }
            }
            if (stopped.getCount() > 0) {
                say(err, "the VM ended by itself; see " + state.resolve("console.log"));
                vm.close();
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "status", description = "Say whether Berth's VM runs and where its engine answers.")
    static final class Status implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path state = stateDir(System.getenv());
            Optional<EngineVm.Running> running = EngineVm.running(state);
            String answer = running.map(r -> {
                try (Engine engine = DockerEngine.connect(endpoint(r.engineUri(), EngineVm.clientTlsDir(state)))) {
                    return "running, engine Docker " + engine.version().version() + " answering at " + r.engineUri();
                } catch (EngineException | RuntimeException e) {
                    return "running, but its engine does not answer at " + r.engineUri() + ": " + e.getMessage();
                }
            }).orElse("not running");
            out.println("vm:         " + answer);
            running.ifPresent(r -> {
                out.println("qemu:       pid " + r.qemuPid());
                out.println("supervisor: pid " + r.supervisorPid());
            });
            out.println("state:      " + state);
            out.println("guest:      " + guestDir(System.getenv()));
            out.println("context:    " + CONTEXT + " (DOCKER_CONTEXT=" + CONTEXT + ")");
            return answer.startsWith("running, engine") ? 0 : 3;
        }
    }

    @Command(name = "stop", description = "Stop Berth's VM (its containers, images and volumes go with it).")
    static final class Stop implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
                description = "How long to wait for it to stop (default: ${DEFAULT-VALUE})")
        int timeout;

        @Override
        public Integer call() {
            try {
                spec.commandLine().getErr().println("berth: " + EngineVm.stop(stateDir(System.getenv()),
                        Duration.ofSeconds(timeout)));
            } catch (IOException e) {
                throw new UserFacingException(e.getMessage());
            }
            return 0;
        }
    }

    private static AcceleratorChoice chosen(String name, HostPlatform platform) {
        for (Accelerator a : Accelerator.values()) {
            if (a.qemuName().equals(name)) {
                if (!a.existsOn(platform)) {
                    throw new UserFacingException("--accel " + name + " is a hypervisor of another system; on "
                            + platform + " use " + (platform.os() == HostPlatform.Os.LINUX ? "kvm" : platform.os()
                            == HostPlatform.Os.MACOS ? "hvf" : "whpx") + " or tcg");
                }
                return new AcceleratorChoice(a, "using " + name + " (--accel)");
            }
        }
        throw new UserFacingException("--accel " + name + " is unknown; use kvm, hvf, whpx or tcg");
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int qemuSays = message.indexOf("qemu-system");
        String line = qemuSays >= 0 ? message.substring(qemuSays) : message;
        return line.lines().findFirst().orElse(line);
    }

    private static void say(PrintWriter err, String line) {
        err.println("berth: " + line);
        err.flush();
    }
}
