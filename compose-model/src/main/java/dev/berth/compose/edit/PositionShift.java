package dev.berth.compose.edit;

import dev.berth.compose.source.Position;
import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import java.util.ArrayList;
import java.util.List;

/** Moves every position of a tree by a number of lines: a block parsed alone, or blocks below an edit. */
final class PositionShift {

    private PositionShift() {
    }

    static YamlEntry entry(YamlEntry e, int lines) {
        return lines == 0 ? e : new YamlEntry((YamlScalar) node(e.key(), lines), node(e.value(), lines));
    }

    static YamlNode node(YamlNode node, int lines) {
        if (lines == 0) {
            return node;
        }
        return switch (node) {
            case YamlScalar s -> new YamlScalar(s.value(), s.kind(), s.quoted(), at(s.position(), lines));
            case YamlSeq q -> {
                List<YamlNode> items = new ArrayList<>(q.items().size());
                q.items().forEach(i -> items.add(node(i, lines)));
                yield new YamlSeq(items, at(q.position(), lines));
            }
            case YamlMap m -> {
                List<YamlEntry> entries = new ArrayList<>(m.entries().size());
                m.entries().forEach(e -> entries.add(entry(e, lines)));
                yield new YamlMap(entries, at(m.position(), lines));
            }
        };
    }

    private static Position at(Position p, int lines) {
        return p.isKnown() ? new Position(p.file(), p.line() + lines, p.column()) : p;
    }
}
