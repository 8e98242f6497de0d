package dev.berth.compose;

import static dev.berth.compose.Projects.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.ContainerSettings;
import dev.berth.compose.model.DeploySpec;
import dev.berth.compose.model.FileObjectSpec;
import dev.berth.compose.model.ServiceFileRef;
import dev.berth.compose.model.ServiceNetwork;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.source.Position;
import dev.berth.compose.print.ConfigPrinter;
import dev.berth.compose.print.ServiceHash;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Normalisation of what the runtime needs beyond image/ports/volumes: deploy, secrets, configs, settings. */
class RuntimeSettingsTest {

    private static final String EVERYTHING = """
                services:
                  app:
                    image: busybox
                    ulimits:
                      nproc: 65535
                      nofile: {soft: 20000, hard: 40000}
                    devices: ["/dev/fuse:/dev/fuse"]
                    extra_hosts: ["db:10.0.0.1", "v6=::1"]
                    dns: 1.1.1.1
                    dns_search: [example.com]
                    cap_add: [NET_ADMIN]
                    cap_drop: [ALL]
                    privileged: true
                    read_only: true
                    init: true
                    stop_signal: SIGINT
                    stop_grace_period: 1m30s
                    tmpfs: /run
                    shm_size: 64m
                    mem_limit: 1g
                    cpus: 1.5
                    pids_limit: 100
                    sysctls: {net.core.somaxconn: 1024}
                    ipc: host
                    pid: host
                    hostname: app
                    domainname: example.com
                    expose: ["3000", 4000]
                    logging: {driver: json-file, options: {max-size: 10m}}
                    platform: linux/amd64
                    pull_policy: always
                    tty: true
                    stdin_open: true
                    healthcheck:
                      test: ["CMD", "true"]
                      start_interval: 2s
                    networks:
                      front:
                        aliases: [www]
                        ipv6_address: "2001:db8::10"
                        priority: 100
                    deploy:
                      replicas: 2
                      resources:
                        limits: {cpus: "0.50", memory: 512M, pids: 50}
                        reservations:
                          memory: 128m
                          devices: [{capabilities: [gpu], driver: nvidia, count: all}]
                      restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 2m}
                      labels: [tier=web]
                    secrets:
                      - token
                      - source: token
                        target: api
                        uid: "103"
                        gid: "103"
                        mode: 0440
                    configs:
                      - source: nginx
                        target: /etc/nginx/nginx.conf
                secrets:
                  token: {file: ./token.txt}
                configs:
                  nginx: {content: "events {}"}
                networks:
                  front:
                """;

    @TempDir
    Path dir;

    @Test
    void everythingPrintedLoadsBackToTheSamePrint() {
        write(dir, "token.txt", "t");
        ComposeProject first = Projects.loadYaml(dir, EVERYTHING).project();
        String printed = ConfigPrinter.yaml(first);
        assertThat(printed).contains("mem_limit: \"1073741824\"", "- db=10.0.0.1", "stop_grace_period: 1m30s",
                "mode: \"0440\"", "start_interval: 2s", "priority: 100", "cpus: 1.5");

        LoadResult again = ComposeLoader.load(LoadOptions.builder(dir)
                .file(Projects.write(dir, "printed/compose.yaml", printed)).projectDirectory(dir).build());
        assertThat(again.errors()).isEmpty();
        assertThat(ConfigPrinter.yaml(again.project())).isEqualTo(printed);
        assertThat(ServiceHash.of(again.project().service("app"))).isEqualTo(ServiceHash.of(first.service("app")));
    }

