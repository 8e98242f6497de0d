package dev.berth.compose.rules;

import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.graph.DependencyGraph;
import dev.berth.compose.rules.ComposeKeys.Scope;
import dev.berth.compose.source.Position;
import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import dev.berth.compose.stage.PortSyntax;
import dev.berth.compose.stage.VolumeSyntax;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stage 4, validate: checks the merged tree against {@link ComposeKeys} (unknown keys, wrong types) and the
 * project's own references (services, volumes, networks, dependency cycles, port syntax). Every problem
 * is reported where it was written, with a hint on how to fix it. Keys starting with {@code x-} are
 * extensions and always allowed.
 * Not yet: keys inside {@code deploy}, {@code develop}, {@code logging} and the other nested sections not
 * listed in {@link Scope}; value checks such as restart policies or {@code depends_on} conditions.
 */
public final class ComposeValidator {

    private final Diagnostics diagnostics;

    public ComposeValidator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public void validate(YamlMap root) {
        checkKeys(root, Scope.TOP_LEVEL, "", "");
        root.entry("version").ifPresent(v -> diagnostics.warning(v.key().position(), "version",
                "the attribute `version` is obsolete, it will be ignored; remove it to avoid confusion"));
        Set<String> volumeKeys = keysOf(root.get("volumes"));
        Set<String> networkKeys = keysOf(root.get("networks"));
        if (root.get("volumes") instanceof YamlMap volumes) {
            definitions(volumes, Scope.VOLUME, "volumes");
        }
        if (root.get("networks") instanceof YamlMap networks) {
            definitions(networks, Scope.NETWORK, "networks");
        }
        // A file without services is fine for compose (networks-only projects, include-only files).
        if (!(root.get("services") instanceof YamlMap services)) {
            return;
        }
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        Map<String, Position> dependsOnPositions = new LinkedHashMap<>();
        for (YamlEntry e : services.entries()) {
            String path = "services." + e.name();
            if (!(e.value() instanceof YamlMap service)) {
                diagnostics.error(e.value().position(), path, "service `" + e.name() + "` must be a mapping of its "
                        + "settings (image:, ports: ...), not " + e.value().describe());
                continue;
            }
            service(e, service, path, services, volumeKeys, networkKeys);
            service.entry("depends_on").ifPresent(d -> dependsOnPositions.put(e.name(), d.key().position()));
            dependencies.put(e.name(), dependencyNames(service.get("depends_on")).keySet().stream().toList());
        }
        DependencyGraph.findCycle(dependencies).ifPresent(cycle -> diagnostics.error(
                dependsOnPositions.getOrDefault(cycle.getFirst(), services.position()),
                "services." + cycle.getFirst() + ".depends_on",
                "dependency cycle: " + String.join(" -> ", cycle) + "; remove one of these depends_on entries"));
    }

