package dev.berth.compose.rules;

import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.graph.DependencyGraph;
import dev.berth.compose.rules.structure.StructureCheck;
import dev.berth.compose.rules.structure.ValueFormats;
import dev.berth.compose.source.Position;
import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import dev.berth.compose.stage.ServiceMemo;
import dev.berth.compose.stage.VolumeSyntax;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 4, validate: checks the merged tree's structure against {@link ComposeKeys} ({@link StructureCheck}:
 * what the Compose Specification's schema checks), the text of values ({@link ValueFormats}: durations, sizes,
 * ports, policies) and the project's own references (services, volumes, networks, dependency cycles). Every
 * problem is reported where it was written, with a hint on how to fix it. Keys starting with {@code x-} are
 * extensions and always allowed.
 */
public final class ComposeValidator {

    private final Diagnostics diagnostics;
    private final ServiceMemo memo;

    public ComposeValidator(Diagnostics diagnostics) {
        this(diagnostics, null);
    }

    /** With {@code memo} (the editor's live document), unchanged services are not checked again. */
    public ComposeValidator(Diagnostics diagnostics, ServiceMemo memo) {
        this.diagnostics = diagnostics;
        this.memo = memo;
    }

    public void validate(YamlMap root) {
        checkStructure(root);
        checkFormats(root);
        checkMeaning(root);
    }

    /** The first part of {@link #validate}: keys and kinds of values, as the schema has them. */
    public void checkStructure(YamlMap root) {
        new StructureCheck(diagnostics, memo).check(root);
    }

    /** The second part of {@link #validate}: the text of values (durations, sizes, ports, policies). */
    public void checkFormats(YamlMap root) {
        new ValueFormats(diagnostics, memo).check(root);
    }

    /** The last part of {@link #validate}: references between services, volumes and networks, cycles. */
    public void checkMeaning(YamlMap root) {
        root.entry("version").ifPresent(v -> diagnostics.warning(v.key().position(), "version",
                "the attribute `version` is obsolete, it will be ignored; remove it to avoid confusion"));
        Set<String> volumeKeys = keysOf(root.get("volumes"));
        Set<String> networkKeys = keysOf(root.get("networks"));
        // A file without services is fine for compose (networks-only projects, include-only files).
        if (!(root.get("services") instanceof YamlMap services)) {
            return;
        }
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        Map<String, Position> dependsOnPositions = new LinkedHashMap<>();
        Map<String, Map<String, Position>> dependencyPositions = new LinkedHashMap<>();
        for (YamlEntry e : services.entries()) {
            String path = "services." + e.name();
            if (!(e.value() instanceof YamlMap service)) {
                continue; // the structure check says what a service must look like
            }
            service(e, service, path, services, volumeKeys, networkKeys);
            service.entry("depends_on").ifPresent(d -> dependsOnPositions.put(e.name(), d.key().position()));
            // a network_mode or volumes_from service must start first too: v2 counts them as dependencies
            Map<String, Position> edges = new LinkedHashMap<>(dependencyNames(service.get("depends_on")));
            if (service.get("network_mode") instanceof YamlScalar mode && mode.text() != null
                    && mode.text().startsWith("service:")) {
                edges.putIfAbsent(mode.text().substring("service:".length()), mode.position());
            }
            volumesFromServices(service.get("volumes_from")).forEach(edges::putIfAbsent);
            dependencyPositions.put(e.name(), edges);
            dependencies.put(e.name(), List.copyOf(edges.keySet()));
        }
        // reported at the entry that closes the loop's first step (x's `- y`), where the fix usually goes
        DependencyGraph.findCycle(dependencies).ifPresent(cycle -> diagnostics.error(
                cycle.size() > 1 && dependencyPositions.getOrDefault(cycle.getFirst(), Map.of()).containsKey(cycle.get(1))
                        ? dependencyPositions.get(cycle.getFirst()).get(cycle.get(1))
                        : dependsOnPositions.getOrDefault(cycle.getFirst(), services.position()),
                "services." + cycle.getFirst() + ".depends_on",
                "dependency cycle: " + String.join(" -> ", cycle) + "; remove one of these depends_on entries"));
    }

