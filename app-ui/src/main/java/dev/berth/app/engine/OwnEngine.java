package dev.berth.app.engine;

import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.local.EngineContext;
import dev.berth.engine.local.LocalEngine;
import dev.berth.engine.local.LocalEngineLayout;
import dev.berth.vm.engine.EngineVm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine Berth runs itself when the window finds none: on Linux as root, a dockerd of its own beside the
 * system's ({@link LocalEngine}); elsewhere (macOS, Windows, a Linux user without root), its VM ({@link BerthVm}).
 * Started when the user asks for it, shared by every project the window opens, stopped in order when the app ends.
 * {@code BERTH_OWN_ENGINE=local|vm} chooses. Engine work: call from a worker thread.
 */
public final class OwnEngine {

    /** Which engine of its own Berth can run here. */
    public enum Kind {
        LOCAL("Start Berth's engine", "Berth's engine"),
        VM("Start Berth's VM", "Berth's VM");

        private final String action;
        private final String name;

        Kind(String action, String name) {
            this.action = action;
            this.name = name;
        }

        /** The button's words. */
        public String action() {
            return action;
        }

        /** How the status line names it. */
        public String displayName() {
            return name;
        }
    }

    private static volatile LocalEngine local;
    private static volatile BerthVm vm;
    /** Who hears that the window's VM refused a port or forwards it now (the open projects). */
    private static final List<Runnable> portListeners = new CopyOnWriteArrayList<>();
    /** How often the refused ports of a VM that `berth vm start` runs are read from its state folder. */
    private static final Duration LOOK_AT_CLI_VM = Duration.ofSeconds(1);
    /** The refused ports of a VM that `berth vm start` runs, when the window uses one, as last read. */
    private static volatile List<VmPortSync.Refused> cliVmRefused = List.of();
    private static volatile Thread cliVmWatch;