    private void service(YamlEntry entry, YamlMap service, String path, YamlMap services,
                         Set<String> volumeKeys, Set<String> networkKeys) {
        String name = entry.name();
        checkKeys(service, Scope.SERVICE, name, path);
        // extends (not yet resolved by Berth) and provider services get their image elsewhere
        if (!service.has("image") && !service.has("build") && !service.has("extends") && !service.has("provider")) {
            diagnostics.error(entry.key().position(), path, "service `" + name
                    + "` has neither `image` nor `build`; add `image: <name>` or `build: <directory>`");
        }
        if (service.get("build") instanceof YamlMap build) {
            checkKeys(build, Scope.BUILD, name, path + ".build");
        }
        if (service.get("healthcheck") instanceof YamlMap hc) {
            checkKeys(hc, Scope.HEALTHCHECK, name, path + ".healthcheck");
        }
        dependencyNames(service.get("depends_on")).forEach((dep, at) -> {
            if (service.get("depends_on") instanceof YamlMap deps && deps.get(dep) instanceof YamlMap detail) {
                checkKeys(detail, Scope.DEPENDS_ON, name, path + ".depends_on." + dep);
            }
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
                } else {
                    diagnostics.error(item.position(), path + ".networks",
                            "a `networks` list holds network names; use the mapping form for aliases and addresses");
                }
            }
        } else if (node instanceof YamlMap map) {
            for (YamlEntry e : map.entries()) {
                used.put(e.name(), e.key().position());
                if (e.value() instanceof YamlMap detail) {
                    checkKeys(detail, Scope.SERVICE_NETWORK, service, path + ".networks." + e.name());
                }
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
            switch (item) {
                case YamlScalar s when s.text() != null -> {
                    PortSyntax.Parsed parsed = PortSyntax.parse(s.text(), s.position());
                    if (!parsed.ok()) {
                        diagnostics.error(s.position(), itemPath, parsed.error());
                    }
                }
                case YamlMap m -> {
                    checkKeys(m, Scope.PORT, service, itemPath);
                    if (!m.has("target")) {
                        diagnostics.error(m.position(), itemPath, "a port mapping needs `target:` (the container port)");
                    }
                }
                default -> diagnostics.error(item.position(), itemPath, "a port is a string like \"8000:80\", "
                        + "a number or a mapping with `target:`, not " + item.describe());
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
                checkKeys(m, Scope.SERVICE_VOLUME, service, itemPath);
                String type = m.get("type") instanceof YamlScalar t ? t.text() : null;
                if (type == null) {
                    diagnostics.error(m.position(), itemPath, "a volume mapping needs `type:` (bind, volume or tmpfs)");
                }
                if (!m.has("target")) {
                    diagnostics.error(m.position(), itemPath, "a volume mapping needs `target:` (the container path)");
                }
                if ("volume".equals(type) && m.get("source") instanceof YamlScalar src && src.text() != null) {
                    named = src.text();
                    at = src.position();
                }
            } else {
                diagnostics.error(item.position(), itemPath, "a volume is a string like \"data:/var/lib/data\" "
                        + "or a mapping with `type:` and `target:`, not " + item.describe());
            }
            if (named != null && !volumeKeys.contains(named)) {
                diagnostics.error(at, itemPath, "service `" + service + "` mounts undefined volume `" + named
                        + "`; declare it under the top-level `volumes:` key, or start the path with ./ for a bind mount");
            }
        }
    }

    private void definitions(YamlMap defs, Scope scope, String path) {
        for (YamlEntry e : defs.entries()) {
            if (e.value() instanceof YamlMap def) {
                checkKeys(def, scope, e.name(), path + "." + e.name());
            } else if (!(e.value() instanceof YamlScalar s && s.isNull())) {
                diagnostics.error(e.value().position(), path + "." + e.name(), "`" + e.name()
                        + "` must be a mapping (or empty), not " + e.value().describe());
            }
        }
    }

    /** Unknown keys (with a "did you mean") and values of the wrong form. */
    private void checkKeys(YamlMap map, Scope scope, String owner, String path) {
        for (YamlEntry e : map.entries()) {
            String key = e.name();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            if (key.startsWith("x-")) {
                continue;
            }
            Optional<KeyDoc> known = ComposeKeys.lookup(scope, key);
            if (known.isEmpty()) {
                String where = scope == Scope.TOP_LEVEL ? "top-level key `" + key + "`"
                        : "key `" + key + "` " + scope.where(owner);
                diagnostics.error(e.key().position(), keyPath, "unknown " + where + ComposeKeys.suggest(scope, key)
                        .map(s -> " — did you mean `" + s + "`?")
                        .orElse("; remove it, or prefix it with `x-` to mark it as an extension"));
                continue;
            }
            Shape shape = known.get().shape();
            if (!shape.accepts(e.value())) {
                diagnostics.error(e.value().position(), keyPath, "`" + key + "` " + scope.where(owner) + " must be " + shape.wording()
                        + ", not " + e.value().describe());
            }
        }
    }

    private static Set<String> keysOf(YamlNode node) {
        return node instanceof YamlMap m ? new LinkedHashSet<>(m.keys()) : Set.of();
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
