package dev.berth.engine.docker;

import static dev.berth.engine.project.DockerWitness.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A {@code tcp://} engine with mutual TLS, as Docker Machine set remote engines up: the real engine behind socat,
 * which speaks TLS on 127.0.0.1, asks for a client certificate signed by the test's authority and forwards to the
 * engine's socket. Certificates are made by openssl for each run.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsEndpointEngineTest {
    Path dir;
    int port;
    int misnamedPort;
    Process tlsFront;
    Process misnamedFront;

    @BeforeAll
    void certificatesAndATlsFrontForTheEngine() throws Exception {
        dir = Files.createTempDirectory("berth-tls");
        for (String tool : List.of("openssl", "socat")) {
            if (run(List.of("sh", "-c", "command -v " + tool)) != 0) {
                fail(tool + " is needed for this test: apt-get install -y " + tool + " (./test installs it)");
            }
        }
        authority("ca");
        authority("other-ca");
        signed("server", "ca", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        signed("client", "ca", "extendedKeyUsage=clientAuth\n");
        signed("stranger", "other-ca", "extendedKeyUsage=clientAuth\n");
        signed("misnamed", "ca", "subjectAltName=DNS:elsewhere.example\nextendedKeyUsage=serverAuth\n");
        // the client's folder as Docker Machine leaves it: ca.pem, cert.pem and key.pem (PKCS#1, "RSA PRIVATE KEY")
        folder("machine", "ca", "client");
        folder("ca-only", "ca", null);
        folder("wrong-ca", "other-ca", "client");
        folder("stranger", "ca", "stranger");

        port = freePort();
        tlsFront = front(port, "server");
        misnamedPort = freePort();
        misnamedFront = front(misnamedPort, "misnamed");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** socat on 127.0.0.1:port with the certificate {@code server}, wanting a client certificate of "ca". */
    Process front(int at, String server) throws Exception {
        Process front = new ProcessBuilder("socat", "OPENSSL-LISTEN:" + at + ",bind=127.0.0.1,reuseaddr,fork,cert="
                + dir.resolve(server + "-cert.pem") + ",key=" + dir.resolve(server + "-key.pem") + ",cafile="
                + dir.resolve("ca.pem") + ",verify=1", "UNIX-CONNECT:/var/run/docker.sock")
                .redirectErrorStream(true).redirectOutput(dir.resolve(server + "-socat.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", at), 200);
                return front;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("socat did not listen on " + at + ": " + Files.readString(dir.resolve(server + "-socat.log")));
        return front;
    }

    @AfterAll
    void stopTheFronts() {
        for (Process front : new Process[] {tlsFront, misnamedFront}) {
            if (front != null) {
                front.destroy();
            }
        }
    }

    EngineEndpoint resolve(Map<String, String> env) throws Exception {
        return EndpointResolver.resolve(env, dir.resolve("home"));
    }

    String host() {
        return "tcp://127.0.0.1:" + port;
    }

    @Test
    void dockerTlsVerifyWithTheMachineFolderReachesTheEngine() throws Exception {
        EngineEndpoint endpoint = resolve(Map.of("DOCKER_HOST", host(), "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", dir.resolve("machine").toString()));
        assertThat(endpoint.tls()).isEqualTo(new EngineEndpoint.Tls(dir.resolve("machine"), true));
        try (DockerEngine engine = DockerEngine.connect(endpoint)) {
            assertThat(engine.version().apiVersion()).isEqualTo(docker("version", "--format", "{{.Server.APIVersion}}"));
        }
    }

    @Test
    void aContextWithTlsFilesReachesTheEngine() throws Exception {
        Path docker = dir.resolve("home/.docker");
        String sha = EndpointResolver.sha256("tls-box");
        Files.createDirectories(docker.resolve("contexts/meta").resolve(sha));
        Files.writeString(docker.resolve("contexts/meta").resolve(sha).resolve("meta.json"), "{\"Name\":\"tls-box\","
                + "\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host() + "\",\"SkipTLSVerify\":false}}}");
        Path tls = docker.resolve("contexts/tls").resolve(sha).resolve("docker");
        Files.createDirectories(tls);
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.copy(dir.resolve("machine").resolve(file), tls.resolve(file));
        }
        EngineEndpoint endpoint = resolve(Map.of("DOCKER_CONTEXT", "tls-box"));
        assertThat(endpoint.tls()).isEqualTo(new EngineEndpoint.Tls(tls, true));
        try (DockerEngine engine = DockerEngine.connect(endpoint)) {
            assertThat(engine.version().version()).isEqualTo(docker("version", "--format", "{{.Server.Version}}"));
        }
    }

    @Test
    void withoutVerificationAnyAuthorityWillDo() throws Exception {
        // DOCKER_TLS without DOCKER_TLS_VERIFY: the engine's certificate is not checked (ours is still shown)
        EngineEndpoint endpoint = resolve(Map.of("DOCKER_HOST", host(), "DOCKER_TLS", "1",
                "DOCKER_CERT_PATH", dir.resolve("wrong-ca").toString()));
        try (DockerEngine engine = DockerEngine.connect(endpoint)) {
            assertThat(engine.version().apiVersion()).isNotBlank();
        }
    }

    @Test
    void anEngineSignedByAnotherAuthorityIsRefusedWithWhatToDo() throws Exception {
        EngineEndpoint endpoint = resolve(Map.of("DOCKER_HOST", host(), "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", dir.resolve("wrong-ca").toString()));
        assertThatThrownBy(() -> DockerEngine.connect(endpoint).close())
                .isInstanceOf(EngineUnavailableException.class).hasMessageContaining(host())
                .satisfies(e -> assertThat(((EngineUnavailableException) e).hint()).as(e.getMessage())
                        .contains("not signed by the authority in " + dir.resolve("wrong-ca") + "/ca.pem"));
    }

    @Test
    void anEngineThatWantsAClientCertificateSaysSo() throws Exception {
        EngineEndpoint endpoint = resolve(Map.of("DOCKER_HOST", host(), "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", dir.resolve("ca-only").toString()));
        assertThatThrownBy(() -> DockerEngine.connect(endpoint).close())
                .isInstanceOf(EngineUnavailableException.class)
                .satisfies(e -> assertThat(((EngineUnavailableException) e).hint()).as(e.getMessage())
                        .contains("client certificate").contains("cert.pem and key.pem in " + dir.resolve("ca-only")));
    }

    @Test
    void aClientCertificateTheEngineDoesNotTrustIsNamed() throws Exception {
        EngineEndpoint endpoint = resolve(Map.of("DOCKER_HOST", host(), "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", dir.resolve("stranger").toString()));
        assertThatThrownBy(() -> DockerEngine.connect(endpoint).close())
                .isInstanceOf(EngineUnavailableException.class)
                .satisfies(e -> assertThat(((EngineUnavailableException) e).hint()).as(e.getMessage())
                        .contains("did not accept the client certificate in " + dir.resolve("stranger") + "/cert.pem"));
    }

    @Test
    void aCertificateForAnotherNameIsRefusedVerifiedOrNot() throws Exception {
        for (String tls : List.of("DOCKER_TLS_VERIFY", "DOCKER_TLS")) {
            EngineEndpoint endpoint = resolve(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + misnamedPort, tls, "1",
                    "DOCKER_CERT_PATH", dir.resolve("machine").toString()));
            assertThatThrownBy(() -> DockerEngine.connect(endpoint).close())
                    .isInstanceOf(EngineUnavailableException.class)
                    .satisfies(e -> assertThat(((EngineUnavailableException) e).hint()).as(e.getMessage())
                            .contains("does not name the host in tcp://127.0.0.1:" + misnamedPort));
        }
    }

    @Test
    void plainHttpToATlsEngineSuggestsTls() throws Exception {
        EngineEndpoint endpoint = resolve(Map.of("DOCKER_HOST", host()));
        assertThat(endpoint.tls()).isNull();
        assertThatThrownBy(() -> DockerEngine.connect(endpoint).close())
                .isInstanceOf(EngineUnavailableException.class)
                .satisfies(e -> assertThat(((EngineUnavailableException) e).hint()).as(e.getMessage()).contains("DOCKER_TLS_VERIFY=1"));
    }

    @Test
    void aBrokenKeyFileIsNamed() throws Exception {
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.copy(dir.resolve("machine/ca.pem"), broken.resolve("ca.pem"));
        Files.copy(dir.resolve("machine/cert.pem"), broken.resolve("cert.pem"));
        Files.writeString(broken.resolve("key.pem"), "-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----\n");
        EngineEndpoint endpoint = resolve(Map.of("DOCKER_HOST", host(), "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", broken.toString()));
        assertThatThrownBy(() -> DockerEngine.connect(endpoint).close())
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("cannot use the TLS files for " + host()).hasMessageContaining("key.pem");
    }

    private void authority(String name) throws Exception {
        check(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                "/CN=berth test " + name, "-keyout", file(name + "-key.pem"), "-out", file(name + ".pem")));
    }

    private void signed(String name, String ca, String extensions) throws Exception {
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        check(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout",
                file(name + "-key.pem"), "-out", file(name + ".csr")));
        check(List.of("openssl", "x509", "-req", "-in", file(name + ".csr"), "-CA", file(ca + ".pem"), "-CAkey",
                file(ca + "-key.pem"), "-CAcreateserial", "-days", "2", "-extfile", file(name + ".ext"), "-out",
                file(name + "-cert.pem")));
    }

    private void folder(String name, String ca, String client) throws Exception {
        Path folder = dir.resolve(name);
        Files.createDirectories(folder);
        Files.copy(dir.resolve(ca + ".pem"), folder.resolve("ca.pem"));
        if (client != null) {
            Files.copy(dir.resolve(client + "-cert.pem"), folder.resolve("cert.pem"));
            check(List.of("openssl", "rsa", "-in", file(client + "-key.pem"), "-traditional", "-out",
                    folder.resolve("key.pem").toString()));
        }
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private void check(List<String> command) throws Exception {
        if (run(command) != 0) {
            fail("failed: " + String.join(" ", command) + ": " + Files.readString(dir.resolve("tool.log")));
        }
    }

    private int run(List<String> command) throws Exception {
        return new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("tool.log").toFile()).start().waitFor();
    }
}