    private void service(YamlEntry entry, YamlMap service, String path, YamlMap services,
                         Set<String> volumeKeys, Set<String> networkKeys) {
        String name = entry.name();
        // extends (not yet resolved by Berth) and provider services get their image elsewhere
        if (!service.has("image") && !service.has("build") && !service.has("extends") && !service.has("provider")) {
            diagnostics.error(entry.key().position(), path, "service `" + name
                    + "` has neither `image` nor `build`; add `image: <name>` or `build: <directory>`");
        }
        dependencyNames(service.get("depends_on")).forEach((dep, at) -> {
            if (!services.has(dep)) {
                diagnostics.error(at, path + ".depends_on", "service `" + name + "` depends on undefined service `"
                        + dep + "`; define it under `services:` or remove it from depends_on");
            }
        });
        if (service.get("network_mode") instanceof YamlScalar mode && mode.text() != null
                && mode.text().startsWith("service:") && !services.has(mode.text().substring("service:".length()))) {
            diagnostics.error(mode.position(), path + ".network_mode", "service `" + name + "` uses network_mode of "
                    + "undefined service `" + mode.text().substring("service:".length()) + "`; define that service");
        }
        networks(service.get("networks"), name, path, networkKeys);
        ports(service.get("ports"), name, path);
        volumes(service.get("volumes"), name, path, volumeKeys);
    }

    private void networks(YamlNode node, String service, String path, Set<String> networkKeys) {
        Map<String, Position> used = new LinkedHashMap<>();
        if (node instanceof YamlSeq seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlScalar s && s.text() != null) {
                    used.put(s.text(), s.position());
                }
            }
        } else if (node instanceof YamlMap map) {
            for (YamlEntry e : map.entries()) {
                used.put(e.name(), e.key().position());
            }
        }
        used.forEach((network, at) -> {
            if (!network.equals("default") && !networkKeys.contains(network)) {
                diagnostics.error(at, path + ".networks", "service `" + service + "` uses undefined network `"
                        + network + "`; declare it under the top-level `networks:` key");
            }
        });
    }

    private void ports(YamlNode node, String service, String path) {
        if (!(node instanceof YamlSeq seq)) {
            return;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            String itemPath = path + ".ports[" + i + "]";
            // the short syntax and the kinds of values are checked by ValueFormats and StructureCheck
            if (item instanceof YamlMap m && !m.has("target")) {
                diagnostics.error(m.position(), itemPath, "a port mapping needs `target:` (the container port)");
            }
        }
    }

    private void volumes(YamlNode node, String service, String path, Set<String> volumeKeys) {
        if (!(node instanceof YamlSeq seq)) {
            return;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            String itemPath = path + ".volumes[" + i + "]";
            String named = null;
            Position at = item.position();
            if (item instanceof YamlScalar s && s.text() != null) {
                VolumeSyntax v = VolumeSyntax.parse(s.text());
                if (v.source() != null && v.source().isEmpty()) {
                    diagnostics.error(s.position(), itemPath, "volume \"" + s.text() + "\" has an empty source "
                            + "before `:` (an unset variable?); give a host path or a volume name");
                } else if (v.target().isEmpty()) {
                    diagnostics.error(s.position(), itemPath, "volume \"" + s.text()
                            + "\" has no container path; write source:/path/in/container");
                } else if (v.source() != null && !v.isBind()) {
                    named = v.source();
                }
            } else if (item instanceof YamlMap m) {
                String type = m.get("type") instanceof YamlScalar t ? t.text() : null;
                if (!m.has("target")) {
                    diagnostics.error(m.position(), itemPath, "a volume mapping needs `target:` (the container path)");
                }
                if ("volume".equals(type) && m.get("source") instanceof YamlScalar src && src.text() != null) {
                    named = src.text();
                    at = src.position();
                }
            }
            if (named != null && !volumeKeys.contains(named)) {
                diagnostics.error(at, itemPath, "service `" + service + "` mounts undefined volume `" + named
                        + "`; declare it under the top-level `volumes:` key, or start the path with ./ for a bind mount");
            }
        }
    }

    private static Set<String> keysOf(YamlNode node) {
        return node instanceof YamlMap m ? new LinkedHashSet<>(m.keys()) : Set.of();
    }

    /** The services named in {@code volumes_from} ({@code service[:ro|rw]}; not {@code container:x}), by position. */
    static Map<String, Position> volumesFromServices(YamlNode node) {
        Map<String, Position> names = new LinkedHashMap<>();
        if (node instanceof YamlSeq seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlScalar s && s.text() != null && !s.text().startsWith("container:")) {
                    String text = s.text();
                    names.putIfAbsent(text.contains(":") ? text.substring(0, text.indexOf(':')) : text, s.position());
                }
            }
        }
        return names;
    }

    /** depends_on names in order, with where each was written. */
    static Map<String, Position> dependencyNames(YamlNode node) {
        Map<String, Position> names = new LinkedHashMap<>();
        if (node instanceof YamlSeq seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlScalar s && s.text() != null) {
                    names.put(s.text(), s.position());
                }
            }
        } else if (node instanceof YamlMap map) {
            for (YamlEntry e : map.entries()) {
                names.put(e.name(), e.key().position());
            }
        }
        return names;
    }
}
