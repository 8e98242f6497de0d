package dev.berth.compose.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A mapping, entries in file order, keys unique. */
public record YamlMap(List<YamlEntry> entries, Position position) implements YamlNode {

    public YamlMap {
        entries = KeyedEntries.of(entries);
    }

    public Optional<YamlEntry> entry(String key) {
        return Optional.ofNullable(((KeyedEntries) entries).find(key));
    }

    /** The value under {@code key}, or null when the key is absent. */
    public YamlNode get(String key) {
        YamlEntry e = ((KeyedEntries) entries).find(key);
        return e == null ? null : e.value();
    }

    public boolean has(String key) {
        return ((KeyedEntries) entries).find(key) != null;
    }

    public List<String> keys() {
        return entries.stream().map(YamlEntry::name).toList();
    }

    /** A copy with {@code key} set to {@code value}: replaced in place when present, appended otherwise. */
    public YamlMap with(YamlScalar key, YamlNode value) {
        List<YamlEntry> copy = new ArrayList<>(entries);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).name().equals(key.value())) {
                copy.set(i, new YamlEntry(copy.get(i).key(), value));
                return new YamlMap(copy, position);
            }
        }
        copy.add(new YamlEntry(key, value));
        return new YamlMap(copy, position);
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
