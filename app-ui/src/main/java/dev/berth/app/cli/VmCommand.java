package dev.berth.app.cli;

import dev.berth.app.engine.BerthVm;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.docker.DockerEngine;
import dev.berth.vm.engine.EngineVm;
import java.io.IOException;
import java.io.PrintWriter;
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
 * kernel (so far an Intel Mac; Windows and Apple Silicon are not done, see decision 008) — and on Linux too, where
 * it needs no root. Commands reach its engine through the docker context {@code berth-vm}.
 */
@Command(name = "vm", description = {"Berth's Linux VM with a container engine in it (QEMU: hvf on an Intel Mac, KVM"
        + " or TCG on x86-64 Linux), sharing your folders and forwarding published ports.",
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

    static Path stateDir(Map<String, String> env) {
        return BerthVm.stateDir(env, Path.of(System.getProperty("user.home")));
    }

    @Command(name = "start", description = {"Boot Berth's VM and run it until Ctrl+C (or `berth vm stop`).",
            "Its engine keeps images, containers and volumes on the VM's data disk, in the state folder: they outlive the VM."})
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

        @Option(names = "--disk", defaultValue = "64", paramLabel = "GiB",
                description = "Size of the engine's data disk when it is made (sparse; kept between starts, so images"
                        + " and volumes stay); 0: none, data in memory only (default: ${DEFAULT-VALUE})")
        long disk;

        @Option(names = "--accel", paramLabel = "NAME", description = "kvm, hvf, whpx or tcg (default: the host's"
                + " hypervisor when it works, else tcg)")
        String accel;

        @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
                description = "How long the VM may take until its engine answers (default: ${DEFAULT-VALUE}; under"
                        + " TCG, without a hypervisor, a boot takes a minute or more)")
        int timeout;

        @Override
        public Integer call() throws EngineException, InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            Path home = Path.of(System.getProperty("user.home"));
            BerthVm.Options options = new BerthVm.Options(shares.isEmpty() ? List.of(home) : shares, cpus, memory,
                    accel, Duration.ofSeconds(timeout), disk);
            BerthVm started;
            try {
                started = BerthVm.start(System.getenv(), home, options, line -> say(err, line));
            } catch (IOException e) {
                throw new UserFacingException(e.getMessage());
            }
            BerthVm berthVm = started;
            EngineVm vm = berthVm.vm();
            java.util.concurrent.atomic.AtomicBoolean leaving = new java.util.concurrent.atomic.AtomicBoolean();
            CountDownLatch stopped = new CountDownLatch(1);
            // Ctrl+C and SIGTERM end the JVM; the hook stops the VM in order first (QEMU runs in a session of its
            // own where setsid or Perl is there, so a terminal's Ctrl+C does not reach it)
            Thread hook = new Thread(() -> {
                leaving.set(true);
                berthVm.close();
                stopped.countDown();
            }, "berth-vm-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            say(err, "Berth's VM runs; its engine answers at " + vm.engineUri() + " (mutual TLS, certificates in "
                    + vm.clientTlsDir() + ")");
            say(err, "shared at the same paths: " + options.shares().stream().map(p -> p.toAbsolutePath().normalize()
                    .toString()).reduce((a, b) -> a + ", " + b).orElse("nothing"));
            err.println("  use it:  DOCKER_CONTEXT=" + CONTEXT + " berth up -d   (or `docker context use " + CONTEXT
                    + "`; `docker --context " + CONTEXT + " load < image.tar` brings an image in)");
            err.println("  stop it: Ctrl+C here, or `berth vm stop`");
            err.flush();
            while (vm.isAlive()) {
                Thread.sleep(500);
            }
            Thread.sleep(1_000);   // a Ctrl+C that ended QEMU has started the hook by now
            if (leaving.get()) {
                stopped.await();
                return 0;
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            berthVm.close();
            if (vm.stopRequested()) {
                say(err, "the VM was stopped (`berth vm stop`)");
                return 0;
            }
            say(err, "the VM ended by itself; see " + stateDir(System.getenv()).resolve("console.log"));
            return 1;
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
            String answer = running.map(r -> describe(state, r)).orElse("not running");
            out.println("vm:         " + answer);
            running.ifPresent(r -> {
                out.println("qemu:       pid " + r.qemuPid());
                out.println("supervisor: pid " + r.supervisorPid());
            });
            out.println("state:      " + state);
            out.println("guest:      " + BerthVm.guestDir(System.getenv()));
            out.println("context:    " + CONTEXT + " (DOCKER_CONTEXT=" + CONTEXT + ")");
            return answer.startsWith("running, engine") ? 0 : 3;
        }

        private static String describe(Path state, EngineVm.Running r) {
            if (!r.supervised()) {
                return "running without the Berth that started it (pid " + r.supervisorPid() + " ended): stop it"
                        + " with `berth vm stop`";
            }
            if (!r.ready()) {
                return "booting (its engine will answer at " + r.engineUri() + ")";
            }
            try (Engine engine = DockerEngine.connect(BerthVm.endpoint(r.engineUri(), state))) {
                return "running, engine Docker " + engine.version().version() + " answering at " + r.engineUri();
            } catch (EngineException | RuntimeException e) {
                return "running, but its engine does not answer at " + r.engineUri() + ": " + e.getMessage();
            }
        }
    }

    @Command(name = "stop", description = "Stop Berth's VM in order: its containers, its engine, then the VM (images"
            + " and volumes stay on its disk).")
    static final class Stop implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--timeout", defaultValue = "100", paramLabel = "SECONDS",
                description = "How long the VM may take to stop its containers and engine before it is ended"
                        + " (default: ${DEFAULT-VALUE})")
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

    private static void say(PrintWriter err, String line) {
        err.println("berth: " + line);
        err.flush();
    }
}
