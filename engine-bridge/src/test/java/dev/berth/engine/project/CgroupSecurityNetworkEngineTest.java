package dev.berth.engine.project;

import static dev.berth.engine.project.ComposeText.inspect;
import static dev.berth.engine.project.ComposeText.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The cgroup, security and sharing settings, and a project network with its own address pool (so a service can
 * have a fixed {@code ipv4_address} without an external network), reach the engine as the spec says.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CgroupSecurityNetworkEngineTest {
    static final String IMAGE = "berth-sample/busybox:1";

    final String name = "berthcg-" + UUID.randomUUID().toString().substring(0, 8);
    ComposeRuntime runtime;
    ComposeProject project;

    @BeforeAll
    void upOnce() throws Exception {
        runtime = TestEngine.connect();
        Path dir = Files.createTempDirectory("berth-cgroup");
        project = ComposeText.load(dir, name, """
                services:
                  tuned:
                    image: %1$s
                    command: ["sleep", "600"]
                    cpu_shares: 512
                    cpu_period: 100000
                    cpu_quota: 50000
                    cpuset: "0"
                    mem_limit: 64m
                    mem_reservation: 32m
                    memswap_limit: 128m
                    oom_score_adj: 500
                    security_opt: ["no-new-privileges:true"]
                    group_add: ["100", 200]
                    networks:
                      pinned:
                        ipv4_address: 10.186.0.10
                  donor:
                    image: %1$s
                    command: ["sh", "-c", "echo shared > /data/note; exec sleep 600"]
                    volumes: ["/data"]
                  borrower:
                    image: %1$s
                    command: ["sleep", "600"]
                    volumes_from: ["donor:ro"]
                    depends_on: [donor]
                networks:
                  pinned:
                    driver_opts:
                      com.docker.network.bridge.name: berthcg0
                    ipam:
                      config:
                        - subnet: 10.186.0.0/24
                          gateway: 10.186.0.1
                    labels:
                      dev.berth.test: pinned
                """.formatted(IMAGE));
        runtime.up(project, UpOptions.defaults(), ProgressListener.NONE);
    }

    @AfterAll
    void removeEverything() throws Exception {
        if (runtime != null) {
            try {
                runtime.down(project, new DownOptions(true, true, Duration.ZERO), ProgressListener.NONE);
            } finally {
                runtime.close();
            }
        }
    }

    String container(String service) {
        return name + "-" + service + "-1";
    }

    @Test
    void cgroupSettings() throws Exception {
        JsonNode host = inspect(container("tuned")).get("HostConfig");
        assertThat(host.get("CpuShares").asLong()).isEqualTo(512);
        assertThat(host.get("CpuPeriod").asLong()).isEqualTo(100_000);
        assertThat(host.get("CpuQuota").asLong()).isEqualTo(50_000);
        assertThat(host.get("CpusetCpus").asText()).isEqualTo("0");
        assertThat(host.get("Memory").asLong()).isEqualTo(64L << 20);
        assertThat(host.get("MemoryReservation").asLong()).isEqualTo(32L << 20);
        assertThat(host.get("MemorySwap").asLong()).isEqualTo(128L << 20);
        assertThat(host.get("OomScoreAdj").asInt()).isEqualTo(500);
    }

    @Test
    void securitySettings() throws Exception {
        JsonNode host = inspect(container("tuned")).get("HostConfig");
        assertThat(strings(host.get("SecurityOpt"))).containsExactly("no-new-privileges:true");
        assertThat(strings(host.get("GroupAdd"))).containsExactly("100", "200");
    }

    @Test
    void projectNetworkWithItsOwnPool() throws Exception {
        JsonNode network = inspect(name + "_pinned");
        assertThat(network.get("IPAM").get("Config").get(0).get("Subnet").asText()).isEqualTo("10.186.0.0/24");
        assertThat(network.get("IPAM").get("Config").get(0).get("Gateway").asText()).isEqualTo("10.186.0.1");
        assertThat(network.get("Options").get("com.docker.network.bridge.name").asText()).isEqualTo("berthcg0");
        assertThat(network.get("Labels").get("dev.berth.test").asText()).isEqualTo("pinned");
        JsonNode attached = inspect(container("tuned")).get("NetworkSettings").get("Networks").get(name + "_pinned");
        assertThat(attached.get("IPAddress").asText()).isEqualTo("10.186.0.10");
    }

    @Test
    void volumesFromAServiceMountsItsVolumesReadOnly() throws Exception {
        JsonNode borrower = inspect(container("borrower"));
        assertThat(strings(borrower.get("HostConfig").get("VolumesFrom"))).containsExactly(container("donor") + ":ro");
        JsonNode mount = borrower.get("Mounts").get(0);
        assertThat(mount.get("Destination").asText()).isEqualTo("/data");
        assertThat(mount.get("RW").asBoolean()).isFalse();
    }
}
