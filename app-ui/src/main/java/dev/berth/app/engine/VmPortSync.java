package dev.berth.app.engine;

import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.PublishedPort;
import dev.berth.engine.api.Subscription;
import dev.berth.engine.project.PortCheck;
import dev.berth.vm.engine.EngineVm;
import dev.berth.vm.forward.PortForward;
import dev.berth.vm.forward.Protocol;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Makes the ports that containers publish in Berth's VM reachable on this machine, as they would be with an engine
 * on the host: for each published {@code hostIp:hostPort/protocol} of a running container, QEMU forwards the same
 * address and port of the host to the guest. Follows the engine's container events (and looks again every few
 * seconds, should one be missed); a port this machine already uses is reported once, naming the container, and
 * listed in {@link #refused()} for as long as it cannot be forwarded.
 */
public final class VmPortSync implements AutoCloseable {

    /**
     * A port a container publishes in the VM that is not reachable on this machine.
     *
     * @param container   the container that publishes it
     * @param hostAddress the address of this machine it is published on (0.0.0.0: all)
     * @param hostPort    the port, on this machine as in the VM
     * @param protocol    tcp or udp
     * @param reason      why it cannot be forwarded, in words
     */
    public record Refused(String container, String hostAddress, int hostPort, String protocol, String reason) {
        /** e.g. "127.0.0.1:8080/tcp". */
        public String address() {
            return hostAddress + ":" + hostPort + "/" + protocol;
        }
    }

    /** A forward QEMU refused: when (tried again after a while) and what it said. */
    private record Failure(long at, String message) {
    }

    private static final Duration LOOK_AGAIN = Duration.ofSeconds(3);
    private static final Duration RETRY_FAILED = Duration.ofSeconds(5);

    private final Engine engine;
    private final EngineVm vm;
    private final Consumer<String> say;
    private final Semaphore wake = new Semaphore(0);
    /** Forwards QEMU refused, and when: tried again after a while (the port may be free by then), reported once. */
    private final Map<PortForward, Failure> failedAt = new HashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile List<Refused> refused = List.of();
    private volatile boolean closed;
    private volatile Subscription events;
    private volatile Thread loop;

    public VmPortSync(Engine engine, EngineVm vm, Consumer<String> say) {
        this.engine = engine;
        this.vm = vm;
        this.say = say;
    }

    /** Follows the engine from now on, on a thread of its own. */
    public void start() throws EngineException {
        events = engine.subscribeEvents(Map.of(), event -> {
            if (event.type().equals("container")) {
                wake.release();
            }
        });
        loop = Thread.ofVirtual().name("berth-vm-ports").start(this::run);
    }

    private void run() {
        while (!closed) {
            try {
                sync();
            } catch (EngineException e) {
                if (!closed) {
                    say.accept("cannot list the VM engine's containers (" + e.getMessage() + "); trying again");
                }
            }
            try {
                wake.tryAcquire(LOOK_AGAIN.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Forwards what is published and not forwarded yet; stops forwarding what is no longer published. */
    public synchronized void sync() throws EngineException {
        Map<PortForward, String> wanted = new LinkedHashMap<>();
        for (ContainerInfo c : engine.listContainers(Map.of(), false)) {
            for (PublishedPort p : c.ports()) {
                PortForward f = forwardOf(p);
                if (f != null) {
                    wanted.putIfAbsent(f, c.name());
                }
            }
        }
        Set<PortForward> have = new HashSet<>(vm.forwarded());
        for (PortForward f : have) {
            if (!wanted.containsKey(f)) {
                try {
                    vm.unforward(f);
                } catch (IOException e) {
                    say.accept("cannot stop forwarding " + describe(f) + ": " + e.getMessage());
                }
            }
        }
        failedAt.keySet().retainAll(wanted.keySet());
        long now = System.nanoTime();
        for (Map.Entry<PortForward, String> w : wanted.entrySet()) {
            PortForward f = w.getKey();
            Failure failed = failedAt.get(f);
            if (have.contains(f) || failed != null && now - failed.at() < RETRY_FAILED.toNanos()) {
                continue;
            }
            try {
                vm.forward(f);
                failedAt.remove(f);
            } catch (IOException e) {
                // who holds it is looked up once (a walk through /proc), not at every retry
                String reason = failed != null ? failed.message() : refusal(f, e);
                if (failed == null) {
                    say.accept("container " + w.getValue() + " publishes " + describe(f) + ", but " + reason);
                }
                failedAt.put(f, new Failure(now, reason));
            }
        }
        List<Refused> stillRefused = failedAt.entrySet().stream().map(e -> new Refused(wanted.get(e.getKey()),
                e.getKey().hostAddress(), e.getKey().hostPort(), e.getKey().protocol().qemuName(),
                e.getValue().message())).sorted(Comparator.comparing(Refused::address)).toList();
        if (!stillRefused.equals(refused)) {
            refused = stillRefused;
            listeners.forEach(Runnable::run);
        }
    }

    /** Why QEMU could not forward {@code f}: the process of this machine that holds the port, where /proc says. */
    private static String refusal(PortForward f, IOException e) {
        Optional<String> holder = f.protocol() == Protocol.TCP ? PortCheck.hostProcessListeningOn(f.hostPort())
                : Optional.empty();
        String retry = "Berth tries again every " + RETRY_FAILED.toSeconds() + " s";
        if (holder.isPresent() && holder.get().contains("(qemu-system")) {
            return holder.get() + ", another VM, holds that port on this machine (a container of another Berth VM"
                    + " may publish it); free it there or publish another port; " + retry;
        }
        return holder.map(h -> h + " holds that port on this machine; stop it or publish another port; " + retry)
                .orElse("it cannot be forwarded from this machine (QEMU: " + e.getMessage() + "): another program"
                        + " may hold that port here, or it is below 1024 and needs privileges; " + retry);
    }

    /** The published ports that are not reachable on this machine now. */
    public List<Refused> refused() {
        return refused;
    }

    /**
     * Calls {@code listener} (on the sync's thread) whenever {@link #refused()} changes.
     *
     * @return what stops the calls
     */
    public AutoCloseable onRefusedChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Where a published port is forwarded from, as {@link Refused#address()} names it ("127.0.0.1:8080/tcp"), or
     * null for one QEMU cannot forward.
     */
    public static String forwardedAddress(PublishedPort p) {
        PortForward f = forwardOf(p);
        return f == null ? null : describe(f);
    }

    /** The forward for a published port, or null for one QEMU cannot forward (IPv6, SCTP, unpublished). */
    static PortForward forwardOf(PublishedPort p) {
        if (p.hostPort() <= 0) {
            return null;
        }
        Protocol protocol = switch (p.protocol() == null ? "tcp" : p.protocol()) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            default -> null;
        };
        String ip = p.hostIp() == null || p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp();
        if (protocol == null || ip.contains(":")) {
            return null;   // QEMU's user network forwards IPv4 only; the engine lists [::] beside 0.0.0.0
        }
        return new PortForward(ip, p.hostPort(), p.hostPort(), protocol);
    }

    private static String describe(PortForward f) {
        return f.hostAddress() + ":" + f.hostPort() + "/" + f.protocol().qemuName();
    }

    @Override
    public void close() {
        closed = true;
        // no lock here: a sync waiting on a stuck engine holds it, and the interrupt below is what frees it
        Subscription s = events;
        Thread t = loop;
        if (s != null) {
            s.close();
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
