package dev.berth.app.engine;

import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.PublishedPort;
import dev.berth.engine.api.Subscription;
import dev.berth.vm.engine.EngineVm;
import dev.berth.vm.forward.PortForward;
import dev.berth.vm.forward.Protocol;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Makes the ports that containers publish in Berth's VM reachable on this machine, as they would be with an engine
 * on the host: for each published {@code hostIp:hostPort/protocol} of a running container, QEMU forwards the same
 * address and port of the host to the guest. Follows the engine's container events (and looks again every few
 * seconds, should one be missed); a port this machine already uses is reported once, naming the container.
 */
public final class VmPortSync implements AutoCloseable {

    private static final Duration LOOK_AGAIN = Duration.ofSeconds(3);

    private final Engine engine;
    private final EngineVm vm;
    private final Consumer<String> say;
    private final Semaphore wake = new Semaphore(0);
    private final Map<PortForward, String> reportedFailures = new HashMap<>();
    private volatile boolean closed;
    private Subscription events;
    private Thread loop;

    public VmPortSync(Engine engine, EngineVm vm, Consumer<String> say) {
        this.engine = engine;
        this.vm = vm;
        this.say = say;
    }

    /** Follows the engine from now on, on a thread of its own. */
    public synchronized void start() throws EngineException {
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
        reportedFailures.keySet().retainAll(wanted.keySet());
        for (Map.Entry<PortForward, String> w : wanted.entrySet()) {
            PortForward f = w.getKey();
            if (have.contains(f) || reportedFailures.containsKey(f)) {
                continue;
            }
            try {
                vm.forward(f);
            } catch (IOException e) {
                reportedFailures.put(f, e.getMessage());
                say.accept("container " + w.getValue() + " publishes " + describe(f) + ", but it cannot be forwarded"
                        + " from this machine (" + e.getMessage() + "): another program holds that port here; stop it"
                        + " or publish another port");
            }
        }
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
        Subscription s;
        Thread t;
        synchronized (this) {
            s = events;
            t = loop;
        }
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
