package dev.berth.compose.graph;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.DependencySpec;
import dev.berth.compose.model.ServiceSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dependency graph of a project: which services can start together, dependencies first. A service
 * depends on those in its {@code depends_on} and on the one whose network it shares
 * ({@code network_mode: service:x}), as in v2. Dependencies on services that are not in the project (dropped by
 * profiles, {@code required: false}) are ignored here; the loader has already reported the ones that matter.
 * {@code volumes_from: x} (a service, not {@code container:x}) is an edge too, as in v2.
 */
public final class DependencyGraph {

    private final Map<String, Set<String>> dependencies;

    private DependencyGraph(Map<String, Set<String>> dependencies) {
        this.dependencies = dependencies;
    }

    public static DependencyGraph of(ComposeProject project) {
        Map<String, Collection<String>> edges = new LinkedHashMap<>();
        for (ServiceSpec s : project.services().values()) {
            edges.put(s.name(), dependencies(s));
        }
        return of(edges);
    }

    /** The names {@code s} depends on, in file order: {@code depends_on}, a {@code network_mode} service, {@code volumes_from}. */
    public static List<String> dependencies(ServiceSpec s) {
        List<String> on = new ArrayList<>(s.dependsOn().stream().map(DependencySpec::service).toList());
        String mode = s.networkMode();
        if (mode != null && mode.startsWith("service:") && !on.contains(mode.substring("service:".length()))) {
            on.add(mode.substring("service:".length()));
        }
        for (String from : s.settings().volumesFrom()) {
            if (!from.startsWith("container:")) {
                String service = from.contains(":") ? from.substring(0, from.indexOf(':')) : from;
                if (!on.contains(service)) {
                    on.add(service);
                }
            }
        }
        return List.copyOf(on);
    }

    /** From service name to the names it depends on. */
    public static DependencyGraph of(Map<String, ? extends Collection<String>> edges) {
        Map<String, Set<String>> deps = new LinkedHashMap<>();
        edges.forEach((service, on) -> {
            Set<String> known = new LinkedHashSet<>();
            for (String d : on) {
                if (edges.containsKey(d)) {
                    known.add(d);
                }
            }
            deps.put(service, known);
        });
        return new DependencyGraph(deps);
    }

    /**
     * Services grouped into levels: every service's dependencies are in earlier levels, so each level can
     * start in parallel once the previous ones are up. Names within a level are sorted.
     *
     * @throws IllegalStateException when the graph has a cycle; the loader reports cycles as errors, so a
     *                               project loaded without errors never has one
     */
    public List<List<String>> startLevels() {
        List<List<String>> levels = new ArrayList<>();
        Set<String> started = new LinkedHashSet<>();
        while (started.size() < dependencies.size()) {
            TreeSet<String> level = new TreeSet<>();
            dependencies.forEach((service, on) -> {
                if (!started.contains(service) && started.containsAll(on)) {
                    level.add(service);
                }
            });
            if (level.isEmpty()) {
                throw new IllegalStateException("dependency cycle: " + String.join(" -> ", findCycle().orElseThrow()));
            }
            started.addAll(level);
            levels.add(List.copyOf(level));
        }
        return List.copyOf(levels);
    }

    /** The start levels reversed: dependents stop before what they depend on. */
    public List<List<String>> stopLevels() {
        return startLevels().reversed();
    }

    public Optional<List<String>> findCycle() {
        return findCycle(dependencies);
    }

    /**
     * A cycle such as {@code [a, b, a]}, searched from services in map order, or empty when there is none.
     * Edges to names that are not keys are ignored.
     */
    public static Optional<List<String>> findCycle(Map<String, ? extends Collection<String>> edges) {
        Map<String, Integer> state = new LinkedHashMap<>(); // 1 = on the current path, 2 = done
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> cycle = visit(start, edges, state, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String node, Map<String, ? extends Collection<String>> edges,
                                                Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return Optional.empty();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return Optional.of(List.copyOf(cycle));
        }
        state.put(node, 1);
        path.add(node);
        Collection<String> successors = edges.get(node);
        for (String next : successors == null ? List.<String>of() : successors) {
            if (edges.containsKey(next)) {
                Optional<List<String>> cycle = visit(next, edges, state, path);
                if (cycle.isPresent()) {
                    return cycle;
                }
            }
        }
        path.removeLast();
        state.put(node, 2);
        return Optional.empty();
    }
}
