package dev.berth.app.projects;

import dev.berth.app.engine.VmPortSync;
import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.engine.api.ContainerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Joins the services of the file with the containers the engine has: one row per container, or per idle service. */
final class ServiceRows {
    private ServiceRows() {
    }

    static List<ServiceRow> of(ComposeProject project, List<ContainerInfo> containers, Map<String, String> progress) {
        return of(project, containers, progress, List.of());
    }

    /** @param refused the ports of Berth's VM that cannot be forwarded to this machine, of any container */
    static List<ServiceRow> of(ComposeProject project, List<ContainerInfo> containers, Map<String, String> progress,
                               List<VmPortSync.Refused> refused) {
        List<ServiceRow> rows = new ArrayList<>();
        for (ServiceSpec service : project.services().values()) {
            List<ContainerInfo> own = containers.stream().filter(c -> c.service().equals(service.name())).toList();
            String step = progress.getOrDefault(service.name(), "");
            if (own.isEmpty()) {
                String image = service.image() != null ? service.image() : project.name() + "-" + service.name();
                rows.add(new ServiceRow(service.name(), "", "", "not created", "", image, List.of(), step));
            }
            for (ContainerInfo c : own) {
                rows.add(new ServiceRow(service.name(), c.name(), c.id(), c.state(), c.health(), c.image(), c.ports(), step,
                        unreachable(c, refused)));
            }
        }
        for (ContainerInfo c : containers) {
            if (!project.services().containsKey(c.service())) {
                // a service whose profile is not enabled is still defined: not an orphan (as in v2)
                String why = project.disabledServices().containsKey(c.service()) ? " (profile not enabled)" : " (orphan)";
                rows.add(new ServiceRow(c.service(), c.name(), c.id(), c.state() + why, c.health(), c.image(), c.ports(), "",
                        unreachable(c, refused)));
            }
        }
        return rows;
    }

    private static Map<String, String> unreachable(ContainerInfo c, List<VmPortSync.Refused> refused) {
        Map<String, String> found = new java.util.TreeMap<>();
        for (VmPortSync.Refused r : refused) {
            if (r.container().equals(c.name())) {
                found.put(ServiceRow.portKey(r.hostPort(), r.protocol()), r.reason());
            }
        }
        return found.isEmpty() ? Map.of() : Map.copyOf(found);
    }
}
