package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.compose.graph.DependencyGraph;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyGraphTest {

    @Test
    void groupsServicesIntoStartLevelsAndReversesThemForStop(@TempDir Path dir) {
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  web: {image: w, depends_on: [api, cache]}
                  api: {image: a, depends_on: {db: {condition: service_healthy}}}
                  worker: {image: k, depends_on: [db]}
                  cache: {image: c}
                  db: {image: d}
                """);
        DependencyGraph graph = DependencyGraph.of(result.project());

        assertThat(graph.startLevels()).containsExactly(
                List.of("cache", "db"), List.of("api", "worker"), List.of("web"));
        assertThat(graph.stopLevels()).containsExactly(
                List.of("web"), List.of("api", "worker"), List.of("cache", "db"));
        assertThat(graph.findCycle()).isEmpty();
    }

    @Test
    void findsCyclesAndRefusesToOrderThem() {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        edges.put("a", List.of("b"));
        edges.put("b", List.of("c"));
        edges.put("c", List.of("a"));
        edges.put("d", List.of());
        assertThat(DependencyGraph.findCycle(edges)).contains(List.of("a", "b", "c", "a"));
        assertThatThrownBy(() -> DependencyGraph.of(edges).startLevels())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a -> b -> c -> a");
    }

    @Test
    void aSharedNetworkNamespaceIsADependency(@TempDir Path dir) {
        LoadResult result = Projects.loadYaml(dir, """
                services:
                  vpn: {image: v}
                  app: {image: a, network_mode: "service:vpn"}
                  probe: {image: p, network_mode: "service:app", depends_on: [vpn]}
                  alone: {image: x, network_mode: host}
                """);
        DependencyGraph graph = DependencyGraph.of(result.project());

        assertThat(graph.startLevels()).containsExactly(List.of("alone", "vpn"), List.of("app"), List.of("probe"));
        assertThat(DependencyGraph.dependencies(result.project().service("probe"))).containsExactly("vpn", "app");
    }
}
