package dev.berth.compose.stage;

import dev.berth.compose.source.Position;
import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import dev.berth.compose.source.YamlTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stage 3, merge: folds the files given with {@code -f} into one tree, later files winning, following the
 * Compose Specification's merge rules (13-merge.md) as compose-go's {@code override} package applies them.
 * Per-attribute behaviour lives in {@link #RULES}, an ordered list of path patterns (most specific first):
 * <ul>
 *   <li>scalars: the later value replaces the earlier one; mappings merge key by key, recursively;</li>
 *   <li>{@code environment}, {@code labels}, {@code build.args}, {@code depends_on}, {@code networks},
 *       {@code extra_hosts}, {@code sysctls}, {@code annotations} (list or map): read as maps, merged by key;</li>
 *   <li>{@code volumes} by target, {@code secrets}/{@code configs} by target (or source), {@code devices} by
 *       container path, {@code ports} by their whole value; {@code expose}, {@code dns}, {@code dns_search},
 *       {@code env_file}, {@code tmpfs}, {@code cap_add}, {@code cap_drop}, ... appended without duplicates;</li>
 *   <li>{@code command}, {@code entrypoint}, {@code healthcheck.test}, {@code profiles}: replaced whole;</li>
 *   <li>{@code logging}: merged, unless the driver changes (then replaced whole);</li>
 *   <li>{@code build} as a string is read as {@code {context: ...}} before merging;</li>
 *   <li>{@code !reset} drops the inherited value, {@code !override} replaces it instead of merging.</li>
 * </ul>
 */
public final class Merger {

    private enum Strategy { AS_MAP, HOSTS_AS_MAP, REPLACE, BY_TARGET, BY_SECRET_TARGET, BY_DEVICE, UNIQUE, LOGGING, DEEP }

    private record Rule(String pattern, Strategy strategy) {
        /** {@code path} as segments: a service named {@code web.api} is one segment, not two. */
        boolean matches(List<String> path) {
            String[] parts = pattern.split("\\.");
            if (parts.length != path.size()) {
                return false;
            }
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].equals("*") && !parts[i].equals(path.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Most specific first; the first match decides. Anything unmatched merges deeply (maps) or appends (lists). */
    private static final List<Rule> RULES = List.of(
            new Rule("services.*.healthcheck.test", Strategy.REPLACE),
            new Rule("services.*.build.args", Strategy.AS_MAP),
            new Rule("services.*.build.labels", Strategy.AS_MAP),
            new Rule("services.*.build.extra_hosts", Strategy.HOSTS_AS_MAP),
            new Rule("services.*.command", Strategy.REPLACE),
            new Rule("services.*.logging", Strategy.LOGGING),
            new Rule("services.*.entrypoint", Strategy.REPLACE),
            new Rule("services.*.profiles", Strategy.REPLACE),
            new Rule("services.*.environment", Strategy.AS_MAP),
            new Rule("services.*.labels", Strategy.AS_MAP),
            new Rule("services.*.annotations", Strategy.AS_MAP),
            new Rule("services.*.depends_on", Strategy.AS_MAP),
            new Rule("services.*.networks", Strategy.AS_MAP),
            new Rule("services.*.extra_hosts", Strategy.HOSTS_AS_MAP),
            new Rule("services.*.sysctls", Strategy.AS_MAP),
            new Rule("services.*.volumes", Strategy.BY_TARGET),
            new Rule("services.*.secrets", Strategy.BY_SECRET_TARGET),
            new Rule("services.*.configs", Strategy.BY_SECRET_TARGET),
            new Rule("services.*.devices", Strategy.BY_DEVICE),
            new Rule("services.*.ports", Strategy.UNIQUE),
            new Rule("services.*.expose", Strategy.UNIQUE),
            new Rule("services.*.dns", Strategy.UNIQUE),
            new Rule("services.*.dns_search", Strategy.UNIQUE),
            new Rule("services.*.dns_opt", Strategy.UNIQUE),
            new Rule("services.*.env_file", Strategy.UNIQUE),
            new Rule("services.*.tmpfs", Strategy.UNIQUE),
            new Rule("services.*.cap_add", Strategy.UNIQUE),
            new Rule("services.*.cap_drop", Strategy.UNIQUE),
            new Rule("services.*.security_opt", Strategy.UNIQUE),
            new Rule("services.*.group_add", Strategy.UNIQUE),
            new Rule("services.*.external_links", Strategy.UNIQUE),
            new Rule("services.*.links", Strategy.UNIQUE),
            new Rule("services.*.volumes_from", Strategy.UNIQUE),
            new Rule("services.*.label_file", Strategy.UNIQUE));

    public YamlMap merge(List<YamlMap> files) {
        YamlMap result = files.getFirst();
        for (YamlMap next : files.subList(1, files.size())) {
            result = (YamlMap) mergeNode(result, next, List.of());
        }
        return result;
    }

    /**
     * Merges {@code override} into {@code base}, honouring the {@code !reset}/{@code !override} tags that
     * {@code override} carries ({@code base} may be null for the first file).
     */
    public YamlMap merge(YamlMap base, YamlMap override, List<YamlTag> tags) {
        for (YamlTag tag : tags) {
            if (base != null) {
                base = (YamlMap) remove(base, tag.path());
            }
            if (tag.kind() == YamlTag.Kind.RESET) {
                override = (YamlMap) remove(override, tag.path());
            }
        }
        return base == null ? override : (YamlMap) mergeNode(base, override, List.of());
    }

    /** Merges one service definition over another (extends): {@code name} picks the service rules. */
    public YamlMap mergeService(String name, YamlMap base, YamlMap override) {
        return (YamlMap) mergeNode(base, override, List.of("services", name));
    }

    /** {@code node} without the value at {@code path} (mapping keys only); unchanged when absent. */
    static YamlNode remove(YamlNode node, List<String> path) {
        if (path.isEmpty() || !(node instanceof YamlMap map) || !map.has(path.getFirst())) {
            return node;
        }
        List<YamlEntry> entries = new ArrayList<>();
        for (YamlEntry e : map.entries()) {
            if (!e.name().equals(path.getFirst())) {
                entries.add(e);
            } else if (path.size() > 1) {
                entries.add(new YamlEntry(e.key(), remove(e.value(), path.subList(1, path.size()))));
            }
        }
        return new YamlMap(entries, map.position());
    }

    private static Strategy strategy(List<String> path) {
        for (Rule r : RULES) {
            if (r.matches(path)) {
                return r.strategy();
            }
        }
        return Strategy.DEEP;
    }

    /** {@code path}: the keys leading to these values, e.g. {@code [services, web.api, build]}. */
    private YamlNode mergeNode(YamlNode base, YamlNode override, List<String> path) {
        boolean inService = path.size() == 3 && path.getFirst().equals("services");
        if (inService && path.getLast().equals("build")) {
            base = buildAsMap(base);
            override = buildAsMap(override);
        }
        Strategy strategy = strategy(path);
        if (strategy == Strategy.AS_MAP || strategy == Strategy.HOSTS_AS_MAP) {
            boolean hosts = strategy == Strategy.HOSTS_AS_MAP;
            YamlMap b = hosts ? hostsAsMap(base) : asMap(base);
            YamlMap o = hosts ? hostsAsMap(override) : asMap(override);
            if (b != null && o != null) {
                return mergeMaps(b, o, path);
            }
        }
        if (strategy == Strategy.REPLACE) {
            return override;
        }
        if (strategy == Strategy.LOGGING && base instanceof YamlMap b && override instanceof YamlMap o
                && b.get("driver") instanceof YamlScalar bd && o.get("driver") instanceof YamlScalar od
                && !String.valueOf(bd.text()).equals(od.text())) {
            return override; // another driver: the old driver's options mean nothing to it
        }
        if (base instanceof YamlMap b && override instanceof YamlMap o) {
            return mergeMaps(b, o, path);
        }
        if (base instanceof YamlSeq b && override instanceof YamlSeq o) {
            return switch (strategy) {
                case BY_TARGET -> mergeByKey(b, o, Merger::volumeTarget);
                case BY_SECRET_TARGET -> mergeByKey(b, o, Merger::secretTarget);
                case BY_DEVICE -> mergeByKey(b, o, Merger::deviceTarget);
                case UNIQUE -> mergeByKey(b, o, Merger::canonical);
                default -> {
                    List<YamlNode> all = new ArrayList<>(b.items());
                    all.addAll(o.items());
                    yield new YamlSeq(all, b.position());
                }
            };
        }
        return override;
    }

    private static String secretTarget(YamlNode n) {
        if (n instanceof YamlScalar s) {
            return s.text();
        }
        if (n instanceof YamlMap m) {
            String target = m.get("target") instanceof YamlScalar t ? t.text() : null;
            String source = m.get("source") instanceof YamlScalar t ? t.text() : null;
            return target != null ? target : source;
        }
        return null;
    }

    private static String deviceTarget(YamlNode n) {
        if (n instanceof YamlScalar s && s.text() != null) {
            String[] parts = s.text().split(":");
            return parts.length == 1 ? parts[0] : parts[1];
        }
        if (n instanceof YamlMap m && m.get("target") instanceof YamlScalar t) {
            return t.text();
        }
        return null;
    }

    private YamlMap mergeMaps(YamlMap base, YamlMap override, List<String> path) {
        YamlMap result = base;
        for (YamlEntry e : override.entries()) {
            List<String> childPath = new ArrayList<>(path.size() + 1);
            childPath.addAll(path);
            childPath.add(e.name());
            YamlNode existing = result.get(e.name());
            YamlNode merged = existing == null || existing instanceof YamlScalar s && s.isNull()
                    ? e.value() : mergeNode(existing, e.value(), childPath);
            result = result.with(e.key(), merged);
        }
        return result;
    }

    /** Later entries replace earlier entries with the same identity in place; new ones are appended. */
    private static YamlSeq mergeByKey(YamlSeq base, YamlSeq override, Function<YamlNode, String> identity) {
        Map<String, YamlNode> byKey = new LinkedHashMap<>();
        List<YamlNode> unkeyed = new ArrayList<>();
        for (YamlNode n : base.items()) {
            put(byKey, unkeyed, identity.apply(n), n);
        }
        for (YamlNode n : override.items()) {
            put(byKey, unkeyed, identity.apply(n), n);
        }
        List<YamlNode> all = new ArrayList<>(byKey.values());
        all.addAll(unkeyed);
        return new YamlSeq(all, base.position());
    }

    private static void put(Map<String, YamlNode> byKey, List<YamlNode> unkeyed, String key, YamlNode n) {
        if (key == null) {
            unkeyed.add(n);
        } else {
            byKey.put(key, n);
        }
    }

    private static String volumeTarget(YamlNode n) {
        if (n instanceof YamlScalar s && s.text() != null) {
            String[] parts = s.text().split(":");
            return parts.length == 1 ? parts[0] : parts[1];
        }
        if (n instanceof YamlMap m && m.get("target") instanceof YamlScalar t) {
            return t.text();
        }
        return null;
    }

    /** A position-free rendering, so that equal values written in two files count as one. */
    static String canonical(YamlNode n) {
        return switch (n) {
            case YamlScalar s -> String.valueOf(s.text());
            case YamlSeq seq -> seq.items().stream().map(Merger::canonical).toList().toString();
            case YamlMap m -> m.entries().stream().map(e -> e.name() + "=" + canonical(e.value())).toList().toString();
        };
    }

    private static YamlNode buildAsMap(YamlNode build) {
        if (build instanceof YamlScalar s && !s.isNull()) {
            return new YamlMap(List.of(new YamlEntry(YamlScalar.string("context", s.position()), s)), s.position());
        }
        return build;
    }

    /** {@code extra_hosts}: items {@code host=ip} or {@code host:ip} (the first ':' ends the host name). */
    static YamlMap hostsAsMap(YamlNode node) {
        if (node instanceof YamlSeq seq) {
            List<YamlNode> items = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlScalar s && s.text() != null && s.text().indexOf('=') < 0
                        && s.text().indexOf(':') > 0) {
                    int colon = s.text().indexOf(':');
                    items.add(s.withValue(s.text().substring(0, colon) + "=" + s.text().substring(colon + 1)));
                } else {
                    items.add(item);
                }
            }
            return asMap(new YamlSeq(items, seq.position()));
        }
        return asMap(node);
    }

    /** A list of {@code K=V} / {@code K} (or of names, for depends_on and networks) read as a mapping. */
    static YamlMap asMap(YamlNode node) {
        if (node instanceof YamlMap m) {
            return m;
        }
        if (!(node instanceof YamlSeq seq)) {
            return null;
        }
        List<YamlEntry> entries = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            if (!(item instanceof YamlScalar s) || s.text() == null) {
                return null;
            }
            String text = s.text();
            int eq = text.indexOf('=');
            Position p = s.position();
            YamlScalar key = YamlScalar.string(eq < 0 ? text : text.substring(0, eq), p);
            YamlScalar value = eq < 0 ? new YamlScalar(null, YamlScalar.Kind.NULL, false, p)
                    : YamlScalar.string(text.substring(eq + 1), p);
            entries.removeIf(e -> e.name().equals(key.value()));
            entries.add(new YamlEntry(key, value));
        }
        return new YamlMap(entries, seq.position());
    }
}