    @Test
    void everyContainerSettingIsTyped() {
        write(dir, "token.txt", "t");
        LoadResult result = Projects.loadYaml(dir, EVERYTHING);

        assertThat(result.errors()).isEmpty();
        ServiceSpec app = result.project().service("app");
        ContainerSettings s = app.settings();
        assertThat(s.ulimits()).containsExactly(Map.entry("nproc", new ContainerSettings.Ulimit(65535, 65535)),
                Map.entry("nofile", new ContainerSettings.Ulimit(20000, 40000)));
        assertThat(s.devices()).containsExactly("/dev/fuse:/dev/fuse");
        assertThat(s.extraHosts()).containsExactly(Map.entry("db", "10.0.0.1"), Map.entry("v6", "::1"));
        assertThat(s.dns()).containsExactly("1.1.1.1");
        assertThat(s.dnsSearch()).containsExactly("example.com");
        assertThat(s.capAdd()).containsExactly("NET_ADMIN");
        assertThat(s.capDrop()).containsExactly("ALL");
        assertThat(s.privileged()).isTrue();
        assertThat(s.readOnly()).isTrue();
        assertThat(s.init()).isTrue();
        assertThat(s.stopSignal()).isEqualTo("SIGINT");
        assertThat(s.stopGracePeriod()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.tmpfs()).containsExactly("/run");
        assertThat(s.shmSize()).isEqualTo(64L * 1024 * 1024);
        assertThat(s.memLimit()).isEqualTo(1024L * 1024 * 1024);
        assertThat(s.cpus()).isEqualTo(1.5);
        assertThat(s.pidsLimit()).isEqualTo(100L);
        assertThat(s.sysctls()).containsExactly(Map.entry("net.core.somaxconn", "1024"));
        assertThat(List.of(s.ipc(), s.pid(), s.hostname(), s.domainname(), s.platform(), s.pullPolicy()))
                .containsExactly("host", "host", "app", "example.com", "linux/amd64", "always");
        assertThat(s.expose()).containsExactly("3000", "4000");
        assertThat(s.logging()).isEqualTo(new ContainerSettings.Logging("json-file", Map.of("max-size", "10m")));
        assertThat(s.tty()).isTrue();
        assertThat(s.stdinOpen()).isTrue();
        assertThat(s.positions().get("shm_size")).isEqualTo(new Position(dir.resolve("compose.yaml").toString(), 19, 15));
        assertThat(app.healthcheck().startInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(app.networks().get("front")).isEqualTo(new ServiceNetwork(List.of("www"), null, "2001:db8::10", 100));

        DeploySpec deploy = app.deploy();
        assertThat(deploy.replicas()).isEqualTo(2);
        assertThat(app.scale()).isEqualTo(2);
        assertThat(deploy.limits()).isEqualTo(new DeploySpec.Resources(0.5, 512L * 1024 * 1024, 50L, List.of()));
        assertThat(deploy.reservations().memory()).isEqualTo(128L * 1024 * 1024);
        assertThat(deploy.reservations().devices()).containsExactly(new DeploySpec.DeviceRequest(List.of("gpu"),
                "nvidia", -1, List.of(), Map.of()));
        assertThat(deploy.restartPolicy()).isEqualTo(new DeploySpec.RestartPolicy("on-failure", Duration.ofSeconds(5),
                3, Duration.ofMinutes(2)));
        assertThat(deploy.labels()).containsExactly(Map.entry("tier", "web"));

        assertThat(app.secrets()).extracting(ServiceFileRef::source, ServiceFileRef::target, ServiceFileRef::uid,
                        ServiceFileRef::mode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("token", "/run/secrets/token", null, null),
                        org.assertj.core.groups.Tuple.tuple("token", "/run/secrets/api", "103", 0440));
        assertThat(app.secrets().getFirst().position()).isEqualTo(new Position(dir.resolve("compose.yaml").toString(),
                52, 9));
        assertThat(app.configs()).extracting(ServiceFileRef::target).containsExactly("/etc/nginx/nginx.conf");
        assertThat(result.project().secrets().get("token")).extracting(FileObjectSpec::name, FileObjectSpec::file)
                .containsExactly(result.project().name() + "_token", dir.resolve("token.txt").toString());
        assertThat(result.project().configs().get("nginx").content()).isEqualTo("events {}");
    }

    @Test
    void gpusRealTimeSchedulingAndAnnotationsAreTyped() {
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  all:
                    image: a
                    gpus: all
                    cpu_rt_runtime: 400ms
                    cpu_rt_period: 1400us
                    annotations: ["com.example.team=ml", "com.example.tier=batch"]
                  some:
                    image: a
                    gpus:
                      - driver: nvidia
                        count: 2
                        capabilities: [compute]
                    cpu_rt_runtime: 95000
                    annotations: {com.example.team: web}
                """);
        assertThat(result.errors()).isEmpty();
        ContainerSettings all = result.project().service("all").settings();
        assertThat(all.gpus()).containsExactly(new DeploySpec.DeviceRequest(List.of(), null, -1, List.of(), Map.of()));
        assertThat(all.cgroup().cpuRtRuntime()).isEqualTo(400_000L);
        assertThat(all.cgroup().cpuRtPeriod()).isEqualTo(1_400L);
        assertThat(all.annotations()).containsExactly(Map.entry("com.example.team", "ml"),
                Map.entry("com.example.tier", "batch"));
        ContainerSettings some = result.project().service("some").settings();
        assertThat(some.gpus()).containsExactly(new DeploySpec.DeviceRequest(List.of("compute"), "nvidia", 2,
                List.of(), Map.of()));
        assertThat(some.cgroup().cpuRtRuntime()).isEqualTo(95_000L);
        assertThat(some.cgroup().cpuRtPeriod()).isNull();
        assertThat(some.annotations()).containsExactly(Map.entry("com.example.team", "web"));
    }

    @Test
    void aHostRangeForOneContainerPortStaysOneRangedPort() {
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  app:
                    image: a
                    ports:
                      - "127.0.0.1:8000-8010:80"
                      - {target: 81, published: "9000-9005", host_ip: 127.0.0.1}
                """);
        assertThat(result.errors()).isEmpty();
        assertThat(result.project().service("app").ports()).extracting(p -> p.publishedText() + ">" + p.target())
                .containsExactly("8000-8010>80", "9000-9005>81");
        assertThat(ConfigPrinter.yaml(result.project())).contains("published: 8000-8010");
    }

