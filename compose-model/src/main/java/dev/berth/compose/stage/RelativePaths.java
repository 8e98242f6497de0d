package dev.berth.compose.stage;

import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Makes the relative paths of a service (or of a whole included file) absolute against the directory of
 * the file that wrote them, as compose-go's {@code ResolveRelativePaths} does for {@code extends: file:}
 * and {@code include:}: build contexts, env files, label files, bind-mount sources, {@code develop.watch} paths,
 * secret and config files.
 * Paths that are not local ({@code https://}, {@code git@}, {@code ~}, named volumes) are left alone.
 */
public final class RelativePaths {

    private final Path directory;

    public RelativePaths(Path directory) {
        this.directory = directory;
    }

    /** A whole file: every service, and the {@code file:} of top-level secrets and configs. */
    public YamlMap file(YamlMap root) {
        YamlMap out = root;
        if (root.get("services") instanceof YamlMap services) {
            out = out.with(root.entry("services").orElseThrow().key(), mapValues(services, this::service));
        }
        for (String section : List.of("secrets", "configs")) {
            if (out.get(section) instanceof YamlMap defs) {
                out = out.with(out.entry(section).orElseThrow().key(),
                        mapValues(defs, def -> def instanceof YamlMap m ? replace(m, "file", this::local) : def));
            }
        }
        return out;
    }

    public YamlNode service(YamlNode node) {
        if (!(node instanceof YamlMap s)) {
            return node;
        }
        YamlMap out = s;
        if (s.get("build") instanceof YamlScalar b) {
            out = replace(out, "build", n -> local(b));
        } else if (s.get("build") instanceof YamlMap b) {
            out = out.with(s.entry("build").orElseThrow().key(), replace(b, "context", this::local));
        }
        out = replace(out, "env_file", n -> each(n, item -> item instanceof YamlMap m
                ? replace(m, "path", this::local) : local(item)));
        out = replace(out, "label_file", n -> each(n, this::local));
        out = replace(out, "volumes", n -> each(n, this::volume));
        if (s.get("develop") instanceof YamlMap develop) {
            out = out.with(s.entry("develop").orElseThrow().key(), replace(develop, "watch",
                    n -> each(n, rule -> rule instanceof YamlMap m ? replace(m, "path", this::local) : rule)));
        }
        if (s.get("extends") instanceof YamlMap ext) {
            out = out.with(s.entry("extends").orElseThrow().key(), replace(ext, "file", this::local));
        }
        return out;
    }

    private YamlNode volume(YamlNode item) {
        if (item instanceof YamlScalar s && s.text() != null) {
            VolumeSyntax v = VolumeSyntax.parse(s.text());
            if (v.source() != null && v.source().startsWith(".")) {
                return s.withValue(absolute(v.source()) + s.text().substring(v.source().length()));
            }
            return s;
        }
        if (item instanceof YamlMap m && m.get("type") instanceof YamlScalar t && "bind".equals(t.text())) {
            return replace(m, "source", this::local);
        }
        return item;
    }

    private YamlNode local(YamlNode node) {
        if (node instanceof YamlScalar s && s.text() != null && isRelative(s.text())) {
            return s.withValue(absolute(s.text()));
        }
        return node;
    }

    private static boolean isRelative(String path) {
        return !path.isEmpty() && !path.startsWith("/") && !path.startsWith("~") && !path.contains("://")
                && !path.startsWith("git@") && (path.startsWith(".") || !path.contains(":"));
    }

    private String absolute(String path) {
        return directory.resolve(path).normalize().toString();
    }

    private static YamlMap replace(YamlMap map, String key, UnaryOperator<YamlNode> change) {
        return map.entry(key).map(e -> map.with(e.key(), change.apply(e.value()))).orElse(map);
    }

    private static YamlNode each(YamlNode node, UnaryOperator<YamlNode> change) {
        if (node instanceof YamlSeq seq) {
            List<YamlNode> items = new ArrayList<>();
            seq.items().forEach(i -> items.add(change.apply(i)));
            return new YamlSeq(items, seq.position());
        }
        return change.apply(node);
    }

    private static YamlMap mapValues(YamlMap map, UnaryOperator<YamlNode> change) {
        List<YamlEntry> entries = new ArrayList<>();
        map.entries().forEach(e -> entries.add(new YamlEntry(e.key(), change.apply(e.value()))));
        return new YamlMap(entries, map.position());
    }
}