    static {
        // the app may end while a VM boots (start holds no handle to it yet) or on SIGTERM, which skips the app's
        // own stop: QEMU, a child of this JVM, must not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            BerthVm v = vm;
            if (v != null) {
                v.close();   // in order: the data disk is unmounted before QEMU ends
            }
            ProcessHandle.current().children().filter(p -> p.info().commandLine().orElse("").contains("qemu-system"))
                    .forEach(ProcessHandle::destroy);
        }, "berth-own-vm-stop"));
    }

    private OwnEngine() {
    }

    /** Which one this machine can run, if any. Reads files: not on the FX thread. */
    public static Optional<Kind> available(Map<String, String> environment) {
        String chosen = environment.getOrDefault("BERTH_OWN_ENGINE", "");
        boolean linux = Files.isDirectory(Path.of("/proc/self"));
        boolean localPossible = linux && isRoot() && Files.isExecutable(LocalEngineLayout.of(environment).dockerd());
        return switch (chosen) {
            case "local" -> linux ? Optional.of(Kind.LOCAL) : Optional.empty();
            case "vm" -> BerthVm.possible(environment) ? Optional.of(Kind.VM) : Optional.empty();
            default -> localPossible ? Optional.of(Kind.LOCAL)
                    : BerthVm.possible(environment) ? Optional.of(Kind.VM) : Optional.empty();
        };
    }

    /**
     * The running engine's endpoint, started first when it is not; writes its docker context ({@code berth} or
     * {@code berth-vm}) so that a terminal's {@code docker --context …} reaches the same engine.
     *
     * @throws EngineException when it cannot start here; the message says why and what to do
     */
    public static synchronized EngineEndpoint start(Kind kind, Map<String, String> environment, Path home)
            throws EngineException {
        return switch (kind) {
            case LOCAL -> startLocal(environment, home);
            case VM -> startVm(environment, home);
        };
    }

    private static EngineEndpoint startLocal(Map<String, String> environment, Path home) throws EngineException {
        // the one this window supervises, also while it restarts; a failed or stopped one is started anew
        if (local != null && local.state() != LocalEngine.State.FAILED && local.state() != LocalEngine.State.STOPPED) {
            return local.endpoint();
        }
        if (local != null) {
            local.close();
        }
        local = LocalEngine.start(LocalEngineLayout.of(environment), Duration.ofSeconds(60),
                LocalEngine.Listener.NONE);
        try {
            EngineContext.save(EndpointResolver.dockerConfigDir(environment, home), LocalEngineLayout.CONTEXT,
                    local.endpoint());
        } catch (IOException e) {
            // the window reaches the engine without it; only other tools would miss it
        }
        return local.endpoint();
    }

    private static EngineEndpoint startVm(Map<String, String> environment, Path home) throws EngineException {
        if (vm != null && vm.vm().isAlive()) {
            return vm.endpoint();
        }
        if (vm != null) {
            vm.close();
            vm = null;   // its refused ports went with it
        }
        // one that `berth vm start` runs (and forwards ports for) serves the window as well
        Path state = BerthVm.stateDir(environment, home);
        Optional<EngineVm.Running> running = EngineVm.running(state);
        if (running.isPresent() && running.get().supervised() && running.get().ready()) {
            watchCliVm(state);
            return BerthVm.endpoint(running.get().engineUri(), state);
        }
        try {
            // the window shows a port that cannot be forwarded beside the container (refusedPorts); these lines
            // are for a terminal
            vm = BerthVm.start(environment, home, BerthVm.Options.defaults(home),
                    line -> System.err.println("berth: " + line));
            vm.ports().onRefusedChange(OwnEngine::portsChanged);
        } catch (IOException e) {
            throw new EngineException("", "Berth's VM did not start: " + e.getMessage(), "see the VM's console log in "
                    + BerthVm.stateDir(environment, home), e);
        }
        return vm.endpoint();
    }

    /**
     * Whether {@code endpoint} (what DOCKER_HOST, DOCKER_CONTEXT or the current context chose, {@code berth-vm} say)
     * is the engine in Berth's VM: the one this window started, or one that `berth vm start` runs from the folder
     * {@code environment} names, which the window then follows as if it had found it through "Start Berth's VM"
     * ({@link #refusedPorts()}). Reads files: not on the FX thread.
     */
    public static boolean isBerthVm(EngineEndpoint endpoint, Map<String, String> environment, Path home) {
        BerthVm v = vm;
        if (v != null && v.vm().isAlive()) {
            return sameAddress(endpoint.uri(), v.endpoint().uri());
        }
        Path state = BerthVm.stateDir(environment, home);
        Optional<EngineVm.Running> running = EngineVm.running(state);
        if (running.isEmpty() || !running.get().supervised()
                || !sameAddress(endpoint.uri(), running.get().engineUri())) {
            return false;
        }
        watchCliVm(state);
        return true;
    }

    /** tcp://localhost:2376 and tcp://127.0.0.1:2376 are one address (the VM's engine answers on the loopback). */
    static boolean sameAddress(String a, String b) {
        return normal(a).equals(normal(b));
    }

    private static String normal(String uri) {
        String u = uri.strip().toLowerCase(java.util.Locale.ROOT).replace("://localhost:", "://127.0.0.1:");
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /**
     * The ports that containers publish in Berth's VM (the one the window started, or one that `berth vm start`
     * runs and the window uses) and that are not reachable on this machine (another program holds the port here,
     * say); empty for any other engine. Reads no file: the FX thread may call it.
     */
    public static List<VmPortSync.Refused> refusedPorts() {
        BerthVm v = vm;
        return v != null && v.vm().isAlive() ? v.ports().refused() : cliVmRefused;
    }

    /** Follows the refused ports that the supervisor of the VM in {@code state} writes down, until {@link #stop()}. */
    private static synchronized void watchCliVm(Path state) {
        Thread running = cliVmWatch;
        if (running != null && running.isAlive()) {
            return;
        }
        Thread watch = Thread.ofVirtual().name("berth-cli-vm-ports").unstarted(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Optional<List<VmPortSync.Refused>> now = BerthVm.refusedPorts(state);
                    if (Thread.currentThread() != cliVmWatch) {
                        return;   // stopped meanwhile: what it read is no longer anyone's
                    }
                    if (now.isPresent() && !now.get().equals(cliVmRefused)) {
                        cliVmRefused = now.get();
                        portsChanged();
                    }
                    Thread.sleep(LOOK_AT_CLI_VM);
                }
            } catch (InterruptedException e) {
                // stopped with the app
            }
        });
        cliVmWatch = watch;   // before it runs: it checks that it is still the watch
        watch.start();
    }

    /** Tells every open project; one project's failure must not end the watch for the others. */
    private static void portsChanged() {
        for (Runnable listener : portListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // that project shows its list at its next refresh
            }
        }
    }

    /**
     * Calls {@code listener} (on an engine thread) whenever {@link #refusedPorts()} changes.
     *
     * @return what stops the calls
     */
    public static AutoCloseable onRefusedPortsChange(Runnable listener) {
        portListeners.add(listener);
        return () -> portListeners.remove(listener);
    }

    /** Stops what the window started; does not wait for a start under way (the shutdown hook ends its QEMU). */
    public static void stop() {
        Thread watch = cliVmWatch;
        if (watch != null) {
            watch.interrupt();
        }
        cliVmWatch = null;
        cliVmRefused = List.of();
        LocalEngine l = local;
        local = null;
        if (l != null) {
            l.close();
        }
        BerthVm v = vm;
        if (v != null) {
            v.close();   // the field stays set meanwhile: a shutdown hook waits for this close, not kills QEMU
        }
        vm = null;
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
