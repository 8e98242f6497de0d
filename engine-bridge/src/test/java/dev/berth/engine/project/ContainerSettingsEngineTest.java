package dev.berth.engine.project;

import static dev.berth.engine.project.ComposeText.inspect;
import static dev.berth.engine.project.ComposeText.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.EngineVersion;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every container setting of a compose file reaches the engine as the spec says: one project with a service
 * per group of settings, brought up once; each test reads one group back with {@code docker inspect}.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerSettingsEngineTest {
    static final String IMAGE = "berth-sample/busybox:1";
    /** A block device of this machine, for blkio_config's per-device limits (the engine refuses others). */
    static final String DISK = java.util.stream.Stream.of("/dev/vda", "/dev/sda", "/dev/nvme0n1", "/dev/xvda")
            .filter(path -> Files.exists(Path.of(path))).findFirst()
            .orElseThrow(() -> new IllegalStateException("no block device among /dev/vda, sda, nvme0n1, xvda"));

    final String name = "heng-set-" + UUID.randomUUID().toString().substring(0, 8);
    final String fixedNetwork = name + "-fixed";
    Path dir;
    ComposeRuntime runtime;
    ComposeProject project;

    @BeforeAll
    void upOnce() throws Exception {
        runtime = TestEngine.connect();
        DockerWitness.docker("image", "inspect", IMAGE);   // built by samples/base-images/build.sh
        dir = Files.createTempDirectory("heng-settings");
        Files.writeString(dir.resolve("secret.txt"), "s3cret\n");
        Files.writeString(dir.resolve("cfg.txt"), "from a file\n");
        // a secret's environment: variable may come from the project's .env, as in v2
        Files.writeString(dir.resolve(".env"), "BERTH_TEST_DOTENV_SECRET=from the dotenv\n");
        Files.createDirectories(dir.resolve("data"));
        // ipv4_address needs a network with a subnet; the model has no ipam yet, so the test brings its own
        DockerWitness.docker("network", "create", "--subnet", "10.184.0.0/24", fixedNetwork);
        project = ComposeText.load(dir, name, """
                services:
                  basics:
                    image: %1$s
                    entrypoint: ["sh", "-c"]
                    command: ["echo started; exec sleep 600"]
                    environment:
                      GREETING: hello
                      EMPTY: ""
                    user: "1000:1000"
                    working_dir: /tmp
                    labels:
                      dev.berth.test: basics
                    restart: unless-stopped
                    healthcheck:
                      test: ["CMD-SHELL", "true"]
                      interval: 2s
                      timeout: 3s
                      retries: 4
                      start_period: 1s
                    hostname: basics-host
                    domainname: example.test
                    extra_hosts:
                      - "db.example:10.0.0.5"
                    dns: [10.0.0.53]
                    dns_search: [example.test]
                    stop_signal: SIGUSR1
                    stop_grace_period: 7s
                    init: true
                    tty: true
                    stdin_open: true
                    logging:
                      driver: json-file
                      options:
                        max-size: 1m
                        max-file: "2"
                  limits:
                    image: %1$s
                    command: ["sleep", "600"]
                    mem_limit: 64m
                    cpus: 0.5
                    pids_limit: 50
                    shm_size: 16m
                    ulimits:
                      nofile: {soft: 1024, hard: 2048}
                      nproc: 64
                    sysctls:
                      net.core.somaxconn: 1024
                    cap_add: [NET_ADMIN]
                    cap_drop: [MKNOD]
                    read_only: true
                    devices: ["/dev/null:/dev/berthnull:rwm"]
                    ipc: shareable
                  deploylimits:
                    image: %1$s
                    command: ["sleep", "600"]
                    deploy:
                      resources:
                        limits: {cpus: "0.25", memory: 32M, pids: 40}
                        reservations: {memory: 16M}
                      restart_policy: {condition: on-failure, max_attempts: 3}
                  storage:
                    image: %1$s
                    command: ["sleep", "600"]
                    volumes:
                      - ./data:/data:ro
                      - cache:/cache
                      - type: tmpfs
                        target: /scratch
                    tmpfs: ["/run/berth:size=1m"]
                    ports:
                      - "127.0.0.1:18401-18402:8001-8002"
                      - "127.0.0.1:18403:53/udp"
                    expose: ["9000", "9001/udp"]
                  net:
                    image: %1$s
                    command: ["sleep", "600"]
                    networks:
                      default:
                        aliases: [net-alias]
                      fixed:
                        ipv4_address: 10.184.0.10
                        aliases: [fixed-alias]
                  sidecar:
                    image: %1$s
                    command: ["sleep", "600"]
                    network_mode: service:net
                  linked:
                    image: %1$s
                    command: ["sleep", "600"]
                    links: ["net:database", "storage"]
                    dns_opt: [use-vc, "ndots:2"]
                    uts: host
                    cgroup: private
                    device_cgroup_rules: ["c 1:3 mr"]
                    blkio_config:
                      device_read_bps:
                        - {path: %3$s, rate: 12mb}
                      device_write_iops:
                        - {path: %3$s, rate: 120}
                  hostnet:
                    image: %1$s
                    command: ["sleep", "600"]
                    network_mode: host
                    pid: host
                  files:
                    image: %1$s
                    command: ["sleep", "600"]
                    secrets:
                      - filesecret
                      - source: envsecret
                        target: from-env
                        mode: 0400
                      - dotenvsecret
                    configs:
                      - source: inline
                        target: /etc/inline.conf
                      - filecfg
                secrets:
                  filesecret: {file: ./secret.txt}
                  envsecret: {environment: HOME}
                  dotenvsecret: {environment: BERTH_TEST_DOTENV_SECRET}
                configs:
                  inline: {content: "key=value"}
                  filecfg: {file: ./cfg.txt}
                volumes:
                  cache: {}
                networks:
                  fixed:
                    external: true
                    name: %2$s
                """.formatted(IMAGE, fixedNetwork, DISK));
        runtime.up(project, UpOptions.defaults(), ProgressListener.NONE);
    }

    @AfterAll
    void removeEverything() throws Exception {
        if (runtime != null) {
            try {
                runtime.down(project, new DownOptions(true, true, Duration.ZERO), ProgressListener.NONE);
            } finally {
                runtime.close();
                DockerWitness.docker("network", "rm", fixedNetwork);
            }
        }
    }

    String container(String service) {
        return name + "-" + service + "-1";
    }

    @Test
    void processSettings() throws Exception {
        JsonNode c = inspect(container("basics"));
        JsonNode config = c.get("Config");
        JsonNode host = c.get("HostConfig");
        assertThat(strings(config.get("Entrypoint"))).containsExactly("sh", "-c");
        assertThat(strings(config.get("Cmd"))).containsExactly("echo started; exec sleep 600");
        assertThat(strings(config.get("Env"))).contains("GREETING=hello", "EMPTY=");
        assertThat(config.get("User").asText()).isEqualTo("1000:1000");
        assertThat(config.get("WorkingDir").asText()).isEqualTo("/tmp");
        assertThat(config.get("Labels").get("dev.berth.test").asText()).isEqualTo("basics");
        assertThat(host.get("RestartPolicy").get("Name").asText()).isEqualTo("unless-stopped");
        assertThat(config.get("StopSignal").asText()).isEqualTo("SIGUSR1");
        assertThat(config.get("StopTimeout").asInt()).isEqualTo(7);
        assertThat(host.get("Init").asBoolean()).isTrue();
        assertThat(config.get("Tty").asBoolean()).isTrue();
        assertThat(config.get("OpenStdin").asBoolean()).isTrue();
        assertThat(host.get("LogConfig").get("Type").asText()).isEqualTo("json-file");
        assertThat(host.get("LogConfig").get("Config").get("max-size").asText()).isEqualTo("1m");
        assertThat(host.get("LogConfig").get("Config").get("max-file").asText()).isEqualTo("2");
    }

    @Test
    void healthcheck() throws Exception {
        JsonNode h = inspect(container("basics")).get("Config").get("Healthcheck");
        assertThat(strings(h.get("Test"))).containsExactly("CMD-SHELL", "true");
        assertThat(h.get("Interval").asLong()).isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(h.get("Timeout").asLong()).isEqualTo(Duration.ofSeconds(3).toNanos());
        assertThat(h.get("StartPeriod").asLong()).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(h.get("Retries").asInt()).isEqualTo(4);
    }

    @Test
    void namesAndResolution() throws Exception {
        JsonNode c = inspect(container("basics"));
        assertThat(c.get("Config").get("Hostname").asText()).isEqualTo("basics-host");
        assertThat(c.get("Config").get("Domainname").asText()).isEqualTo("example.test");
        assertThat(strings(c.get("HostConfig").get("ExtraHosts"))).containsExactly("db.example:10.0.0.5");
        assertThat(strings(c.get("HostConfig").get("Dns"))).containsExactly("10.0.0.53");
        assertThat(strings(c.get("HostConfig").get("DnsSearch"))).containsExactly("example.test");
        assertThat(DockerWitness.docker("exec", container("basics"), "cat", "/etc/hosts"))
                .contains("10.0.0.5\tdb.example");
    }

    @Test
    void limitsAndKernelSettings() throws Exception {
        JsonNode host = inspect(container("limits")).get("HostConfig");
        assertThat(host.get("Memory").asLong()).isEqualTo(64L << 20);
        assertThat(host.get("NanoCpus").asLong()).isEqualTo(500_000_000L);
        assertThat(host.get("PidsLimit").asLong()).isEqualTo(50);
        assertThat(host.get("ShmSize").asLong()).isEqualTo(16L << 20);
        assertThat(host.get("Ulimits").toString())
                .contains("{\"Name\":\"nofile\",\"Hard\":2048,\"Soft\":1024}")
                .contains("{\"Name\":\"nproc\",\"Hard\":64,\"Soft\":64}");
        assertThat(host.get("Sysctls").get("net.core.somaxconn").asText()).isEqualTo("1024");
        assertThat(strings(host.get("CapAdd"))).containsExactly("NET_ADMIN");
        assertThat(strings(host.get("CapDrop"))).containsExactly("MKNOD");
        assertThat(host.get("ReadonlyRootfs").asBoolean()).isTrue();
        assertThat(host.get("Devices").get(0).get("PathOnHost").asText()).isEqualTo("/dev/null");
        assertThat(host.get("Devices").get(0).get("PathInContainer").asText()).isEqualTo("/dev/berthnull");
        assertThat(host.get("Devices").get(0).get("CgroupPermissions").asText()).isEqualTo("rwm");
        assertThat(host.get("IpcMode").asText()).isEqualTo("shareable");
        // the kernel applies them to the main process (exec'd processes may get the engine's own)
        assertThat(DockerWitness.docker("exec", container("limits"), "grep", "Max open files", "/proc/1/limits"))
                .matches("Max open files +1024 +2048 +files");
    }

    @Test
    void deployResourcesAndRestartPolicy() throws Exception {
        JsonNode host = inspect(container("deploylimits")).get("HostConfig");
        assertThat(host.get("Memory").asLong()).isEqualTo(32L << 20);
        assertThat(host.get("NanoCpus").asLong()).isEqualTo(250_000_000L);
        assertThat(host.get("PidsLimit").asLong()).isEqualTo(40);
        assertThat(host.get("MemoryReservation").asLong()).isEqualTo(16L << 20);
        assertThat(host.get("RestartPolicy").get("Name").asText()).isEqualTo("on-failure");
        assertThat(host.get("RestartPolicy").get("MaximumRetryCount").asInt()).isEqualTo(3);
    }

    /**
     * The HostConfig of the one container of a project of its own ({@code <name>-<suffix>}, service {@code app} with
     * {@code settings}), created and never started; the project goes again whatever happened.
     */
    JsonNode hostConfigOfCreated(String suffix, String settings, ProgressListener progress) throws Exception {
        ComposeProject alone = ComposeText.load(dir.resolve(suffix), name + "-" + suffix, """
                services:
                  app:
                    image: %s
                    command: ["sleep", "600"]
                %s""".formatted(IMAGE, settings.indent(4)));
        try {
            runtime.create(alone, UpOptions.defaults(), progress);
            return inspect(name + "-" + suffix + "-app-1").get("HostConfig");
        } finally {
            runtime.down(alone, new DownOptions(true, true, Duration.ZERO), ProgressListener.NONE);
        }
    }

    /** Created, not started: this test machine's engine itself runs in a container that may not grant all caps. */
    @Test
    void privilegedWithoutNetwork() throws Exception {
        JsonNode host = hostConfigOfCreated("priv", """
                privileged: true
                network_mode: none
                """, ProgressListener.NONE);
        assertThat(host.get("Privileged").asBoolean()).isTrue();
        assertThat(host.get("NetworkMode").asText()).isEqualTo("none");
    }

    /**
     * Created, not started (this machine has no GPU driver): what the engine keeps is what it was given.
     * {@code gpus: all} is what {@code docker create --gpus all} sends.
     */
    @Test
    void gpusDeviceReservationsAndAnnotations() throws Exception {
        List<ProgressEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        JsonNode host = hostConfigOfCreated("gpu", """
                gpus: all
                annotations:
                  com.example.team: ml
                deploy:
                  resources:
                    reservations:
                      devices:
                        - driver: nvidia
                          device_ids: ["0", "2"]
                          capabilities: [gpu, utility]
                        - capabilities: [tpu]
                """, events::add);
        assertThat(host.get("DeviceRequests").toString()).isEqualTo("[{\"Driver\":\"\",\"Count\":-1,"
                + "\"DeviceIDs\":null,\"Capabilities\":[[\"gpu\"]],\"Options\":{}},"
                + "{\"Driver\":\"nvidia\",\"Count\":0,\"DeviceIDs\":[\"0\",\"2\"],"
                + "\"Capabilities\":[[\"gpu\",\"utility\"]],\"Options\":{}},"
                + "{\"Driver\":\"\",\"Count\":-1,\"DeviceIDs\":null,\"Capabilities\":[[\"tpu\"]],"
                + "\"Options\":{}}]");
        EngineVersion engine = new EngineVersion(null,
                DockerWitness.docker("version", "--format", "{{.Server.APIVersion}}"), null, null);
        if (engine.apiAtLeast("1.43")) {
            assertThat(host.get("Annotations").toString()).isEqualTo("{\"com.example.team\":\"ml\"}");
        } else {
            assertThat(events).anySatisfy(e -> assertThat(e.detail())
                    .contains("annotations need engine API 1.43").contains("API " + engine.apiVersion()));
        }
    }

    /**
     * cpu_rt_runtime (a duration here) and cpu_rt_period reach the engine in microseconds. An engine on a kernel
     * without real-time group scheduling (most cgroup v2 hosts) refuses them when the container is created, and
     * says so; that answer is the engine's to the values it was given.
     */
    @Test
    void realTimeSchedulingReachesTheEngine() throws Exception {
        try {
            JsonNode host = hostConfigOfCreated("rt", """
                    cpu_rt_runtime: 95ms
                    cpu_rt_period: 1000000
                    """, ProgressListener.NONE);
            assertThat(host.get("CpuRealtimeRuntime").asLong()).isEqualTo(95_000);
            assertThat(host.get("CpuRealtimePeriod").asLong()).isEqualTo(1_000_000);
        } catch (EngineException refused) {
            assertThat(refused.getMessage()).containsIgnoringCase("real-time");
        }
    }

    /** A mapped host with two addresses is two lines of /etc/hosts, as v2 sends them. */
    @Test
    void aMappedHostWithTwoAddressesIsTwoLines() throws Exception {
        JsonNode host = hostConfigOfCreated("hosts", """
                extra_hosts:
                  db: [10.0.0.1, "10.0.0.2"]
                  cache: 10.0.0.3
                """, ProgressListener.NONE);
        assertThat(strings(host.get("ExtraHosts"))).containsExactly("db:10.0.0.1", "db:10.0.0.2", "cache:10.0.0.3");
    }

    @Test
    void mountsAndPorts() throws Exception {
        JsonNode c = inspect(container("storage"));
        JsonNode host = c.get("HostConfig");
        String mounts = host.get("Mounts").toString();
        assertThat(mounts).contains("\"Type\":\"bind\",\"Source\":\"" + dir.resolve("data") + "\",\"Target\":\"/data\","
                + "\"ReadOnly\":true");
        assertThat(mounts).contains("\"Type\":\"volume\",\"Source\":\"" + name + "_cache\",\"Target\":\"/cache\"");
        assertThat(mounts).contains("\"Type\":\"tmpfs\",\"Target\":\"/scratch\"");
        assertThat(host.get("Tmpfs").get("/run/berth").asText()).isEqualTo("size=1m");
        JsonNode ports = host.get("PortBindings");
        assertThat(ports.get("8001/tcp").get(0).get("HostIp").asText()).isEqualTo("127.0.0.1");
        assertThat(ports.get("8001/tcp").get(0).get("HostPort").asText()).isEqualTo("18401");
        assertThat(ports.get("8002/tcp").get(0).get("HostPort").asText()).isEqualTo("18402");
        assertThat(ports.get("53/udp").get(0).get("HostPort").asText()).isEqualTo("18403");
        assertThat(c.get("Config").get("ExposedPorts").has("9000/tcp")).isTrue();
        assertThat(c.get("Config").get("ExposedPorts").has("9001/udp")).isTrue();
        assertThat(DockerWitness.docker("exec", container("storage"), "sh", "-c",
                "grep -c ' /run/berth tmpfs ' /proc/mounts; touch /data/x 2>/dev/null || echo read-only"))
                .isEqualTo("1\nread-only");
    }

    @Test
    void networksAliasesAndAddresses() throws Exception {
        JsonNode networks = inspect(container("net")).get("NetworkSettings").get("Networks");
        assertThat(strings(networks.get(name + "_default").get("Aliases"))).contains("net-alias", "net");
        JsonNode fixed = networks.get(fixedNetwork);
        assertThat(strings(fixed.get("Aliases"))).contains("fixed-alias", "net");
        assertThat(fixed.get("IPAMConfig").get("IPv4Address").asText()).isEqualTo("10.184.0.10");
        assertThat(fixed.get("IPAddress").asText()).isEqualTo("10.184.0.10");
    }

    @Test
    void linksDnsOptionsAndNamespacesReachTheEngine() throws Exception {
        JsonNode linked = inspect(container("linked"));
        // on a network of the project's own the engine keeps legacy links on the endpoint
        assertThat(strings(linked.get("NetworkSettings").get("Networks").get(name + "_default").get("Links")))
                .containsExactlyInAnyOrder(container("net") + ":database", container("storage") + ":storage");
        assertThat(strings(linked.get("HostConfig").get("DnsOptions"))).containsExactly("use-vc", "ndots:2");
        // uts, cgroup (the cgroup namespace) and device_cgroup_rules, as the spec names them
        assertThat(linked.get("HostConfig").get("UTSMode").asText()).isEqualTo("host");
        assertThat(linked.get("HostConfig").get("CgroupnsMode").asText()).isEqualTo("private");
        assertThat(strings(linked.get("HostConfig").get("DeviceCgroupRules"))).containsExactly("c 1:3 mr");
        // blkio_config's device limits (this kernel drops a weight, so the test sets none)
        assertThat(linked.get("HostConfig").get("BlkioDeviceReadBps").toString())
                .contains("\"Path\":\"" + DISK + "\"").contains("\"Rate\":" + 12 * 1024 * 1024);
        assertThat(linked.get("HostConfig").get("BlkioDeviceWriteIOps").toString()).contains("\"Rate\":120");
        assertThat(DockerWitness.docker("exec", container("linked"), "hostname"))
                .isEqualTo(java.net.InetAddress.getLocalHost().getHostName());
        String netAddress = inspect(container("net")).get("NetworkSettings").get("Networks").get(name + "_default")
                .get("IPAddress").asText();
        // the link's alias answers from the linking container, with the linked container's address
        assertThat(DockerWitness.docker("exec", container("linked"), "nslookup", "database"))
                .contains(netAddress);
        assertThat(DockerWitness.docker("exec", container("linked"), "cat", "/etc/resolv.conf"))
                .contains("options").contains("use-vc").contains("ndots:2");
        // a link is also a dependency: `net` and `storage` were started first (compose-go adds them to depends_on)
        assertThat(project.service("linked").dependsOn()).extracting(d -> d.service())
                .containsExactlyInAnyOrder("net", "storage");
    }

    @Test
    void sharedAndHostNetworkModes() throws Exception {
        String netId = inspect(container("net")).get("Id").asText();
        assertThat(inspect(container("sidecar")).get("HostConfig").get("NetworkMode").asText())
                .isEqualTo("container:" + netId);
        JsonNode host = inspect(container("hostnet")).get("HostConfig");
        assertThat(host.get("NetworkMode").asText()).isEqualTo("host");
        assertThat(host.get("PidMode").asText()).isEqualTo("host");
    }

    @Test
    void secretsAndConfigsAreFiles() throws Exception {
        String files = container("files");
        assertThat(DockerWitness.docker("exec", files, "cat", "/run/secrets/filesecret")).isEqualTo("s3cret");
        assertThat(DockerWitness.docker("exec", files, "cat", "/run/secrets/from-env")).isEqualTo(System.getenv("HOME"));
        assertThat(DockerWitness.docker("exec", files, "cat", "/run/secrets/dotenvsecret")).isEqualTo("from the dotenv");
        assertThat(DockerWitness.docker("exec", files, "cat", "/etc/inline.conf")).isEqualTo("key=value");
        assertThat(DockerWitness.docker("exec", files, "cat", "/filecfg")).isEqualTo("from a file");
        assertThat(DockerWitness.docker("exec", files, "stat", "-c", "%a %u", "/run/secrets/from-env", "/etc/inline.conf"))
                .isEqualTo("400 0\n444 0");
        String mounts = inspect(files).get("HostConfig").get("Mounts").toString();
        assertThat(mounts).contains("\"Source\":\"" + dir.resolve("secret.txt") + "\",\"Target\":\"/run/secrets/filesecret\","
                + "\"ReadOnly\":true");
        assertThat(mounts).contains("\"Source\":\"" + dir.resolve("cfg.txt") + "\",\"Target\":\"/filecfg\",\"ReadOnly\":true");
    }
}
