package dev.berth.compose;

import static dev.berth.compose.Projects.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMountSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeTest {

    @Test
    void laterFilesWinAndCollectionsMergeBySpec(@TempDir Path dir) {
        write(dir, "compose.yaml", """
                services:
                  web:
                    image: web:1
                    command: ["serve", "--port", "80"]
                    environment: [A=1, B=2]
                    labels: {tier: front}
                    ports: ["8000:80", "9000:90"]
                    volumes: ["./a:/data", "cache:/cache"]
                    depends_on: [db]
                  db:
                    image: postgres
                volumes:
                  cache:
                """);
        write(dir, "compose.override.yaml", """
                services:
                  web:
                    image: web:2
                    command: serve
                    environment: {B: "20", C: "3"}
                    labels: [owner=me]
                    ports: ["8000:80", "7000:70"]
                    volumes: ["./b:/data"]
                    depends_on:
                      db: {condition: service_healthy}
                """);

        LoadResult result = Projects.load(dir);

        assertThat(result.errors()).isEmpty();
        ServiceSpec web = result.project().service("web");
        assertThat(web.image()).isEqualTo("web:2");
        assertThat(web.command()).containsExactly("serve");
        assertThat(web.environment()).containsExactly(
                java.util.Map.entry("A", "1"), java.util.Map.entry("B", "20"), java.util.Map.entry("C", "3"));
        assertThat(web.labels()).containsOnlyKeys("tier", "owner");
        assertThat(web.ports()).extracting(PortSpec::published).containsExactly(8000, 9000, 7000);
        assertThat(web.volumes()).extracting(VolumeMountSpec::target, VolumeMountSpec::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/data", dir.resolve("b").toString()),
                        org.assertj.core.groups.Tuple.tuple("/cache", "cache"));
        assertThat(web.dependsOn()).singleElement().satisfies(d -> assertThat(d.condition()).isEqualTo("service_healthy"));
    }

    /** A service name may hold dots; the merge rules must still see `web.api` as one service. */
    @Test
    void aServiceNameWithDotsMergesByTheSameRules(@TempDir Path dir) {
        write(dir, "compose.yaml", """
                services:
                  web.api:
                    image: web:1
                    command: ["serve", "--port", "80"]
                    environment: [A=1, B=2]
                    ports: ["8000:80"]
                    build: ./api
                """);
        write(dir, "compose.override.yaml", """
                services:
                  web.api:
                    command: serve
                    environment: {B: "20"}
                    ports: ["8000:80", "7000:70"]
                    build:
                      target: dev
                """);

        LoadResult result = Projects.load(dir);

        assertThat(result.errors()).isEmpty();
        ServiceSpec api = result.project().service("web.api");
        assertThat(api.command()).containsExactly("serve");
        assertThat(api.environment()).containsExactly(java.util.Map.entry("A", "1"), java.util.Map.entry("B", "20"));
        assertThat(api.ports()).extracting(PortSpec::published).containsExactly(8000, 7000);
        assertThat(api.build().context()).isEqualTo(dir.resolve("api"));
        assertThat(api.build().target()).isEqualTo("dev");
    }
}
