package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.ContainerCreateSpec;
import dev.berth.engine.api.EngineException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the model's settings become the create request, without an engine: precedence and v2's mappings. */
class ContainerPlanSettingsTest {

    ContainerCreateSpec plan(Path dir, String service, String yaml) throws Exception {
        ComposeProject p = ComposeText.load(dir, "plan", yaml);
        return ContainerPlan.of(p, p.service(service), 1, "hash", "sha256:x", null).create();
    }

    @Test
    void serviceLimitsWinOverDeployLimitsAndRestartPolicyMapsLikeV2(@TempDir Path dir) throws Exception {
        ContainerCreateSpec c = plan(dir, "a", """
                services:
                  a:
                    image: x
                    mem_limit: 64m
                    deploy:
                      resources:
                        limits: {cpus: "0.25", memory: 32M}
                      restart_policy: {condition: any}
                """);
        assertThat(c.settings().memory()).isEqualTo(64L << 20);
        assertThat(c.settings().nanoCpus()).isEqualTo(250_000_000L);
        assertThat(c.restartPolicy()).isEqualTo("always");
    }

    @Test
    void restartWinsOverDeployRestartPolicy(@TempDir Path dir) throws Exception {
        ContainerCreateSpec c = plan(dir, "a", """
                services:
                  a:
                    image: x
                    restart: "no"
                    deploy:
                      restart_policy: {condition: on-failure, max_attempts: 2}
                """);
        assertThat(c.restartPolicy()).isEqualTo("no");
    }

    @Test
    void exposeRangesAndTmpfsOptionsAreSplit(@TempDir Path dir) throws Exception {
        ContainerCreateSpec c = plan(dir, "a", """
                services:
                  a:
                    image: x
                    expose: ["7000-7002/udp", "80"]
                    tmpfs: ["/run", "/cache:size=1m,mode=1777"]
                    stop_grace_period: 1m30s
                """);
        assertThat(c.settings().exposed()).containsExactly("7000/udp", "7001/udp", "7002/udp", "80");
        assertThat(c.settings().tmpfs()).containsEntry("/run", "").containsEntry("/cache", "size=1m,mode=1777");
        assertThat(c.settings().stopTimeout()).isEqualTo(90);
    }

    @Test
    void contentConfigsAreCopiedInAndFileSecretsBound(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("pw.txt"), "pw");
        ContainerCreateSpec c = plan(dir, "a", """
                services:
                  a:
                    image: x
                    secrets: [pw]
                    configs:
                      - source: app
                        target: etc/app.conf
                        mode: 0640
                        uid: "1000"
                secrets:
                  pw: {file: ./pw.txt}
                configs:
                  app: {content: "x=1"}
                """);
        assertThat(c.mounts()).contains(new ContainerCreateSpec.Mount(ContainerCreateSpec.Mount.Type.BIND,
                dir.resolve("pw.txt").toString(), "/run/secrets/pw", true));
        assertThat(c.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("/etc/app.conf");
            assertThat(new String(f.content())).isEqualTo("x=1");
            assertThat(f.mode()).isEqualTo(0640);
            assertThat(f.uid()).isEqualTo(1000);
        });
    }

    @Test
    void aReadOnlyContainerCannotReceiveCopiedSecrets(@TempDir Path dir) {
        assertThatThrownBy(() -> plan(dir, "a", """
                services:
                  a:
                    image: x
                    read_only: true
                    configs: [app]
                configs:
                  app: {content: "x=1"}
                """)).isInstanceOf(EngineException.class).hasMessageContaining("is read_only")
                .hasMessageContaining("/app");
    }

    @Test
    void anExternalSecretIsRefusedWithAReason(@TempDir Path dir) {
        assertThatThrownBy(() -> plan(dir, "a", """
                services:
                  a:
                    image: x
                    secrets: [vault]
                secrets:
                  vault: {external: true}
                """)).isInstanceOf(EngineException.class).hasMessageContaining("exist only in swarm mode");
    }

    @Test
    void aServiceSharingAnotherOnesNetworkStartsAfterIt(@TempDir Path dir) throws Exception {
        ComposeProject p = ComposeText.load(dir, "plan", """
                services:
                  net: {image: x}
                  sidecar: {image: x, network_mode: "service:net"}
                  alone: {image: x}
                """);
        assertThat(ComposeRuntime.startLevels(p)).containsExactly(java.util.List.of("alone", "net"),
                java.util.List.of("sidecar"));
    }
}
