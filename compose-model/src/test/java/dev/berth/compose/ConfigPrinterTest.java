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
