package dev.berth.app.projects;

import dev.berth.compose.edit.ComposeDocument;
import dev.berth.compose.edit.EditResult;
import dev.berth.compose.edit.KeyPath;
import dev.berth.compose.edit.WriteResult;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.source.Position;
import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one-click fix of a port conflict: the host port of a {@code ports:} entry changes in the file that declares
 * it, through the model's comment-keeping edit API, so only those digits change (quoting, comments, line ends and
 * every other byte stay). Works on files, not on the UI: call it off the FX thread.
 */
final class PortRemap {
    private PortRemap() {
    }

    /** One change: this port of the model gets {@code newPort} as its host port. */
    record Change(PortSpec port, int newPort) {
    }

    /** Applies the changes, one write per file; returns "" when all were written, else what went wrong and why. */
    static String apply(List<Change> changes) {
        Map<String, List<Change>> byFile = new LinkedHashMap<>();
        for (Change c : changes) {
            if (c.port().position() == null || !c.port().position().isKnown()) {
                return "Berth does not know which file declares host port " + c.port().published()
                        + "; change it by hand";
            }
            byFile.computeIfAbsent(c.port().position().file(), f -> new java.util.ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<Change>> file : byFile.entrySet()) {
            String failure = applyToFile(Path.of(file.getKey()), file.getValue());
            if (!failure.isEmpty()) {
                return failure;
            }
        }
        return "";
    }

    private static String applyToFile(Path file, List<Change> changes) {
        ComposeDocument doc;
        try {
            doc = ComposeDocument.read(file);
        } catch (IOException e) {
            return e.getMessage();
        }
        for (Change c : changes) {
            Optional<YamlNode> tree = doc.tree();
            Optional<Located> entry = tree.flatMap(t -> find(t, KeyPath.ROOT, c.port().position()));
            if (entry.isEmpty()) {
                return file + " no longer has the port entry of line " + c.port().position().line()
                        + " (was it changed meanwhile?); reload the project and try again";
            }
            EditResult edit = switch (entry.get().node()) {
                case YamlScalar s -> {
                    String text = s.text();
                    String changed = text == null ? null : withHostPort(text, c.port().published(), c.newPort());
                    if (changed == null) {
                        yield new EditResult.Refused(entry.get().path(), "host port " + c.port().published()
                                + " is not written as digits in `" + text + "` (a variable?); change it where it is set");
                    }
                    yield doc.set(entry.get().path(), changed);
                }
                case YamlMap m when m.get("published") instanceof YamlScalar p -> p.kind() == YamlScalar.Kind.INT
                        ? doc.set(entry.get().path().key("published"), c.newPort())
                        : p.text() != null && p.text().equals(String.valueOf(c.port().published()))
                        ? doc.set(entry.get().path().key("published"), String.valueOf(c.newPort()))
                        : new EditResult.Refused(entry.get().path(), "published is `" + p.text()
                        + "`, not plain digits; change it where it is set");
                default -> new EditResult.Refused(entry.get().path(), "this ports entry has no host port to change");
            };
            switch (edit) {
                case EditResult.Applied a -> doc = a.document();
                case EditResult.Refused r -> {
                    return "cannot change " + file + " at " + r.path() + ": " + r.reason();
                }
            }
        }
        return switch (doc.write()) {
            case WriteResult.Written w -> "";
            case WriteResult.ChangedOnDisk d -> d.message();
            case WriteResult.Failed f -> f.message();
        };
    }

    private record Located(KeyPath path, YamlNode node) {
    }

    /** The node written at {@code at} (same line and column), with its key path. */
    private static Optional<Located> find(YamlNode node, KeyPath path, Position at) {
        if (node.position() != null && node.position().line() == at.line() && node.position().column() == at.column()
                && !(node instanceof YamlSeq)) {
            return Optional.of(new Located(path, node));
        }
        switch (node) {
            case YamlMap m -> {
                for (YamlEntry e : m.entries()) {
                    Optional<Located> found = e.value() == null ? Optional.empty()
                            : find(e.value(), path.key(e.name()), at);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            case YamlSeq q -> {
                for (int i = 0; i < q.items().size(); i++) {
                    Optional<Located> found = find(q.items().get(i), path.index(i), at);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            case YamlScalar s -> {
            }
        }
        return Optional.empty();
    }

    /**
     * "[ip:]published:target[/protocol]" with {@code published} replaced, or null when the host port is not
     * written as those digits (a variable, a range).
     */
    static String withHostPort(String spec, int published, int newPort) {
        int slash = spec.indexOf('/');
        String ports = slash < 0 ? spec : spec.substring(0, slash);
        int targetColon = ports.lastIndexOf(':');
        if (targetColon < 0) {
            return null;
        }
        String before = ports.substring(0, targetColon);
        int hostColon = before.lastIndexOf(':');
        String host = before.substring(hostColon + 1);
        if (!host.equals(String.valueOf(published))) {
            return null;
        }
        return before.substring(0, hostColon + 1) + newPort + spec.substring(targetColon);
    }
}
