package dev.berth.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The resident {@code berth}: a JVM that stays after a command, in one folder, with one environment and one build,
 * and runs the next commands of that kind for the {@code berth} launcher, so that they pay neither a JVM's start
 * nor its warm-up (a no-op {@code up -d} of 20 services: about 1 s as a new process, 0.1-0.3 s here).
 *
 * <p>The launcher names the socket after the build, the folder and the environment (all but the variables that
 * change with every shell), so that this process's working directory and {@code System.getenv()} are the
 * command's own. It sends its pid, its {@code BERTH_TIMINGS} and the arguments, NUL-separated; this process writes
 * the command's output straight to the launcher's stdout and stderr ({@code /proc/PID/fd/1} and {@code 2}, opened
 * for appending), answers {@code started} when the command begins and its exit code when it ends, or
 * {@code fallback} when the launcher should run the command itself. When the launcher goes (Ctrl+C) the command is
 * interrupted and says nothing more. Only commands that read no input and need no terminal come here, each on a
 * thread of its own; an output that is a file opened without appending ({@code > log}) stays the launcher's. After
 * {@link #IDLE} without a command, or when its socket is gone, the process ends.
 */
public final class ResidentCli {
    /** How long it stays without a command (the system property {@code berth.resident.idle}, in seconds, for tests). */
    static final Duration IDLE = Duration.ofSeconds(Long.getLong("berth.resident.idle", 15 * 60));

    /**
     * The verbs it runs: no input, no terminal, no prompt; {@code up} only detached. The launcher's
     * {@code resident_verb} names the same ones (it decides before it connects); this list is the check.
     */
    static final Set<String> VERBS = Set.of("up", "down", "ps", "ls", "config", "validate", "start", "stop",
            "restart", "pause", "unpause", "port", "images", "create");

    private static volatile long lastUsed = System.nanoTime();
    private static final AtomicInteger running = new AtomicInteger();

    private ResidentCli() {
    }

    /**
     * {@code ResidentCli SOCKET SPAWNER_PID}: waits until the command that started it has ended (so that it takes
     * none of that command's CPU), warms up, then serves on {@code SOCKET}. While it gets ready,
     * {@code SOCKET.pending} says so, and the launcher starts no second one.
     */
    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        Path pending = socket.resolveSibling(socket.getFileName() + ".pending");
        ServerSocketChannel server;
        try {
            Files.writeString(pending, Long.toString(ProcessHandle.current().pid()));
            if (args.length > 1) {
                ProcessHandle.of(Long.parseLong(args[1])).ifPresent(spawner -> {
                    try {
                        spawner.onExit().get(10, java.util.concurrent.TimeUnit.MINUTES);
                    } catch (Exception e) {
                        // still running after ten minutes (logs -f, say): get ready beside it
                    }
                });
            }
            warmUp();
            server = bind(socket);
        } finally {
            Files.deleteIfExists(pending);
        }
        if (server == null) {
            return;   // another one serves this socket already
        }
        Thread.ofPlatform().daemon().name("berth-resident-idle").start(() -> endWhenIdle(server, socket));
        lastUsed = System.nanoTime();
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!server.isOpen()) {
                    break;
                }
                continue;
            }
            // each command on a thread of its own: another terminal's `ps` does not wait for this one's `up --wait`
            running.incrementAndGet();
            Thread.ofPlatform().name("berth-resident-client").start(() -> {
                try (client) {
                    serve(client);
                } catch (IOException | RuntimeException e) {
                    // the launcher went, or sent what no launcher sends: nothing to answer
                } finally {
                    running.decrementAndGet();
                    lastUsed = System.nanoTime();
                }
            });
        }
        Files.deleteIfExists(socket);
    }

    /** Whether the launcher may hand these arguments (after the global options) to a resident process. */
    static boolean takes(String verb, List<String> args) {
        if (!VERBS.contains(verb) || args.contains("-h") || args.contains("--help")) {
            return false;
        }
        return !verb.equals("up") || args.contains("-d") || args.contains("--detach");
    }

    private static ServerSocketChannel bind(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            return server;
        } catch (IOException e) {
            // a socket file is there: alive (another resident process answers) or left by one that ended
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                server.close();
                return null;
            } catch (IOException dead) {
                Files.deleteIfExists(socket);
                server.bind(UnixDomainSocketAddress.of(socket));
                return server;
            }
        }
    }

    /** The code of the commands it will run, loaded and compiled once before the first one comes. */
    private static void warmUp() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        for (int round = 0; round < 2; round++) {
            for (String[] command : List.of(new String[] {"config", "-q"}, new String[] {"config", "--hash", "*"},
                    new String[] {"ps", "-a"}, new String[] {"images"}, new String[] {"ls"})) {
                try {
                    BerthCommand.run(nowhere, nowhere, command);
                } catch (RuntimeException e) {
                    // no compose file here, no engine: the next command will say so
                }
            }
        }
    }

    private static void serve(SocketChannel client) throws IOException {
        List<String> request = parts(readAll(client));
        if (request.size() < 2) {
            return;
        }
        long pid = Long.parseLong(request.get(0));
        String timings = request.get(1);
        String[] args = request.subList(2, request.size()).toArray(String[]::new);
        String verb = BerthCommand.verb(args);
        if (verb == null || !takes(verb, List.of(args))) {
            reply(client, "fallback\n");
            return;
        }
        if (!writableAsItsOwn(pid, 1) || !writableAsItsOwn(pid, 2)) {
            reply(client, "fallback\n");
            return;
        }
        OutputStream out = null;
        OutputStream err;
        try {
            out = new FileOutputStream("/proc/" + pid + "/fd/1", true);
            err = new FileOutputStream("/proc/" + pid + "/fd/2", true);
        } catch (IOException e) {
            if (out != null) {
                out.close();
            }
            reply(client, "fallback\n");   // e.g. an output that is a socket: the launcher runs it itself
            return;
        }
        reply(client, "started\n");
        int[] code = {1};
        try (PrintWriter stdout = writer(out); PrintWriter stderr = writer(err)) {
            Thread command = Thread.ofPlatform().name("berth-resident-command").start(() -> {
                Timings.resident(timings.isEmpty() ? null : timings);
                try {
                    code[0] = BerthCommand.run(stdout, stderr, args);
                } finally {
                    Timings.resident(null);
                }
            });
            // the launcher gone (Ctrl+C, a closed terminal): the command stops, as it would in its own process
            while (command.isAlive()) {
                try {
                    command.join(Duration.ofMillis(200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (command.isAlive() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
                    // what it still does (an engine call under way) it does without a word: the prompt is back
                    stdout.close();
                    stderr.close();
                    command.interrupt();
                }
            }
        }
        reply(client, code[0] + "\n");
    }

    /**
     * Whether this process may write to the client's descriptor {@code fd} as the client would: a pipe, a terminal,
     * or a file opened for appending. A file opened without O_APPEND ({@code > log}, {@code exec > log}) has an
     * offset that only the client's own descriptor moves: what this process wrote there would be overwritten by
     * the client's next write, so the client runs such a command itself.
     */
    static boolean writableAsItsOwn(long pid, int fd) {
        Path target = Path.of("/proc/" + pid + "/fd/" + fd);
        if (!Files.isRegularFile(target)) {
            return Files.exists(target);
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/fdinfo/" + fd))) {
                if (line.startsWith("flags:")) {
                    int flags = Integer.parseInt(line.substring("flags:".length()).strip(), 8);
                    return (flags & O_APPEND) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    /** Linux's O_APPEND (octal 02000), as /proc/PID/fdinfo shows the flags: in octal. */
    private static final int O_APPEND = 02000;

    private static PrintWriter writer(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    private static byte[] readAll(SocketChannel client) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (client.read(buffer) >= 0) {
            all.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return all.toByteArray();
    }

    /** NUL-separated fields; the launcher ends each with a NUL. */
    static List<String> parts(byte[] request) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < request.length; i++) {
            if (request[i] == 0) {
                parts.add(new String(request, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return parts;
    }

    private static void reply(SocketChannel client, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            client.write(bytes);
        }
    }

    private static void endWhenIdle(ServerSocketChannel server, Path socket) {
        while (true) {
            try {
                Thread.sleep(Duration.ofSeconds(Math.min(5, Math.max(1, IDLE.toSeconds() / 3))));
            } catch (InterruptedException e) {
                return;
            }
            boolean idle = running.get() == 0 && System.nanoTime() - lastUsed > IDLE.toNanos();
            if (idle || (running.get() == 0 && !Files.exists(socket))) {
                try {
                    server.close();
                    if (idle) {
                        Files.deleteIfExists(socket);
                    }
                } catch (IOException e) {
                    // ending anyway
                }
                System.exit(0);
            }
        }
    }
}
