package dev.berth.compose.rules;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.FileObjectSpec;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.ServiceFileRef;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMountSpec;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 6, meaning: checks a loaded project for what is well-formed but cannot work, each at the position of
 * the value that causes it and with a way to fix it. The structural validator already covers references in
 * {@code depends_on}, {@code networks}, named volumes and {@code network_mode: service:}; {@code extends}
 * targets are checked while extending. Here: secrets, configs, links, volumes_from, files
 * that must exist, container names with replicas, and the warnings about host ports published twice, bind
 * sources that do not exist and ports open on every interface.
 */
public final class ProjectChecks {


    private final Diagnostics diagnostics;

    public ProjectChecks(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** @param tree the merged tree the project was normalised from (for positions of values records drop) */
    public void check(ComposeProject project, YamlMap tree) {
        YamlMap services = tree.get("services") instanceof YamlMap m ? m : new YamlMap(List.of(), tree.position());
        Set<String> defined = Set.copyOf(services.keys());
        for (ServiceSpec service : project.services().values()) {
            YamlMap node = services.get(service.name()) instanceof YamlMap m ? m : null;
            if (node == null) {
                continue;
            }
            String path = "services." + service.name();
            fileRefs(service, service.secrets(), project.secrets(), "secret", path + ".secrets");
            fileRefs(service, service.configs(), project.configs(), "config", path + ".configs");
            links(service.name(), node, defined, path);
            containerName(service, node, path);
            bindSources(service, path);
            openPorts(service, path);
        }
        fileObjects(project.secrets(), "secrets");
        fileObjects(project.configs(), "configs");
        portConflicts(project);
    }

    private void fileRefs(ServiceSpec service, List<ServiceFileRef> refs, Map<String, FileObjectSpec> defined,
                          String kind, String path) {
        for (ServiceFileRef ref : refs) {
            if (!defined.containsKey(ref.source())) {
                diagnostics.error(ref.position(), path, "service \"" + service.name() + "\" uses undefined " + kind
                        + " \"" + ref.source() + "\"; declare it under the top-level `" + kind + "s:` key");
            }
        }
    }

    private void links(String service, YamlMap node, Set<String> defined, String path) {
        if (node.get("links") instanceof YamlSeq links) {
            for (YamlNode item : links.items()) {
                if (item instanceof YamlScalar s && s.text() != null) {
                    String target = s.text().split(":")[0];
                    if (!defined.contains(target)) {
                        diagnostics.error(s.position(), path + ".links", "service \"" + service
                                + "\" links to undefined service \"" + target + "\"; define it or remove the link");
                    }
                }
            }
        }
        if (node.get("volumes_from") instanceof YamlSeq from) {
            for (YamlNode item : from.items()) {
                if (item instanceof YamlScalar s && s.text() != null && !s.text().startsWith("container:")) {
                    String target = s.text().split(":")[0];
                    if (!defined.contains(target)) {
                        diagnostics.error(s.position(), path + ".volumes_from", "service \"" + service
                                + "\" takes volumes from undefined service \"" + target + "\"; define it, or write "
                                + "container:<name> for a container outside the project");
                    }
                }
            }
        }
    }

    private void containerName(ServiceSpec service, YamlMap node, String path) {
        if (service.containerName() != null && service.scale() > 1
                && node.get("container_name") instanceof YamlScalar name) {
            diagnostics.error(name.position(), path + ".container_name", "service \"" + service.name()
                    + "\" sets container_name \"" + service.containerName() + "\" but asks for " + service.scale()
                    + " replicas, and container names are unique; remove container_name or run one replica");
        }
    }

    private void bindSources(ServiceSpec service, String path) {
        for (int i = 0; i < service.volumes().size(); i++) {
            VolumeMountSpec v = service.volumes().get(i);
            if ("bind".equals(v.type()) && v.source() != null && !Files.exists(Path.of(v.source()))) {
                diagnostics.warning(v.position(), path + ".volumes[" + i + "]", "bind mount source " + v.source()
                        + " does not exist; docker compose creates it as an empty directory owned by root — "
                        + "create it first or fix the path");
            }
        }
    }

    private void openPorts(ServiceSpec service, String path) {
        for (PortSpec p : service.ports()) {
            if (p.published() != null && (p.hostIp().isEmpty() || p.hostIp().equals("0.0.0.0")
                    || p.hostIp().equals("::"))) {
                diagnostics.warning(p.position(), path + ".ports", "port " + p.publishedText()
                        + " is published on all interfaces, so other machines on the network can reach it; write \"127.0.0.1:"
                        + p.publishedText() + ":" + p.target() + "\" to keep it on this machine");
            }
        }
    }

    private void fileObjects(Map<String, FileObjectSpec> objects, String section) {
        for (FileObjectSpec o : objects.values()) {
            if (o.file() != null && !o.external() && !Files.exists(Path.of(o.file()))) {
                diagnostics.error(o.position(), section + "." + o.key() + ".file", section.substring(0,
                        section.length() - 1) + " \"" + o.key() + "\" reads " + o.file()
                        + ", which does not exist; create the file or fix the path");
            }
        }
    }

    private void portConflicts(ComposeProject project) {
        // A warning, not an error: the file is valid and either service can run (`up web`); only both at once fail.
        for (PortCollision c : portCollisions(project, project.services().keySet())) {
            diagnostics.warning(c.port().position(), "services." + c.service() + ".ports", c.message());
        }
    }

    /**
     * Two services that publish the same single host port (same number and protocol, overlapping addresses):
     * whichever starts second cannot bind it.
     *
     * @param service the service whose port collides with {@code first}'s, found second in the file
     * @param port    that service's port
     * @param where   the host address and port, as {@code 127.0.0.1:8080/tcp}
     */
    public record PortCollision(String first, PortSpec firstPort, String service, PortSpec port, String where) {
        private static final String SAYS = "\" both publish host port ";

        public String message() {
            return "services \"" + first + "\" and \"" + service + SAYS + where + " (first at "
                    + firstPort.position() + "); only one of them can bind it at a time, so pick another host port"
                    + " for one of them";
        }
    }

    /** Whether {@code d} is the warning about a {@link PortCollision} (the editor offers to move the port). */
    public static boolean isPortCollision(Diagnostic d) {
        return d.path().endsWith(".ports") && d.message().contains(PortCollision.SAYS);
    }

    /** The collisions among the given services' published ports, each service pair and port once, in file order. */
    public static List<PortCollision> portCollisions(ComposeProject project, Set<String> among) {
        // Only single ports of the same number and protocol can collide: look among those, not every port.
        List<PortCollision> collisions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, List<Published>> byPort = new HashMap<>();
        for (ServiceSpec service : project.services().values()) {
            if (!among.contains(service.name())) {
                continue;
            }
            for (PortSpec p : service.ports()) {
                if (p.published() == null || p.publishedEnd() != null) {
                    continue;
                }
                Published mine = new Published(service.name(), p);
                List<Published> same = byPort.computeIfAbsent(p.published() + "/" + p.protocol(), k -> new ArrayList<>());
                for (Published other : same) {
                    if (!other.service().equals(service.name()) && other.overlaps(mine)) {
                        collisions.add(new PortCollision(other.service(), other.port(), service.name(), p,
                                mine.describe()));
                        break;
                    }
                }
                if (seen.add(mine.key())) {
                    same.add(mine);
                }
            }
        }
        return collisions;
    }

    /** One published host port; an empty or wildcard host IP overlaps every address of the same family. */
    private record Published(String service, PortSpec port) {
        String key() {
            return service + "|" + port.hostIp() + "|" + port.published() + "|" + port.protocol();
        }

        boolean overlaps(Published other) {
            // a host range lets the engine pick a free port from it, so only single ports can collide
            boolean samePort = port.publishedEnd() == null && other.port.publishedEnd() == null
                    && port.published().equals(other.port.published());
            return samePort && port.protocol().equals(other.port.protocol())
                    && (wildcard() || other.wildcard() || port.hostIp().equals(other.port.hostIp()));
        }

        boolean wildcard() {
            return port.hostIp().isEmpty() || port.hostIp().equals("0.0.0.0") || port.hostIp().equals("::");
        }

        String describe() {
            return (port.hostIp().isEmpty() ? "0.0.0.0" : port.hostIp()) + ":" + port.publishedText() + "/"
                    + port.protocol();
        }
    }
}
