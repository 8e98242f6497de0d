package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.print.ConfigPrinter;
import dev.berth.compose.print.ServiceHash;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class ConfigPrinterTest {

    @TempDir
    Path dir;

    @Test
    void printsTheShapeOfDockerComposeConfig() {
        Path project = Projects.testCase("trainingwheels");
        String yaml = ConfigPrinter.yaml(Projects.load(project).project());
        assertThat(yaml).isEqualTo("""
                name: trainingwheels
                services:
                  redis:
                    image: berth-test/redis:1
                    networks:
                      default: null
                  web:
                    build:
                      context: @DIR@
                      dockerfile: Dockerfile
                    depends_on:
                      redis:
                        condition: service_started
                        required: true
                    environment:
                      DEBUG: "1"
                    networks:
                      default: null
                    ports:
                      - mode: ingress
                        host_ip: 127.0.0.1
                        target: 5000
                        published: "8000"
                        protocol: tcp
                    user: nobody
                    volumes:
                      - type: bind
                        source: @DIR@
                        target: /code
                        bind:
                          create_host_path: true
                networks:
                  default:
                    name: trainingwheels_default
                """.replace("@DIR@", project.toString()));
    }

    private static final String RICH = """
            name: rich
            services:
              app:
                build:
                  context: ./app
                  dockerfile: Dockerfile.dev
                  args: {VERSION: "2"}
                  target: dev
                entrypoint: ["/bin/sh", "-c"]
                command: echo 'hello world'
                environment: {A: "1", B: "yes please", EMPTY: ""}
                labels: [com.example.tier=front]
                ports: ["8080:80", "9000-9001:9000-9001/udp", "3000"]
                volumes:
                  - data:/data:ro
                  - ./src:/src
                  - /anon
                  - type: tmpfs
                    target: /tmp
                networks:
                  back:
                    aliases: [api]
                    ipv4_address: 172.30.0.5
                depends_on:
                  db: {condition: service_healthy, restart: true}
                healthcheck:
                  test: curl -f http://localhost
                  interval: 1m30s
                  timeout: 500ms
                  retries: 3
                restart: unless-stopped
                working_dir: /src
                user: "1000:1000"
                scale: 2
              db:
                image: postgres:16
                network_mode: host
                container_name: the-db
            networks:
              back:
                driver: bridge
                labels: {team: core}
            volumes:
              data:
              outside:
                external: true
            """;

    @Test
    void printedConfigLoadsBackIntoTheSameModel() {
        ComposeProject first = Projects.loadYaml(dir, RICH).project();
        String printed = ConfigPrinter.yaml(first);

        Path again = dir.resolve("again");
        LoadResult reloaded = ComposeLoader.load(LoadOptions.builder(again)
                .file(Projects.write(again, "printed.yaml", printed)).projectDirectory(dir).build());

        assertThat(reloaded.errors()).isEmpty();
        ComposeProject second = reloaded.project();
        assertThat(ConfigPrinter.yaml(second)).isEqualTo(printed);
        assertThat(withoutPositions(second)).isEqualTo(withoutPositions(first));
    }

    @Test
    void jsonFormatIsValidJsonWithTheSameTree() {
        ComposeProject project = Projects.loadYaml(dir, RICH).project();
        String json = ConfigPrinter.json(project);
        // JSON is a subset of YAML 1.2, so a strict YAML load checks the syntax and gives the tree back.
        Object parsed = new Load(LoadSettings.builder().build()).loadFromString(json);
        assertThat(json).startsWith("{\n  \"name\": \"rich\",");
        assertThat(parsed).isEqualTo(normalisedForComparison(ConfigPrinter.tree(project)));
    }

    static final String NEWER_KEYS = """
            services:
              web:
                image: busybox
                build:
                  context: .
                  dockerfile_inline: |
                    FROM busybox
                    RUN echo hi
                  labels:
                    team: web
                  cache_from: ["type=local,src=/tmp/cache"]
                  x-build-note: kept
                label_file: ./web.labels
                labels:
                  tier: front
                develop:
                  watch:
                    - path: ./src
                      action: sync
                      target: /app
                post_start:
                  - command: echo "started up"
                    user: root
                pre_stop:
                  - command: ["echo", "bye"]
                dns_opt: [use-vc]
                models:
                  - llm
                x-owner: team-7
              db:
                provider:
                  type: model
                  options:
                    model: ai/smollm2
            models:
              llm:
                model: ai/smollm2
                context_size: 4096
            x-common:
              retries: 3
            """;

    @Test
    void keysTheEngineDoesNotUseArePrintedAsWrittenInTheirPlace() {
        Projects.write(dir, "web.labels", "tier=back\nowner=ops\n");
        LoadResult result = Projects.loadYaml(dir, NEWER_KEYS);
        assertThat(result.errors()).isEmpty();
        String yaml = ConfigPrinter.yaml(result.project());
        assertThat(yaml.replace(dir.toString(), "@DIR@")).isEqualTo("""
                name: @NAME@
                services:
                  db:
                    provider:
                      type: model
                      options:
                        model: ai/smollm2
                    networks:
                      default: null
                  web:
                    build:
                      context: @DIR@
                      dockerfile_inline: |
                        FROM busybox
                        RUN echo hi
                      labels:
                        team: web
                      cache_from:
                        - type=local,src=/tmp/cache
                      x-build-note: kept
                    develop:
                      watch:
                        - path: @DIR@/src
                          action: sync
                          target: /app
                    dns_opt:
                      - use-vc
                    image: busybox
                    labels:
                      owner: ops
                      tier: front
                    models:
                      - llm
                    networks:
                      default: null
                    post_start:
                      - command:
                          - echo
                          - started up
                        user: root
                    pre_stop:
                      - command:
                          - echo
                          - bye
                    x-owner: team-7
                networks:
                  default:
                    name: @NAME@_default
                models:
                  llm:
                    model: ai/smollm2
                    context_size: 4096
                x-common:
                  retries: 3
                """.replace("@NAME@", result.project().name()));
        assertThat(result.project().service("web").build().dockerfileInline()).isEqualTo("FROM busybox\nRUN echo hi\n");
        assertThat(result.project().service("web").build().labels()).containsEntry("team", "web");
    }

    @Test
    void newerKeysLoadBackTheSameAndLeaveTheHashOfWhatRunsAlone() {
        Projects.write(dir, "web.labels", "tier=back\n");
        ComposeProject first = Projects.loadYaml(dir, NEWER_KEYS).project();
        String printed = ConfigPrinter.yaml(first);
        Path again = dir.resolve("again");
        LoadResult reloaded = ComposeLoader.load(LoadOptions.builder(again)
                .file(Projects.write(again, "printed.yaml", printed)).projectDirectory(dir).build());
        assertThat(reloaded.errors()).isEmpty();
        assertThat(ConfigPrinter.yaml(reloaded.project())).isEqualTo(printed);

        ServiceSpec web = first.service("web");
        ServiceSpec otherWatch = Projects.loadYaml(dir, NEWER_KEYS.replace("target: /app", "target: /srv")
                .replace("x-owner: team-7", "x-owner: team-8")).project().service("web");
        ServiceSpec otherHook = Projects.loadYaml(dir, NEWER_KEYS.replace("bye", "ciao")).project().service("web");
        assertThat(ServiceHash.of(otherWatch)).isEqualTo(ServiceHash.of(web));
        assertThat(ServiceHash.of(otherHook)).isNotEqualTo(ServiceHash.of(web));
    }

    @Test
    @SuppressWarnings("unchecked")
    void linksSharedNamespacesAndVolumesFromAreDependenciesAndMapsPrintSortedAsV2Does() {
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  app:
                    image: app
                    links: ["db:database"]
                    volumes_from: ["data:ro"]
                    ipc: service:db
                    uts: host
                    cgroup: private
                    device_cgroup_rules: ["c 1:3 mr"]
                    blkio_config:
                      weight: 300
                      device_read_bps: [{path: /dev/sda, rate: 12mb}]
                    depends_on:
                      cache:
                        condition: service_healthy
                    environment:
                      ZED: "1"
                      ALPHA: "2"
                  db: {image: db}
                  data: {image: data}
                  cache:
                    image: cache
                    healthcheck: {test: ["CMD", "true"]}
                """);
        assertThat(result.errors()).isEmpty();
        Map<String, Object> app = (Map<String, Object>) ((Map<String, Object>) ConfigPrinter.tree(result.project())
                .get("services")).get("app");
        Map<String, Object> deps = (Map<String, Object>) app.get("depends_on");
        assertThat(deps.keySet()).containsExactly("cache", "data", "db");
        assertThat(deps.get("cache")).isEqualTo(Map.of("condition", "service_healthy", "required", true));
        assertThat(deps.get("db")).isEqualTo(Map.of("condition", "service_started", "restart", true, "required", true));
        assertThat(deps.get("data")).isEqualTo(Map.of("condition", "service_started", "required", true));
        assertThat(((Map<String, Object>) app.get("environment")).keySet()).containsExactly("ALPHA", "ZED");
        assertThat(app.get("links")).isEqualTo(List.of("db:database"));
        assertThat(app).containsEntry("uts", "host").containsEntry("cgroup", "private")
                .containsEntry("device_cgroup_rules", List.of("c 1:3 mr"));
        assertThat(app.get("blkio_config")).isEqualTo(Map.of("weight", 300, "device_read_bps",
                List.of(Map.of("path", "/dev/sda", "rate", 12L * 1024 * 1024))));
        assertThat(List.copyOf(app.keySet())).containsSubsequence("blkio_config", "cgroup", "depends_on", "device_cgroup_rules",
                "environment", "image", "ipc", "links", "uts", "volumes_from");
    }

    @Test
    void hashIsStableAndIgnoresScaleButNotEnvironment() {
        ServiceSpec app = Projects.loadYaml(dir, RICH).project().service("app");
        ServiceSpec sameAgain = Projects.loadYaml(dir, RICH).project().service("app");
        ServiceSpec scaled = Projects.loadYaml(dir, RICH.replace("scale: 2", "scale: 5")).project().service("app");
        ServiceSpec otherEnv = Projects.loadYaml(dir, RICH.replace("A: \"1\"", "A: \"2\"")).project().service("app");

        assertThat(ServiceHash.of(app)).matches("[0-9a-f]{64}").isEqualTo(ServiceHash.of(sameAgain));
        assertThat(scaled.scale()).isEqualTo(5);
        assertThat(ServiceHash.of(scaled)).isEqualTo(ServiceHash.of(app));
        assertThat(ServiceHash.of(otherEnv)).isNotEqualTo(ServiceHash.of(app));
    }

    private static Object normalisedForComparison(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, normalisedForComparison(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(ConfigPrinterTest::normalisedForComparison).toList();
        }
        return value;
    }

    /** The model with every position blanked, so two loads of different files compare by content. */
    static ComposeProject withoutPositions(ComposeProject p) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        p.services().forEach((name, s) -> services.put(name, new ServiceSpec(s.name(), s.image(), s.build(),
                s.entrypoint(), s.command(), s.environment(),
                s.ports().stream().map(x -> new dev.berth.compose.model.PortSpec(x.hostIp(), x.published(), x.target(),
                        x.protocol(), null)).toList(),
                s.volumes().stream().map(x -> new dev.berth.compose.model.VolumeMountSpec(x.type(), x.source(),
                        x.target(), x.readOnly(), null)).toList(),
                s.user(), s.workingDir(), s.dependsOn(), s.networks(), s.networkMode(), s.labels(), s.restart(),
                s.containerName(), s.healthcheck(), s.scale(), s.profiles(), null)));
        return new ComposeProject(p.name(), p.workingDir(), List.of(), services, p.networks(), p.volumes());
    }
}
