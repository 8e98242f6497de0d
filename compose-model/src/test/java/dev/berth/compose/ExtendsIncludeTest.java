package dev.berth.compose;

import static dev.berth.compose.Projects.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.model.ServiceSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtendsIncludeTest {

    @TempDir
    Path dir;

    @Test
    void extendsInTheSameFileMergesByTheSpecRules() {
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  base:
                    profiles: [templates]
                    image: app:1
                    command: ["serve", "--all"]
                    environment: {A: "1", B: "2"}
                    ports: ["127.0.0.1:8000:80"]
                  web:
                    extends: base
                    profiles: []
                    command: serve
                    environment: [B=20]
                    ports: ["127.0.0.1:9000:90"]
                """);

        assertThat(result.errors()).isEmpty();
        assertThat(result.project().services()).containsOnlyKeys("web");
        ServiceSpec web = result.project().service("web");
        assertThat(web.image()).isEqualTo("app:1");
        assertThat(web.command()).containsExactly("serve");
        assertThat(web.environment()).containsExactly(Map.entry("A", "1"), Map.entry("B", "20"));
        assertThat(web.ports()).extracting(p -> p.published()).containsExactly(8000, 9000);
    }

    @Test
    void extendsFromAnotherFileResolvesItsPathsAgainstThatFilesDirectory() {
        write(dir, "common/base.yaml", """
                services:
                  app:
                    build: ./src
                    env_file: ./app.env
                    volumes: ["./data:/data", "named:/named"]
                  chained:
                    extends: {file: ../common/base.yaml, service: app}
                    image: chained
                """);
        write(dir, "common/app.env", "FROM_BASE=yes\n");
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  web:
                    extends:
                      file: common/base.yaml
                      service: chained
                    environment: [OWN=1]
                volumes:
                  named:
                """);

        assertThat(result.errors()).isEmpty();
        ServiceSpec web = result.project().service("web");
        assertThat(web.image()).isEqualTo("chained");
        assertThat(web.build().context()).isEqualTo(dir.resolve("common/src"));
        assertThat(web.environment()).containsExactly(Map.entry("FROM_BASE", "yes"), Map.entry("OWN", "1"));
        assertThat(web.volumes()).extracting(v -> v.source())
                .containsExactly(dir.resolve("common/data").toString(), "named");
    }

    @Test
    void anExtendsCycleIsAnErrorNamingTheChain() {
        write(dir, "other.yaml", "services:\n  b:\n    extends: {file: compose.yaml, service: a}\n");
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  a:
                    image: x
                    extends: {file: other.yaml, service: b}
                """);

        assertThat(result.errors()).extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).contains("extends cycle: a -> b -> a"));
    }

    @Test
    void includeAddsTheOtherProjectWithItsOwnDirectoryAndEnvFile() {
        write(dir, "db/compose.yaml", """
                services:
                  db:
                    image: postgres:${PG_VERSION}
                    volumes: ["./init:/docker-entrypoint-initdb.d"]
                volumes:
                  pgdata:
                """);
        write(dir, "db/db.env", "PG_VERSION=16\n");
        LoadResult result = Projects.loadYaml(dir, """
                include:
                  - path: db/compose.yaml
                    env_file: db/db.env
                services:
                  web:
                    image: nginx
                    depends_on: [db]
                """);

        assertThat(result.errors()).isEmpty();
        assertThat(result.project().services()).containsOnlyKeys("web", "db");
        assertThat(result.project().service("db").image()).isEqualTo("postgres:16");
        assertThat(result.project().service("db").volumes().getFirst().source())
                .isEqualTo(dir.resolve("db/init").toString());
        assertThat(result.project().volumes()).containsKey("pgdata");
    }

    @Test
    void includeShortFormAndAConflictNamingBothFiles() {
        write(dir, "other.yaml", "services:\n  web:\n    image: nginx:2\n");
        LoadResult result = Projects.loadYaml(dir, "include: [other.yaml]\nservices:\n  web:\n    image: nginx:1\n");

        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.position().line()).isEqualTo(3);
            assertThat(d.message()).contains("compose.yaml").contains(dir.resolve("other.yaml").toString());
        });
    }
}
