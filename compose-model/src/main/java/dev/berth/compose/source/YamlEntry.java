package dev.berth.compose.source;

/** One {@code key: value} pair of a mapping; the key keeps its own position for key-level diagnostics. */
public record YamlEntry(YamlScalar key, YamlNode value) {

    public String name() {
        return key.value();
    }
}
