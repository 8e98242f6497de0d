package dev.berth.compose.edit;

import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loader's tree without positions, as plain maps, lists and strings: the oracle of the property tests.
 * Empty collections read as null, since {@code key:} and {@code key: {}} mean the same to compose.
 */
final class PlainTree {

    private PlainTree() {
    }

    static Object of(YamlNode node) {
        return switch (node) {
            case YamlScalar s -> s.isNull() ? null : s.value();
            case YamlSeq q -> {
                List<Object> items = new ArrayList<>();
                q.items().forEach(i -> items.add(of(i)));
                yield items.isEmpty() ? null : items;
            }
            case YamlMap m -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (YamlEntry e : m.entries()) {
                    map.put(e.name(), of(e.value()));
                }
                yield map.isEmpty() ? null : map;
            }
        };
    }

    /** A Java value as it reads back: numbers and booleans become their text. */
    static Object normal(Object value) {
        return switch (value) {
            case null -> null;
            case Map<?, ?> m -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                m.forEach((k, v) -> copy.put(String.valueOf(k), normal(v)));
                yield copy.isEmpty() ? null : copy;
            }
            case List<?> l -> {
                List<Object> copy = new ArrayList<>();
                l.forEach(i -> copy.add(normal(i)));
                yield copy.isEmpty() ? null : copy;
            }
            default -> value.toString();
        };
    }

    @SuppressWarnings("unchecked")
    static Object container(Object root, KeyPath path) {
        Object current = root;
        for (KeyPath.Segment s : path.segments()) {
            current = switch (s) {
                case KeyPath.Key k -> ((Map<String, Object>) current).get(k.name());
                case KeyPath.Index i -> ((List<Object>) current).get(i.index());
            };
        }
        return current;
    }

    /** Applies an edit to the plain tree, the way the text edit should have. */
    @SuppressWarnings("unchecked")
    static Object set(Object root, KeyPath path, Object value) {
        Object parent = container(root, path.parent());
        switch (path.last()) {
            case KeyPath.Key k -> ((Map<String, Object>) parent).put(k.name(), normal(value));
            case KeyPath.Index i -> ((List<Object>) parent).set(i.index(), normal(value));
        }
        return tidy(root);
    }

    @SuppressWarnings("unchecked")
    static Object remove(Object root, KeyPath path) {
        Object parent = container(root, path.parent());
        switch (path.last()) {
            case KeyPath.Key k -> ((Map<String, Object>) parent).remove(k.name());
            case KeyPath.Index i -> ((List<Object>) parent).remove(i.index());
        }
        return tidy(root);
    }

    @SuppressWarnings("unchecked")
    static Object addItem(Object root, KeyPath listPath, Object value) {
        Object parent = container(root, listPath.parent());
        String key = ((KeyPath.Key) listPath.last()).name();
        Map<String, Object> map = (Map<String, Object>) parent;
        List<Object> list = map.get(key) == null ? new ArrayList<>() : (List<Object>) map.get(key);
        list.add(normal(value));
        map.put(key, list);
        return tidy(root);
    }

    /** Deep copy with empty collections as null. */
    static Object tidy(Object value) {
        return normal(value);
    }
}
