package dev.berth.compose.stage;

import dev.berth.compose.source.Position;
import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Stage 3, merge: folds the files given with {@code -f} into one tree, later files winning, following
 * compose-go's {@code override} rules for the fields Berth models:
 * <ul>
 *   <li>scalars: the later value replaces the earlier one; mappings merge key by key, recursively;</li>
 *   <li>{@code environment}, {@code labels}, {@code build.args}, {@code depends_on}, {@code networks}
 *       (list or map): both sides are read as maps and merged by key;</li>
 *   <li>{@code volumes}: merged by target; {@code ports}, {@code env_file}: appended without duplicates;</li>
 *   <li>{@code command}, {@code entrypoint}, {@code healthcheck.test}, {@code profiles}: replaced whole;</li>
 *   <li>{@code build} as a string is read as {@code {context: ...}} before merging;</li>
 *   <li>other lists are appended (compose-go's default).</li>
 * </ul>
 * Not yet: the special rules for {@code secrets}/{@code configs} (by source), {@code extra_hosts},
 * {@code ulimits}, {@code logging}, {@code devices}, {@code dns} de-duplication, and {@code !reset}/{@code !override}.
 */
public final class Merger {

    private static final Set<String> AS_MAP = Set.of("environment", "labels", "args", "depends_on", "networks");
    private static final Set<String> REPLACED = Set.of("command", "entrypoint", "test", "profiles");

    public YamlMap merge(List<YamlMap> files) {
        YamlMap result = files.getFirst();
        for (YamlMap next : files.subList(1, files.size())) {
            result = (YamlMap) mergeNode(result, next, "");
        }
        return result;
    }

    private YamlNode mergeNode(YamlNode base, YamlNode override, String path) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        boolean inService = path.startsWith("services.") && path.chars().filter(c -> c == '.').count() >= 2;
        if (inService && key.equals("build")) {
            base = buildAsMap(base);
            override = buildAsMap(override);
        }
        if (inService && AS_MAP.contains(key)) {
            YamlMap b = asMap(base);
            YamlMap o = asMap(override);
            if (b != null && o != null) {
                return mergeMaps(b, o, path);
            }
        }
        if (inService && REPLACED.contains(key)) {
            return override;
        }
        if (base instanceof YamlMap b && override instanceof YamlMap o) {
            return mergeMaps(b, o, path);
        }
        if (base instanceof YamlSeq b && override instanceof YamlSeq o) {
            if (inService && key.equals("volumes")) {
                return mergeByKey(b, o, Merger::volumeTarget);
            }
            if (inService && (key.equals("ports") || key.equals("env_file"))) {
                return mergeByKey(b, o, Merger::canonical);
            }
            List<YamlNode> all = new ArrayList<>(b.items());
            all.addAll(o.items());
            return new YamlSeq(all, b.position());
        }
        return override;
    }

    private YamlMap mergeMaps(YamlMap base, YamlMap override, String path) {
        YamlMap result = base;
        for (YamlEntry e : override.entries()) {
            String childPath = path.isEmpty() ? e.name() : path + "." + e.name();
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
