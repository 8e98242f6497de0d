package dev.berth.compose.source;

import java.util.List;

/** A sequence, items in file order. */
public record YamlSeq(List<YamlNode> items, Position position) implements YamlNode {

    public YamlSeq {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
