package dev.berth.vm.qemu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Talks QEMU's QMP: one JSON object per line over a unix socket. QEMU sends a greeting, expects
 * {@code qmp_capabilities}, then answers each command with {@code return} or {@code error}; asynchronous
 * {@code event}s can arrive between them and are kept aside in {@link #events()}.
 *
 * <p>A reader thread owns the input side, so every wait has a timeout even though socket channels have no read
 * timeout of their own.
 */
public final class QmpClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Put on the queue by the reader when QEMU closes the connection. */
    private static final JsonNode END_OF_STREAM = JSON.createObjectNode().put("berth-end-of-stream", true);

    private final Path socket;
    private final SocketChannel channel;
    private final Duration timeout;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile boolean streamEnded;
    private final JsonNode greeting;

    private QmpClient(Path socket, SocketChannel channel, Duration timeout) throws IOException {
        this.socket = socket;
        this.channel = channel;
        this.timeout = timeout;
        Thread.ofPlatform().daemon().name("qmp-reader " + socket).start(this::readReplies);
        this.greeting = awaitReply("the QMP greeting", null);
        if (!greeting.has("QMP")) {
            throw new QmpException(socket + " is not a QMP socket: it greeted with " + greeting);
        }
    }

    /**
     * Connects, reads the greeting and leaves capabilities negotiation mode, so commands can be sent right away.
     *
     * @param timeout how long to wait for each reply from QEMU
     * @throws IOException when nothing listens on {@code socket} (yet) or it does not speak QMP
     */
    public static QmpClient connect(Path socket, Duration timeout) throws IOException {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(timeout, "timeout");
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            QmpClient client = new QmpClient(socket, channel, timeout);
            client.execute("qmp_capabilities");
            return client;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** QEMU's greeting: its version and capabilities. */
    public JsonNode greeting() {
        return greeting;
    }

    /** Asynchronous events received so far (e.g. SHUTDOWN), oldest first. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    public JsonNode execute(String command) throws IOException {
        return execute(command, Map.of());
    }

    /**
     * Runs a command and returns its {@code return} value.
     *
     * @throws QmpException when QEMU answers with an error, does not answer within the timeout, or disconnects
     */
    public synchronized JsonNode execute(String command, Map<String, ?> arguments) throws IOException {
        String id = "berth-" + nextId.getAndIncrement();
        ObjectNode request = JSON.createObjectNode().put("execute", command).put("id", id);
        if (!arguments.isEmpty()) {
            request.set("arguments", JSON.valueToTree(arguments));
        }
        send(request);
        JsonNode reply = awaitReply("'" + command + "'", id);
        if (reply.has("error")) {
            JsonNode error = reply.get("error");
            throw new QmpException("QEMU refused '" + command + "': " + error.path("desc").asText(error.toString()),
                    error.path("class").asText(""));
        }
        return reply.path("return");
    }

    /**
     * Asks QEMU to exit. QEMU may close the socket before or after acknowledging, so both count as success.
     */
    public synchronized void quit() throws IOException {
        send(JSON.createObjectNode().put("execute", "quit").put("id", "berth-quit"));
        try {
            awaitReply("'quit'", "berth-quit");
        } catch (QmpException e) {
            if (!streamEnded) {
                throw e;
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close(); // also ends the reader thread, whose read fails
    }

    private void send(JsonNode request) throws IOException {
        byte[] line = (JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private JsonNode awaitReply(String what, String id) throws QmpException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode reply;
            try {
                reply = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QmpException("interrupted while waiting for QEMU to answer " + what);
            }
            if (reply == null) {
                throw new QmpException("QEMU did not answer " + what + " on " + socket + " within " + timeout.toMillis() + " ms");
            }
            if (reply == END_OF_STREAM) {
                replies.add(END_OF_STREAM); // later calls must see it too
                throw new QmpException("QEMU closed the QMP connection on " + socket + " before answering " + what);
            }
            // replies to an earlier command that timed out carry another id: drop them
            if (id == null || id.equals(reply.path("id").asText(null))) {
                return reply;
            }
        }
    }

    private void readReplies() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode message;
                try {
                    message = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    continue; // not JSON: nothing a caller waits for
                }
                if (message.has("event")) {
                    events.add(message);
                } else {
                    replies.add(message);
                }
            }
        } catch (IOException e) {
            // the channel was closed, by us or by QEMU exiting: either way the stream has ended
        } finally {
            streamEnded = true;
            replies.add(END_OF_STREAM);
        }
    }
}
