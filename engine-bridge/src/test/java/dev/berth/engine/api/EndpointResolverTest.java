package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointResolverTest {
    @TempDir
    Path home;

    private void context(String name, String host) throws IOException {
        Path dir = home.resolve(".docker/contexts/meta").resolve(EndpointResolver.sha256(name));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},"
                + "\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
    }

    private void currentContext(String name) throws IOException {
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
    }

    @Test
    void dockerHostWins() throws Exception {
        context("colima", "unix:///home/me/.colima/docker.sock");
        currentContext("colima");
        EngineEndpoint e = EndpointResolver.resolve(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375",
                "DOCKER_CONTEXT", "colima"), home);
        assertThat(e).isEqualTo(new EngineEndpoint("tcp://10.0.0.5:2375", "DOCKER_HOST"));
    }

    @Test
    void dockerContextVariableNamesTheContext() throws Exception {
        context("remote", "tcp://build-box:2375");
        EngineEndpoint e = EndpointResolver.resolve(Map.of("DOCKER_CONTEXT", "remote"), home);
        assertThat(e.uri()).isEqualTo("tcp://build-box:2375");
        assertThat(e.source()).contains("remote").contains("DOCKER_CONTEXT");
    }

    @Test
    void currentContextFromConfigJson() throws Exception {
        context("colima", "unix:///home/me/.colima/docker.sock");
        currentContext("colima");
        EngineEndpoint e = EndpointResolver.resolve(Map.of(), home);
        assertThat(e.uri()).isEqualTo("unix:///home/me/.colima/docker.sock");
        assertThat(e.source()).contains("colima").contains("config.json");
    }

    @Test
    void defaultSocketWhenNothingIsConfigured() throws Exception {
        assertThat(EndpointResolver.resolve(Map.of(), home))
                .isEqualTo(new EngineEndpoint("unix:///var/run/docker.sock", "default"));
    }

    @Test
    void defaultContextMeansDefaultSocket() throws Exception {
        currentContext("default");
        assertThat(EndpointResolver.resolve(Map.of(), home).uri()).isEqualTo("unix:///var/run/docker.sock");
    }

    @Test
    void missingContextMetadataIsExplained() throws Exception {
        currentContext("gone");
        assertThatThrownBy(() -> EndpointResolver.resolve(Map.of(), home))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("'gone'").hasMessageContaining("meta.json")
                .satisfies(e -> assertThat(((EngineException) e).hint()).contains("docker context use"));
    }

    @Test
    void contextDirectoryIsTheSha256OfTheName() {
        // the docker CLI's own layout: sha256("default") is well known
        assertThat(EndpointResolver.sha256("default"))
                .isEqualTo("37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f");
    }

    @Test
    void dockerTlsVerifyReadsTheCertificatesFromTheDockerFolderUnlessDockerCertPathSaysWhere() throws Exception {
        assertThat(EndpointResolver.resolve(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376", "DOCKER_TLS_VERIFY", "1"),
                home).tls()).isEqualTo(new EngineEndpoint.Tls(home.resolve(".docker"), true));
        assertThat(EndpointResolver.resolve(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376", "DOCKER_TLS_VERIFY", "0",
                "DOCKER_CERT_PATH", "/certs/box"), home).tls())
                .as("any value turns it on, as in the docker CLI")
                .isEqualTo(new EngineEndpoint.Tls(Path.of("/certs/box"), true));
        assertThat(EndpointResolver.resolve(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376", "DOCKER_TLS", "1",
                "DOCKER_CONFIG", "/cfg"), home).tls()).isEqualTo(new EngineEndpoint.Tls(Path.of("/cfg"), false));
        assertThat(EndpointResolver.resolve(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375"), home).tls()).isNull();
        assertThat(EndpointResolver.resolve(Map.of("DOCKER_HOST", "unix:///run/docker.sock", "DOCKER_TLS_VERIFY",
                "1"), home).tls()).as("TLS is for TCP engines").isNull();
    }

    @Test
    void aContextThatSkipsVerificationSpeaksTlsWithoutFiles() throws Exception {
        Path dir = home.resolve(".docker/contexts/meta").resolve(EndpointResolver.sha256("lab"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("meta.json"), "{\"Name\":\"lab\",\"Endpoints\":{\"docker\":"
                + "{\"Host\":\"tcp://lab:2376\",\"SkipTLSVerify\":true}}}");
        assertThat(EndpointResolver.resolve(Map.of("DOCKER_CONTEXT", "lab"), home).tls())
                .isEqualTo(new EngineEndpoint.Tls(null, false));
        context("plain", "tcp://plain:2375");
        assertThat(EndpointResolver.resolve(Map.of("DOCKER_CONTEXT", "plain"), home).tls()).isNull();
    }

    @Test
    void brokenConfigJsonIsExplained() throws Exception {
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{not json");
        assertThatThrownBy(() -> EndpointResolver.resolve(Map.of(), home))
                .isInstanceOf(EngineException.class).hasMessageContaining("config.json");
    }
}
