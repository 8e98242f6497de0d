package dev.berth.engine.project;

import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.PublishedPort;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who holds a host port: a container of any project (from the engine's port list), else a host process (the
 * LISTEN socket's inode in /proc/net/tcp and tcp6, then the process whose fd points at {@code socket:[inode]}).
 * Reading other users' /proc/&lt;pid&gt;/fd needs privileges; what cannot be read is skipped, not reported.
 */
final class PortHolder {
    private static final String LISTEN = "0A";

    private PortHolder() {
    }

    /** A sentence naming the holder, e.g. "container shop-web-1 (project shop)" or "process 4242 (java)". */
    static Optional<String> describe(Engine engine, int port, Path proc) {
        try {
            for (ContainerInfo c : engine.listContainers(Map.of(), false)) {
                for (PublishedPort p : c.ports()) {
                    if (p.hostPort() == port) {
                        return Optional.of("container " + c.name() + (c.project().isEmpty() ? ""
                                : " (project " + c.project() + ")"));
                    }
                }
            }
        } catch (EngineException e) {
            // the host side may still answer
        }
        return hostProcess(port, proc);
    }

    static Optional<String> hostProcess(int port, Path proc) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            inodes.addAll(listeningInodes(proc.resolve(table), port));
        }
        inodes.remove("0");
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString()
                .matches("\\d+"))) {
            for (Path pid : pids) {
                if (holdsSocket(pid.resolve("fd"), inodes)) {
                    String comm = read(pid.resolve("comm")).strip();
                    return Optional.of("process " + pid.getFileName() + (comm.isEmpty() ? "" : " (" + comm + ")"));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Lines: "sl local_address rem_address st ... uid timeout inode"; addresses are HEXIP:HEXPORT. */
    static Set<String> listeningInodes(Path table, int port) {
        Set<String> inodes = new HashSet<>();
        String wanted = String.format("%04X", port);
        for (String line : read(table).lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[3].equals(LISTEN) && f[1].endsWith(":" + wanted)) {
                inodes.add(f[9]);
            }
        }
        return inodes;
    }

    private static boolean holdsSocket(Path fds, Set<String> inodes) {
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
            for (Path fd : links) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile or not ours to read
                }
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
