package dev.berth.compose;

import static dev.berth.compose.Projects.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.ServiceSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Base/override pairs for the spec's merge rules, !reset and !override. */
class MergeTagsTest {

    @TempDir
    Path dir;

    private ServiceSpec merged(String base, String override) {
        write(dir, "compose.yaml", base);
        write(dir, "compose.override.yaml", override);
        LoadResult result = Projects.load(dir);
        assertThat(result.errors()).isEmpty();
        return result.project().service("app");
    }

    @Test
    void resetDropsTheInheritedValue() {
        ServiceSpec app = merged("""
                services:
                  app:
                    image: a
                    ports: ["127.0.0.1:80:80"]
                    environment: {A: "1"}
                    dns: [1.1.1.1]
                """, """
                services:
                  app:
                    ports: !reset []
                    environment: !reset {}
                    dns: !reset null
                """);
        assertThat(app.ports()).isEmpty();
        assertThat(app.environment()).isEmpty();
        assertThat(app.settings().dns()).isEmpty();
    }

    @Test
    void tagsOnAnExtendingServiceActOnWhatItInherits() {
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  base:
                    image: a
                    ports: ["127.0.0.1:80:80"]
                    environment: {A: "1", B: "2"}
                    profiles: [templates]
                  app:
                    extends: base
                    profiles: []
                    ports: !reset []
                    environment: !override {C: "3"}
                """);
        assertThat(result.errors()).isEmpty();
        ServiceSpec app = result.project().service("app");
        assertThat(app.ports()).isEmpty();
        assertThat(app.environment()).containsExactly(Map.entry("C", "3"));
    }

    @Test
    void loggingMergesUnlessTheDriverChanges() {
        ServiceSpec same = merged("""
                services:
                  app: {image: a, logging: {driver: json-file, options: {max-size: 1m}}}
                """, """
                services:
                  app: {logging: {options: {max-file: "3"}}}
                """);
        assertThat(same.settings().logging().options()).containsOnlyKeys("max-size", "max-file");
        ServiceSpec other = merged("""
                services:
                  app: {image: a, logging: {driver: json-file, options: {max-size: 1m}}}
                """, """
                services:
                  app: {logging: {driver: syslog, options: {tag: app}}}
                """);
        assertThat(other.settings().logging()).isEqualTo(
                new dev.berth.compose.model.ContainerSettings.Logging("syslog", Map.of("tag", "app")));
    }

    @Test
    void overrideReplacesInsteadOfMerging() {
        ServiceSpec app = merged("""
                services:
                  app:
                    image: a
                    ports: ["127.0.0.1:80:80"]
                    environment: {A: "1", B: "2"}
                """, """
                services:
                  app:
                    ports: !override ["127.0.0.1:81:81"]
                    environment: !override {C: "3"}
                """);
        assertThat(app.ports()).extracting(p -> p.published()).containsExactly(81);
        assertThat(app.environment()).containsExactly(Map.entry("C", "3"));
    }

    @Test
    void sequencesMergeByTheirUniqueKey() {
        ServiceSpec app = merged("""
                services:
                  app:
                    image: a
                    dns: [1.1.1.1, 8.8.8.8]
                    expose: ["80"]
                    secrets: [a, {source: b, target: /run/b}]
                    cap_add: [NET_ADMIN]
                    extra_hosts: ["db:10.0.0.1"]
                    healthcheck: {test: ["CMD", "true"], interval: 10s}
                secrets:
                  a: {environment: A}
                  b: {environment: B}
                  c: {environment: C}
                """, """
                services:
                  app:
                    dns: [8.8.8.8, 9.9.9.9]
                    expose: ["80", "443"]
                    secrets: [{source: c, target: /run/b}]
                    cap_add: [NET_ADMIN, SYS_TIME]
                    extra_hosts: {db: 10.0.0.2, cache: 10.0.0.3}
                    healthcheck: {test: ["CMD", "false"]}
                """);
        assertThat(app.settings().dns()).containsExactly("1.1.1.1", "8.8.8.8", "9.9.9.9");
        assertThat(app.settings().expose()).containsExactly("80", "443");
        assertThat(app.secrets()).extracting(s -> s.source() + ">" + s.target())
                .containsExactly("a>/run/secrets/a", "c>/run/b");
        assertThat(app.settings().capAdd()).containsExactly("NET_ADMIN", "SYS_TIME");
        assertThat(app.settings().extraHosts()).containsExactly(Map.entry("db", "10.0.0.2"),
                Map.entry("cache", "10.0.0.3"));
        assertThat(app.healthcheck().test()).containsExactly("CMD", "false");
        assertThat(app.healthcheck().interval()).hasSeconds(10);
    }
}
