package dev.berth.compose.source;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The entries of a mapping, unmodifiable, with an index from key to entry built once when the mapping is
 * large enough for a scan to cost (the {@code services:} of a big project): {@link YamlMap#get} is then
 * constant time instead of one scan per lookup.
 */
final class KeyedEntries extends AbstractList<YamlEntry> implements RandomAccess {

    private static final int INDEXED_FROM = 9;

    private final YamlEntry[] entries;
    private final Map<String, YamlEntry> byKey;

    private KeyedEntries(YamlEntry[] entries) {
        this.entries = entries;
        if (entries.length >= INDEXED_FROM) {
            Map<String, YamlEntry> index = HashMap.newHashMap(entries.length);
            for (YamlEntry e : entries) {
                index.putIfAbsent(e.name(), e); // the first wins, as a scan would find it
            }
            this.byKey = index;
        } else {
            this.byKey = null;
        }
    }

    static KeyedEntries of(List<YamlEntry> entries) {
        if (entries instanceof KeyedEntries keyed) {
            return keyed;
        }
        YamlEntry[] copy = entries.toArray(YamlEntry[]::new); // one copy: every map of a file comes through here
        for (YamlEntry e : copy) {
            java.util.Objects.requireNonNull(e, "a mapping entry");
        }
        return new KeyedEntries(copy);
    }

    YamlEntry find(String key) {
        if (byKey != null) {
            return byKey.get(key);
        }
        for (YamlEntry e : entries) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        return null;
    }

    @Override
    public YamlEntry get(int index) {
        return entries[index];
    }

    @Override
    public int size() {
        return entries.length;
    }
}
