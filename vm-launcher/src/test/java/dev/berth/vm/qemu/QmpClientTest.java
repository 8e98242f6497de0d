package dev.berth.vm.qemu;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a scripted stand-in for QEMU, so protocol corner cases are tested without booting anything. */
class QmpClientTest {

    private static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}}, \"capabilities\": [\"oob\"]}}";

    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    /** Serves one connection: sends the greeting, then answers each request line with {@code script}'s lines. */
    private Path fakeQemu(Function<String, List<String>> script) throws IOException {
        Path socket = dir.resolve("qmp.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().start(() -> {
            try (SocketChannel connection = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(connection), StandardCharsets.UTF_8));
                 OutputStream out = Channels.newOutputStream(connection)) {
                out.write((GREETING + "\r\n").getBytes(StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    received.add(line);
                    List<String> answer = script.apply(line);
                    if (answer == null) {
                        return; // hang up
                    }
                    for (String reply : answer) {
                        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // the client went away: the test is over
            }
        });
        return socket;
    }

    private static String id(String request) {
        return request.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    @AfterEach
    void closeServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void negotiatesCapabilitiesThenRunsCommands() throws IOException {
        Path socket = fakeQemu(request -> request.contains("query-status")
                ? List.of("{\"return\": {\"status\": \"running\", \"running\": true}, \"id\": \"" + id(request) + "\"}")
                : List.of("{\"return\": {}, \"id\": \"" + id(request) + "\"}"));

        try (QmpClient qmp = QmpClient.connect(socket, Duration.ofSeconds(10))) {
            assertThat(qmp.greeting().path("QMP").path("version").path("qemu").path("major").asInt()).isEqualTo(7);
            assertThat(qmp.execute("query-status").path("status").asText()).isEqualTo("running");
        }
        assertThat(received).hasSize(2);
        assertThat(received.get(0)).startsWith("{\"execute\":\"qmp_capabilities\"");
        assertThat(received.get(1)).startsWith("{\"execute\":\"query-status\"");
    }

    @Test
    void keepsEventsAsideAndSendsArguments() throws IOException {
        Path socket = fakeQemu(request -> List.of(
                "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"RESUME\"}",
                "{\"return\": {}, \"id\": \"" + id(request) + "\"}"));

        try (QmpClient qmp = QmpClient.connect(socket, Duration.ofSeconds(10))) {
            assertThat(qmp.execute("human-monitor-command", Map.of("command-line", "info network")).isObject()).isTrue();
            assertThat(qmp.events()).extracting(event -> event.path("event").asText()).containsExactly("RESUME", "RESUME");
        }
        assertThat(received.get(1)).isEqualTo(
                "{\"execute\":\"human-monitor-command\",\"id\":\"berth-2\",\"arguments\":{\"command-line\":\"info network\"}}");
    }

    @Test
    void reportsQemusErrorWithItsClass() throws IOException {
        Path socket = fakeQemu(request -> request.contains("qmp_capabilities")
                ? List.of("{\"return\": {}, \"id\": \"" + id(request) + "\"}")
                : List.of("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command no-such-command has not been found\"}, \"id\": \"" + id(request) + "\"}"));

        try (QmpClient qmp = QmpClient.connect(socket, Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> qmp.execute("no-such-command"))
                    .isInstanceOfSatisfying(QmpException.class, e -> assertThat(e.errorClass()).isEqualTo("CommandNotFound"))
                    .hasMessage("QEMU refused 'no-such-command': The command no-such-command has not been found");
        }
    }

    @Test
    void saysSoWhenQemuHangsUpMidCommand() throws IOException {
        Path socket = fakeQemu(request -> request.contains("qmp_capabilities")
                ? List.of("{\"return\": {}, \"id\": \"" + id(request) + "\"}")
                : null);

        try (QmpClient qmp = QmpClient.connect(socket, Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> qmp.execute("query-status"))
                    .isInstanceOf(QmpException.class)
                    .hasMessage("QEMU closed the QMP connection on " + socket + " before answering 'query-status'");
        }
    }

    @Test
    void quitCountsAHangUpAsSuccess() throws IOException {
        Path socket = fakeQemu(request -> request.contains("qmp_capabilities")
                ? List.of("{\"return\": {}, \"id\": \"" + id(request) + "\"}")
                : null);

        try (QmpClient qmp = QmpClient.connect(socket, Duration.ofSeconds(10))) {
            qmp.quit();
        }
        assertThat(received).last().asString().startsWith("{\"execute\":\"quit\"");
    }

    @Test
    void failsClearlyWhenNothingListens() {
        Path socket = dir.resolve("absent.sock");
        assertThatThrownBy(() -> QmpClient.connect(socket, Duration.ofSeconds(1))).isInstanceOf(IOException.class);
    }
}
