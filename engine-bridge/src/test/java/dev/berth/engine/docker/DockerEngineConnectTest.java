package dev.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineUnavailableException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting where no engine answers: no engine needed for these. */
class DockerEngineConnectTest {

    @Test
    void missingSocketIsNamedWithWhatToDo(@TempDir Path dir) {
        String uri = "unix://" + dir.resolve("docker.sock");
        assertThatThrownBy(() -> DockerEngine.connect(new EngineEndpoint(uri, "test")))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining(uri).hasMessageContaining("no such socket")
                .satisfies(e -> assertThat(((EngineUnavailableException) e).hint()).contains("sudo dockerd"));
    }

    @Test
    void refusedTcpConnectionIsNamed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String uri = "tcp://127.0.0.1:" + port;
        assertThatThrownBy(() -> DockerEngine.connect(new EngineEndpoint(uri, "test")))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining(uri).hasMessageContaining("connection refused");
    }

    @Test
    void addressesBerthCannotUseAreExplained() {
        assertThatThrownBy(() -> DockerEngine.connect(new EngineEndpoint("ssh://me@build-box", "test")))
                .isInstanceOf(EngineUnavailableException.class).hasMessageContaining("ssh://")
                .satisfies(e -> assertThat(((EngineUnavailableException) e).hint())
                        .contains("ssh -NL /tmp/remote-docker.sock:/var/run/docker.sock me@build-box`"));
        assertThatThrownBy(() -> DockerEngine.connect(new EngineEndpoint("ssh://me@build-box:2222", "test")))
                .satisfies(e -> assertThat(((EngineUnavailableException) e).hint())
                        .contains("/var/run/docker.sock -p 2222 me@build-box`"));
        assertThatThrownBy(() -> DockerEngine.connect(new EngineEndpoint("tcp://docker_dind:2375", "test")))
                .isInstanceOf(EngineUnavailableException.class).hasMessageContaining("no host name Berth can read");
        assertThatThrownBy(() -> DockerEngine.connect(new EngineEndpoint("npipe:////./pipe/docker_engine", "test")))
                .isInstanceOf(EngineUnavailableException.class).hasMessageContaining("Windows named pipe");
        assertThatThrownBy(() -> DockerEngine.connect(new EngineEndpoint("docker.example:2375", "test")))
                .isInstanceOf(EngineUnavailableException.class).hasMessageContaining("no scheme Berth speaks");
    }

    @Test
    void engineMessageIsTakenFromTheJsonBody() {
        RuntimeException e = new RuntimeException("Status 409: {\"message\":\"Conflict. The container name is in use\"}\n");
        assertThat(DockerEngine.engineMessage(e)).isEqualTo("Conflict. The container name is in use");
    }
}