    @Test
    void unusedTopLevelNetworksAndVolumesAreKeptAndPrinted() {
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  app:
                    image: a
                networks:
                  spare:
                volumes:
                  cache:
                """);
        assertThat(result.project().networks()).containsOnlyKeys("spare", "default");
        assertThat(result.project().volumes()).containsOnlyKeys("cache");
        assertThat(ConfigPrinter.yaml(result.project())).contains("spare:", "cache:");
    }

    @Test
    void aByteSizeThatIsNotOneIsAnErrorAtItsValue() {
        LoadResult result = Projects.loadYaml(dir, "services:\n  app:\n    image: a\n    shm_size: lots\n");
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.position().line()).isEqualTo(4);
            assertThat(d.path()).isEqualTo("services.app.shm_size");
            assertThat(d.message()).contains("\"lots\" is not a size", "512m");
        });
    }

    /** The schema's label_file list may repeat a file (unlike most lists of strings): Berth agrees. */
    @Test
    void aLabelFileListedTwiceIsReadAndNotAnError() {
        Projects.write(dir, "web.labels", "team=web\n");
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  app:
                    image: a
                    label_file: [./web.labels, ./web.labels]
                """);
        assertThat(result.errors()).isEmpty();
        assertThat(result.project().service("app").labels()).containsEntry("team", "web");
    }

    @Test
    void aMissingLabelFileIsAnErrorAtItsEntry() {
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  app:
                    image: a
                    label_file:
                      - ./nowhere.labels
                """);
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.position().line()).isEqualTo(5);
            assertThat(d.path()).isEqualTo("services.app.label_file");
            assertThat(d.message()).contains("nowhere.labels not found", "create it or fix the path");
        });
    }

    /** The schema lets any string through as a blkio rate: one that is no size is a warning at it, not lost quietly. */
    @Test
    void aBlkioRateThatIsNoSizeIsAWarningAtItsValue() {
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  app:
                    image: a
                    blkio_config:
                      device_read_bps:
                        - {path: /dev/sda, rate: 12 megs}
                        - {path: /dev/sdb, rate: 12mb}
                """);
        assertThat(result.errors()).isEmpty();
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isFalse();
            assertThat(d.position().line()).isEqualTo(6);
            assertThat(d.path()).isEqualTo("services.app.blkio_config.device_read_bps");
            assertThat(d.message()).contains("\"12 megs\" is not a size", "12mb");
        });
        assertThat(result.project().service("app").settings().blkio().readBps()).extracting(l -> l.path())
                .containsExactly("/dev/sdb");
    }

    /** The structure layer owns the formats of durations and sizes; the normaliser never reports them again. */
    @Test
    void eachBadDurationOrSizeIsReportedOnceAtItsValue() {
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  app:
                    image: a
                    stop_grace_period: 10 seconds
                    mem_limit: 2 gigs
                    healthcheck:
                      test: ["CMD", "true"]
                      interval: 30
                      timeout: soon
                      start_period: 5s
                    deploy:
                      restart_policy:
                        delay: later
                """);
        assertThat(result.errors()).extracting(d -> d.position().line() + " " + d.path()).containsExactlyInAnyOrder(
                "4 services.app.stop_grace_period", "5 services.app.mem_limit",
                "8 services.app.healthcheck.interval", "9 services.app.healthcheck.timeout",
                "13 services.app.deploy.restart_policy.delay");
    }

    @Test
    void dotEnvExpandsEarlierValuesAndTheEnvironmentAndReadsMultiLineQuotes() {
        write(dir, ".env", """
                export BASE=/srv
                DATA=${BASE}/data
                HOME_DIR=${HOME}/x
                LITERAL='${BASE}'
                CERT="line one
                line two"
                """);
        write(dir, "raw.env", "RAW=\"${BASE}\" kept\n");
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  app:
                    image: a
                    environment:
                      - DATA=${DATA}
                      - HOME_DIR=${HOME_DIR}
                      - LITERAL=${LITERAL}
                      - CERT=${CERT}
                    env_file:
                      - path: ./raw.env
                        format: raw
                      - path: ./optional.env
                        required: false
                """);

        assertThat(result.errors()).isEmpty();
        assertThat(result.project().service("app").environment()).containsExactly(
                Map.entry("RAW", "\"${BASE}\" kept"), Map.entry("DATA", "/srv/data"),
                Map.entry("HOME_DIR", "/home/tester/x"), Map.entry("LITERAL", "${BASE}"),
                Map.entry("CERT", "line one\nline two"));
    }

    @Test
    void aTargetedServiceEnablesItsProfiledDependencies() {
        write(dir, "compose.yaml", """
                services:
                  web:
                    image: a
                    profiles: [web]
                    depends_on: [db]
                  db:
                    image: b
                    profiles: [data]
                  debug:
                    image: c
                    profiles: [debug]
                """);
        LoadResult result = ComposeLoader.load(LoadOptions.builder(dir).env("HOME", "/h").service("web").build());

        assertThat(result.errors()).isEmpty();
        assertThat(result.project().services()).containsOnlyKeys("web", "db");
    }
}
