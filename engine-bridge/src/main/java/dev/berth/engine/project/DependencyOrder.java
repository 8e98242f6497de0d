package dev.berth.engine.project;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.DependencySpec;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.engine.api.EngineException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TEMPORARY: to be replaced by {@code dev.berth.compose.graph.DependencyGraph} from compose-model once
 * it lands (branch {@code model}).
 * <p>
 * Groups services into start levels: level 0 depends on nothing, level n only on lower levels.
 * Services within a level can start in parallel. {@code network_mode: service:x} counts as a
 * dependency on x, as in v2.
 */
final class DependencyOrder {
    private DependencyOrder() {
    }

    static List<List<String>> levels(ComposeProject project) throws EngineException {
        Map<String, Integer> level = new HashMap<>();
        for (String service : project.services().keySet()) {
            levelOf(project, service, level, new LinkedHashSet<>());
        }
        List<List<String>> levels = new ArrayList<>();
        for (String service : project.services().keySet()) {
            int l = level.get(service);
            while (levels.size() <= l) {
                levels.add(new ArrayList<>());
            }
            levels.get(l).add(service);
        }
        return levels;
    }

    /** The services {@code service} must wait for that exist in the project. */
    static List<String> dependencies(ComposeProject project, ServiceSpec service) {
        List<String> deps = new ArrayList<>();
        for (DependencySpec d : service.dependsOn()) {
            if (project.services().containsKey(d.service())) {
                deps.add(d.service());
            }
        }
        String mode = service.networkMode();
        if (mode != null && mode.startsWith("service:") && project.services().containsKey(mode.substring(8))) {
            deps.add(mode.substring(8));
        }
        return deps;
    }

    private static int levelOf(ComposeProject project, String service, Map<String, Integer> level,
                               Set<String> path) throws EngineException {
        Integer known = level.get(service);
        if (known != null) {
            return known;
        }
        if (!path.add(service)) {
            List<String> cycle = new ArrayList<>(path);
            cycle = cycle.subList(cycle.indexOf(service), cycle.size());
            throw new EngineException(service, "dependency cycle between services: " + String.join(" -> ", cycle)
                    + " -> " + service, "remove one of these depends_on entries", null);
        }
        int l = 0;
        for (String dep : dependencies(project, project.service(service))) {
            l = Math.max(l, levelOf(project, dep, level, path) + 1);
        }
        path.remove(service);
        level.put(service, l);
        return l;
    }
}
