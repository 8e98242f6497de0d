package dev.berth.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contexts Berth writes are read back by the resolver (and the docker CLI) as the engine they name. */
class EngineContextTest {

    @TempDir
    Path dir;

    @Test
    void aTlsEndpointsFilesGoWhereTheCliKeepsTheContextsAndTheResolverFindsThem() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.writeString(certs.resolve("ca.pem"), "CA");
        Files.writeString(certs.resolve("cert.pem"), "CERT");
        Files.writeString(certs.resolve("key.pem"), "KEY");
        Path config = dir.resolve("docker-config");

        EngineContext.Saved saved = EngineContext.save(config, "berth-vm", new EngineEndpoint("tcp://127.0.0.1:40000",
                "Berth's VM", new EngineEndpoint.Tls(certs, true)));

        assertThat(saved).isEqualTo(EngineContext.Saved.WRITTEN);
        EngineEndpoint read = EndpointResolver.resolve(Map.of("DOCKER_CONFIG", config.toString(),
                "DOCKER_CONTEXT", "berth-vm"), dir);
        assertThat(read.uri()).isEqualTo("tcp://127.0.0.1:40000");
        assertThat(read.tls()).isNotNull();
        assertThat(read.tls().verify()).isTrue();
        Path tls = read.tls().directory();
        assertThat(tls).isEqualTo(EngineContext.tlsDir(config, "berth-vm"));
        assertThat(Files.readString(tls.resolve("ca.pem"))).isEqualTo("CA");
        assertThat(Files.readString(tls.resolve("cert.pem"))).isEqualTo("CERT");
        assertThat(Files.readString(tls.resolve("key.pem"))).isEqualTo("KEY");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("key.pem"))))
                .isEqualTo("rw-------");
    }

    @Test
    void rewrittenWithoutTlsItKeepsNoOldKeys() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.writeString(certs.resolve("key.pem"), "KEY");
        Path config = dir.resolve("docker-config");
        EngineContext.save(config, "berth", new EngineEndpoint("tcp://127.0.0.1:40000", "test",
                new EngineEndpoint.Tls(certs, true)));

        EngineContext.save(config, "berth", new EngineEndpoint("unix:///run/berth/docker.sock", "test"));

        assertThat(EngineContext.tlsDir(config, "berth").resolve("key.pem")).doesNotExist();
        assertThat(EndpointResolver.resolve(Map.of("DOCKER_CONFIG", config.toString(), "DOCKER_CONTEXT", "berth"), dir)
                .uri()).isEqualTo("unix:///run/berth/docker.sock");
    }

    @Test
    void aContextOfTheUsersOwnIsLeftAlone() throws Exception {
        Path config = dir.resolve("docker-config");
        Path meta = EndpointResolver.contextMeta(config, "berth-vm");
        Files.createDirectories(meta.getParent());
        Files.writeString(meta, "{\"Name\":\"berth-vm\",\"Endpoints\":{\"docker\":{\"Host\":\"tcp://10.0.0.9:2376\"}}}");

        assertThat(EngineContext.save(config, "berth-vm", new EngineEndpoint("tcp://127.0.0.1:40000", "test")))
                .isEqualTo(EngineContext.Saved.KEPT_THE_USERS);
        assertThat(Files.readString(meta)).contains("10.0.0.9");
    }
}
