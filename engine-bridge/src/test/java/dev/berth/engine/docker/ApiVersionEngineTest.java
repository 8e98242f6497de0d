package dev.berth.engine.docker;

import static dev.berth.engine.project.DockerWitness.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineUnavailableException;
import dev.berth.engine.api.EngineVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API version Berth speaks, agreed with the engine as the docker CLI agrees on one: the engine's, or the newest
 * Berth knows when the engine's is newer; DOCKER_API_VERSION when set. The engine test reads the paths Berth asks
 * for through socat between it and the engine's socket.
 */
class ApiVersionEngineTest {

    @Test
    void theOlderOfTheTwoIsSpoken() throws Exception {
        EngineEndpoint plain = new EngineEndpoint("unix:///var/run/docker.sock", "test");
        assertThat(DockerEngine.negotiate(plain, "1.47")).isEqualTo(DockerEngine.CLIENT_API);
        assertThat(DockerEngine.negotiate(plain, "1.41")).isEqualTo("1.41");
        assertThat(DockerEngine.negotiate(plain.withApiVersion("1.38"), "1.47")).as("DOCKER_API_VERSION").isEqualTo("1.38");
        assertThatThrownBy(() -> DockerEngine.negotiate(plain, null))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("speaks API 1.24").hasMessageContaining("needs API 1.40 (Docker Engine 19.03)");
        assertThat(EngineVersion.compareApi("1.9", "1.41")).isNegative();
        assertThat(EngineVersion.compareApi("1.44", "1.44.0")).isZero();
        assertThat(DockerEngine.negotiate(plain.withApiVersion("v1.43"), "1.47")).isEqualTo("1.43");
        for (String bad : new String[] {"latest", "1", "1.41.0"}) {
            assertThatThrownBy(() -> DockerEngine.negotiate(plain.withApiVersion(bad), "1.47"))
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessageContaining("DOCKER_API_VERSION=" + bad + " is not an API version");
        }
    }

    @Test
    @Tag("engine")
    void requestsCarryTheAgreedVersion(@TempDir Path dir) throws Exception {
        String engineApi = docker("version", "--format", "{{.Server.APIVersion}}");
        String expected = EngineVersion.compareApi(engineApi, DockerEngine.CLIENT_API) < 0 ? engineApi
                : DockerEngine.CLIENT_API;
        assertThat(pathsAsked(dir, Map.of())).isNotEmpty().allMatch(p -> p.equals("/_ping")
                || p.startsWith("/v" + expected + "/"));
        // a version the engine still takes (Docker 29 takes none below 1.44) and, where it can, not the agreed one
        String oldest = docker("version", "--format", "{{.Server.MinAPIVersion}}");
        String forced = EngineVersion.compareApi(oldest, DockerEngine.OLDEST_API) < 0 ? DockerEngine.OLDEST_API
                : oldest;
        assertThat(pathsAsked(dir, Map.of("DOCKER_API_VERSION", forced))).contains("/_ping")
                .anyMatch(p -> p.startsWith("/v" + forced + "/containers/json")).allMatch(p -> p.equals("/_ping")
                        || p.startsWith("/v" + forced + "/"));
    }

    /** {@code tcp://host} without a port is the engine's port, as for the docker CLI. */
    @Test
    void aTcpAddressWithoutAPortMeansTheEnginesPort() {
        assertThat(DockerEngine.withDefaultPort(java.net.URI.create("tcp://build-box"), false))
                .hasToString("tcp://build-box:2375");
        assertThat(DockerEngine.withDefaultPort(java.net.URI.create("tcp://build-box"), true))
                .hasToString("tcp://build-box:2376");
        assertThat(DockerEngine.withDefaultPort(java.net.URI.create("tcp://[::1]/prefix"), false))
                .hasToString("tcp://[::1]:2375/prefix");
        assertThat(DockerEngine.withDefaultPort(java.net.URI.create("tcp://10.0.0.5:2400"), true))
                .hasToString("tcp://10.0.0.5:2400");
    }

    /** Connects through a logging socat in front of the engine's socket, lists containers, returns the paths. */
    private static List<String> pathsAsked(Path dir, Map<String, String> env) throws Exception {
        Path socket = dir.resolve("front-" + env.size() + ".sock");
        Path log = dir.resolve("front-" + env.size() + ".log");
        Process front = new ProcessBuilder("socat", "-v", "UNIX-LISTEN:" + socket + ",fork",
                "UNIX-CONNECT:/var/run/docker.sock").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            Map<String, String> all = new java.util.HashMap<>(env);
            all.put("DOCKER_HOST", "unix://" + socket);
            try (DockerEngine engine = DockerEngine.connect(EndpointResolver.resolve(all, dir))) {
                engine.listContainers(Map.of(), true);
            }
        } finally {
            front.destroy();
            front.waitFor();
        }
        List<String> paths = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^(?:GET|POST|HEAD|DELETE) (\\S+) HTTP").matcher(Files.readString(log));
        while (m.find()) {
            paths.add(m.group(1).replaceAll("\\?.*", ""));
        }
        return paths;
    }
}
