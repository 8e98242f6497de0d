package dev.berth.compose;

import static dev.berth.compose.Projects.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.DependencySpec;
import dev.berth.compose.model.HealthcheckSpec;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.ServiceNetwork;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMountSpec;
import dev.berth.compose.source.Position;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalisationTest {

    @TempDir
    Path dir;

    private ServiceSpec web(String body) {
        LoadResult r = Projects.loadYaml(dir, "services:\n  web:\n    image: a\n" + body);
        assertThat(r.errors()).isEmpty();
        return r.project().service("web");
    }

    @Test
    void buildShortAndLongForms() {
        assertThat(web("    build: ./app\n").build().context()).isEqualTo(dir.resolve("app"));
        var b = web("    build:\n      context: ctx\n      dockerfile: Other\n      args: [X=1, FROM_ENV, GONE]\n"
                + "      target: prod\n").build();
        assertThat(b.context()).isEqualTo(dir.resolve("ctx"));
        assertThat(b.dockerfile()).isEqualTo("Other");
        assertThat(b.target()).isEqualTo("prod");
        assertThat(b.args()).containsExactly(entry("X", "1"));
        assertThat(web("    build: {args: {A: b}}\n").build().args()).containsExactly(entry("A", "b"));
    }

    @Test
    void commandAndEntrypointSplitLikeShellWords() {
        ServiceSpec s = web("    command: sh -c 'echo \"a b\"' \"x y\" z\\ z\n    entrypoint: [\"/init\", \"--\"]\n");
        assertThat(s.command()).containsExactly("sh", "-c", "echo \"a b\"", "x y", "z z");
        assertThat(s.entrypoint()).containsExactly("/init", "--");
        assertThat(web("").command()).isNull();
        assertThat(web("    command: []\n").command()).isEmpty();
    }

    @Test
    void environmentListMapEnvFileAndLookups() {
        write(dir, "a.env", "# comment\nexport FROM_FILE=file\nSHARED='from a'\nQUOTED=\"x\\ny\"\nINLINE=v # note\n");
        write(dir, "b.env", "SHARED=from b\n");
        LoadResult r = ComposeLoader.load(LoadOptions.builder(dir).env("HOST_VAR", "host")
                .file(write(dir, "compose.yaml", """
                        services:
                          web:
                            image: a
                            env_file: [a.env, {path: b.env, required: true}, {path: missing.env, required: false}]
                            environment:
                              - HOST_VAR
                              - NOT_SET_ANYWHERE
                              - SHARED=from environment
                              - N=1
                        """)).build());
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.project().service("web").environment()).containsExactly(
                entry("FROM_FILE", "file"), entry("SHARED", "from environment"), entry("QUOTED", "x\ny"),
                entry("INLINE", "v"), entry("HOST_VAR", "host"), entry("N", "1"));
        assertThat(web("    environment: {A: 1, B: true, C: ~}\n").environment())
                .containsExactly(entry("A", "1"), entry("B", "true"));
    }

    @Test
    void missingRequiredEnvFileIsAnError() {
        LoadResult r = Projects.loadYaml(dir, "services:\n  web:\n    image: a\n    env_file: nope.env\n");
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains(dir.resolve("nope.env").toString()).contains("required: false");
            assertThat(d.position().line()).isEqualTo(4);
        });
    }

    @Test
    void portsShortRangesBareAndLong() {
        ServiceSpec s = web("""
                    ports:
                      - 3000
                      - "8000:80"
                      - "127.0.0.1::5000"
                      - "[::1]:6000:6000/udp"
                      - "9000-9002:9000-9002"
                      - "7000-7001"
                      - target: 443
                        published: "8443"
                        host_ip: 0.0.0.0
                        protocol: tcp
                """);
        String f = dir.resolve("compose.yaml").toString();
        assertThat(s.ports()).extracting(PortSpec::hostIp, PortSpec::published, PortSpec::target, PortSpec::protocol)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("", null, 3000, "tcp"),
                        org.assertj.core.groups.Tuple.tuple("", 8000, 80, "tcp"),
                        org.assertj.core.groups.Tuple.tuple("127.0.0.1", null, 5000, "tcp"),
                        org.assertj.core.groups.Tuple.tuple("::1", 6000, 6000, "udp"),
                        org.assertj.core.groups.Tuple.tuple("", 9000, 9000, "tcp"),
                        org.assertj.core.groups.Tuple.tuple("", 9001, 9001, "tcp"),
                        org.assertj.core.groups.Tuple.tuple("", 9002, 9002, "tcp"),
                        org.assertj.core.groups.Tuple.tuple("", null, 7000, "tcp"),
                        org.assertj.core.groups.Tuple.tuple("", null, 7001, "tcp"),
                        org.assertj.core.groups.Tuple.tuple("0.0.0.0", 8443, 443, "tcp"));
        assertThat(s.ports().get(1).position()).isEqualTo(new Position(f, 6, 9));
    }

    @Test
    void volumesBindNamedAnonymousLongAndHome() {
        ServiceSpec s = Projects.loadYaml(dir, """
                services:
                  web:
                    image: a
                    volumes:
                      - ./src:/src:ro
                      - /etc/hosts:/etc/hosts
                      - ~/.cache:/cache
                      - data:/data
                      - /anonymous
                      - type: bind
                        source: ../sibling
                        target: /sib
                        read_only: true
                      - type: tmpfs
                        target: /tmp
                volumes:
                  data: {}
                """).project().service("web");
        assertThat(s.volumes()).extracting(VolumeMountSpec::type, VolumeMountSpec::source, VolumeMountSpec::target,
                        VolumeMountSpec::readOnly)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bind", dir.resolve("src").toString(), "/src", true),
                        org.assertj.core.groups.Tuple.tuple("bind", "/etc/hosts", "/etc/hosts", false),
                        org.assertj.core.groups.Tuple.tuple("bind", "/home/tester/.cache", "/cache", false),
                        org.assertj.core.groups.Tuple.tuple("volume", "data", "/data", false),
                        org.assertj.core.groups.Tuple.tuple("volume", null, "/anonymous", false),
                        org.assertj.core.groups.Tuple.tuple("bind", dir.getParent().resolve("sibling").toString(), "/sib", true),
                        org.assertj.core.groups.Tuple.tuple("tmpfs", null, "/tmp", false));
    }

    @Test
    void dependsOnNetworksLabelsAndScalars() {
        ComposeProject p = Projects.loadYaml(dir, """
                services:
                  web:
                    image: a
                    user: "1000"
                    working_dir: /app
                    restart: on-failure:3
                    container_name: webby
                    labels: [a=1, flag]
                    depends_on:
                      db: {condition: service_healthy, restart: true, required: false}
                      cache:
                    networks:
                      front:
                        aliases: [www]
                        ipv4_address: 10.0.0.2
                      back:
                    deploy: {replicas: 3}
                  db: {image: d, networks: [back]}
                  cache: {image: c, network_mode: host}
                networks:
                  front: {}
                  back: {name: shared-back}
                  outside: {external: true}
                """).project();
        ServiceSpec web = p.service("web");
        assertThat(web.user()).isEqualTo("1000");
        assertThat(web.workingDir()).isEqualTo("/app");
        assertThat(web.restart()).isEqualTo("on-failure:3");
        assertThat(web.containerName()).isEqualTo("webby");
        assertThat(web.labels()).containsExactly(entry("a", "1"), entry("flag", ""));
        assertThat(web.dependsOn()).containsExactly(new DependencySpec("db", "service_healthy", true, false),
                new DependencySpec("cache", "service_started", false, true));
        assertThat(web.networks()).containsExactly(entry("front", new ServiceNetwork(List.of("www"), "10.0.0.2")),
                entry("back", new ServiceNetwork(List.of(), null)));
        assertThat(web.scale()).isEqualTo(3);
        assertThat(p.service("cache").networks()).isEmpty();
        assertThat(p.service("cache").networkMode()).isEqualTo("host");
        // no service joins "default", so compose does not create it
        assertThat(p.networks().keySet()).containsExactly("front", "back", "outside");
        assertThat(p.networks().get("front").name()).isEqualTo(p.name() + "_front");
        assertThat(p.networks().get("back").name()).isEqualTo("shared-back");
        assertThat(p.networks().get("outside").name()).isEqualTo("outside");
        assertThat(p.networks().get("outside").external()).isTrue();
    }

    @Test
    void healthcheckForms() {
        assertThat(web("    healthcheck:\n      test: curl -f localhost\n      interval: 1m30s\n      timeout: 500ms\n"
                + "      start_period: 10s\n      retries: 3\n").healthcheck())
                .isEqualTo(new HealthcheckSpec(List.of("CMD-SHELL", "curl -f localhost"), Duration.ofSeconds(90),
                        Duration.ofMillis(500), Duration.ofSeconds(10), 3, false));
        assertThat(web("    healthcheck:\n      test: [\"CMD\", \"true\"]\n").healthcheck().test())
                .containsExactly("CMD", "true");
        assertThat(web("    healthcheck:\n      disable: true\n").healthcheck().disable()).isTrue();
    }

    @Test
    void profilesFromOptionsAndEnvironment() {
        String yaml = """
                services:
                  web: {image: a}
                  debug: {image: b, profiles: [dbg, all]}
                  tools: {image: c, profiles: [tools]}
                """;
        write(dir, "compose.yaml", yaml);
        assertThat(ComposeLoader.load(LoadOptions.builder(dir).build()).project().services())
                .containsOnlyKeys("web");
        assertThat(ComposeLoader.load(LoadOptions.builder(dir).profile("dbg").build()).project().services())
                .containsOnlyKeys("web", "debug");
        assertThat(ComposeLoader.load(LoadOptions.builder(dir).env("COMPOSE_PROFILES", "tools,dbg").build())
                .project().services()).containsOnlyKeys("web", "debug", "tools");
        assertThat(ComposeLoader.load(LoadOptions.builder(dir).profile("dbg").build()).project().service("debug")
                .profiles()).containsExactly("dbg", "all");
    }

    @Test
    void topLevelVolumesNaming() {
        ComposeProject p = Projects.loadYaml(dir, """
                name: demo
                services:
                  web: {image: a, volumes: ["data:/d"]}
                volumes:
                  data:
                  named: {name: fixed}
                  ext: {external: true}
                """).project();
        assertThat(p.volumes().get("data").name()).isEqualTo("demo_data");
        assertThat(p.volumes().get("named").name()).isEqualTo("fixed");
        assertThat(p.volumes().get("ext").name()).isEqualTo("ext");
        assertThat(p.volumes().get("ext").external()).isTrue();
    }
}
