package dev.berth.engine.project;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.PublishedPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Before Up: is every host port the project publishes free? A port is taken when a container of another project
 * (or a plain container) publishes it, or when binding it on this host fails; the holder is named either way (the
 * container and its project, or the host process found through /proc). The project's own containers do not count:
 * Up replaces or keeps them. Only TCP ports with one host port are checked (a range lets the engine pick a free one).
 */
public final class PortCheck {
    private static final int HIGHEST_PORT = 65_535;

    private final Engine engine;
    private final Path proc;

    PortCheck(Engine engine, Path proc) {
        this.engine = engine;
        this.proc = proc;
    }

    /**
     * A published port that another holder has.
     *
     * @param index        the port's place in the service's {@code ports} as the model lists them
     * @param holder       e.g. "container shop-web-1 (project shop)", "process 4242 (java)", "an unknown process"
     * @param holderIsContainer whether the holder is a container (stopping it frees the port)
     */
    public record Conflict(String service, int index, PortSpec port, String holder, boolean holderIsContainer) {

        /** e.g. "web: host port 8000 is held by process 4242 (java)". */
        public String describe() {
            return service + ": host port " + port.published() + " is held by " + holder;
        }
    }

    /** Every published port of the project that is not free, in service then port order. */
    public List<Conflict> conflicts(ComposeProject project) throws EngineException {
        List<ContainerInfo> running = engine.listContainers(Map.of(), false);
        List<ContainerInfo> others = running.stream().filter(c -> !c.project().equals(project.name())).toList();
        // the project's own containers hold their ports through the engine's proxy; Up keeps or replaces them
        Set<Integer> own = new HashSet<>();
        running.stream().filter(c -> c.project().equals(project.name()))
                .forEach(c -> c.ports().forEach(p -> own.add(p.hostPort())));
        List<Conflict> conflicts = new ArrayList<>();
        for (ServiceSpec s : project.services().values()) {
            List<PortSpec> ports = s.ports();
            for (int i = 0; i < ports.size(); i++) {
                PortSpec p = ports.get(i);
                if (p.published() == null || p.publishedEnd() != null || !p.protocol().equals("tcp")
                        || own.contains(p.published())) {
                    continue;
                }
                Optional<ContainerInfo> container = publisher(others, p.published());
                if (container.isPresent()) {
                    ContainerInfo c = container.get();
                    conflicts.add(new Conflict(s.name(), i, p, "container " + c.name()
                            + (c.project().isEmpty() ? "" : " (project " + c.project() + ")"), true));
                } else if (!canBind(p.hostIp(), p.published())) {
                    conflicts.add(new Conflict(s.name(), i, p, PortHolder.hostProcess(p.published(), proc)
                            .orElse("a process Berth cannot see (another user's, or outside this host's /proc)"),
                            false));
                }
            }
        }
        return List.copyOf(conflicts);
    }

    /**
     * The process of this machine that listens on TCP port {@code port}, e.g. "process 4242 (java)", where
     * {@code /proc} tells (Linux; another user's process only with privileges).
     */
    public static Optional<String> hostProcessListeningOn(int port) {
        return PortHolder.hostProcess(port, Path.of("/proc"));
    }

    /**
     * The first port above {@code taken} that nothing holds and that the project does not publish elsewhere,
     * for a one-click remap.
     */
    public int nextFreePort(ComposeProject project, String hostIp, int taken) throws EngineException {
        Set<Integer> avoid = new HashSet<>();
        for (ServiceSpec s : project.services().values()) {
            for (PortSpec p : s.ports()) {
                if (p.published() != null) {
                    for (int port = p.published(); port <= (p.publishedEnd() == null ? p.published() : p.publishedEnd());
                         port++) {
                        avoid.add(port);
                    }
                }
            }
        }
        for (ContainerInfo c : engine.listContainers(Map.of(), false)) {
            c.ports().forEach(p -> avoid.add(p.hostPort()));
        }
        for (int port = taken + 1; port <= HIGHEST_PORT; port++) {
            if (!avoid.contains(port) && canBind(hostIp, port)) {
                return port;
            }
        }
        throw new EngineException("", "no free host port above " + taken, "free a port, or pick one by hand", null);
    }

    private static Optional<ContainerInfo> publisher(List<ContainerInfo> containers, int port) {
        for (ContainerInfo c : containers) {
            for (PublishedPort p : c.ports()) {
                if (p.hostPort() == port) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** Binding is the only sure test: a listener on 127.0.0.1 blocks 0.0.0.0 and the other way round. */
    private static boolean canBind(String hostIp, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            InetAddress address = hostIp == null || hostIp.isEmpty() ? null : InetAddress.getByName(hostIp);
            if (address != null && !address.isAnyLocalAddress() && NetworkInterface.getByInetAddress(address) == null) {
                return true; // not an address of this host (an engine in a VM): only the engine can tell
            }
            socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
