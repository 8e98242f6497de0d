package dev.berth.compose.source;

import dev.berth.compose.diag.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The quick way of {@link YamlReader}: builds the tree straight from snakeyaml-engine's parser events, without
 * composing snakeyaml's own node tree first. It reads only the plain shape almost every compose file has (one
 * document whose root is a mapping, scalar keys, no anchors, aliases or merge keys) and gives up on anything
 * else, including a syntax error, so that the composing way reads it again and says exactly what it always said.
 * Where it does not give up, the tree, the diagnostics and the tags are the composing way's (property-tested).
 */
final class EventTreeReader {

    /** What was read: the root, the duplicate-key diagnostics, the merge tags, and the values counted for the cap. */
    record Result(YamlMap root, List<Diagnostic> diagnostics, List<YamlTag> tags, int nodes) {
    }

    /** Thrown, without a stack trace, where the composing way must take over. */
    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    private static final GiveUp GIVE_UP = new GiveUp();

    private final String file;
    private final ScalarResolver resolver;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<YamlTag> tags = new ArrayList<>();
    /** Keys (String) and list indexes (Integer) down to the value being read; spelt out for messages only. */
    private final List<Object> segments = new ArrayList<>();
    private int listDepth;
    private int nodes;
    private ParserImpl parser;

    private EventTreeReader(String file, ScalarResolver resolver) {
        this.file = file;
        this.resolver = resolver;
    }

    /** The tree of {@code text}, or empty when the composing way must read it. */
    static Optional<Result> read(String file, String text, LoadSettings settings) {
        EventTreeReader reader = new EventTreeReader(file, settings.getSchema().getScalarResolver());
        try {
            return Optional.of(reader.document(new ParserImpl(settings, new StreamReader(settings, text))));
        } catch (GiveUp | YamlEngineException e) {
            return Optional.empty();
        }
    }

    private Result document(ParserImpl events) {
        this.parser = events;
        expect(Event.ID.StreamStart);
        expect(Event.ID.DocumentStart);
        Event first = parser.next();
        if (!(first instanceof MappingStartEvent start)) {
            throw GIVE_UP; // an empty file, a list or a scalar: the composing way words these
        }
        nodes++; // the root counts, as YamlReader.convert counts it
        YamlMap root = (YamlMap) collection(start);
        expect(Event.ID.DocumentEnd);
        expect(Event.ID.StreamEnd); // a second document is the composing way's error
        return new Result(root, diagnostics, tags, nodes);
    }

    private void expect(Event.ID id) {
        if (parser.next().getEventId() != id) {
            throw GIVE_UP;
        }
    }

    /** A value or a list item, as {@code YamlReader.convert} counts and tags it. */
    private YamlNode node(Event event) {
        if (++nodes > YamlReader.MAX_EXPANDED_NODES) {
            throw GIVE_UP; // the composing way says how big
        }
        if (event instanceof ScalarEvent s) {
            if (s.getAnchor().isPresent()) {
                throw GIVE_UP;
            }
            Tag tag = tag(s);
            noteTag(tag, s);
            return scalar(s, tag);
        }
        if (event instanceof CollectionStartEvent c) {
            return collection(c);
        }
        throw GIVE_UP; // an alias
    }

    private YamlNode collection(CollectionStartEvent start) {
        if (start.getAnchor().isPresent()) {
            throw GIVE_UP;
        }
        Optional<String> explicit = start.getTag();
        if (explicit.isPresent() && !explicit.get().equals("!")) {
            noteTag(new Tag(explicit.get()), start);
        }
        return start instanceof SequenceStartEvent ? sequence(start) : mapping(start);
    }

    private YamlSeq sequence(CollectionStartEvent start) {
        List<YamlNode> items = new ArrayList<>();
        listDepth++;
        for (Event e = parser.next(); e.getEventId() != Event.ID.SequenceEnd; e = parser.next()) {
            segments.add(items.size());
            items.add(node(e));
            segments.removeLast();
        }
        listDepth--;
        return new YamlSeq(items, position(start));
    }

    private YamlMap mapping(CollectionStartEvent start) {
        List<YamlEntry> entries = new ArrayList<>();
        Map<String, YamlEntry> index = null; // once a scan would cost; finds the same first entry a scan does
        for (Event e = parser.next(); e.getEventId() != Event.ID.MappingEnd; e = parser.next()) {
            if (!(e instanceof ScalarEvent k) || k.getAnchor().isPresent()
                    || (k.getTag().isPresent() && !k.getTag().get().equals("!")) || "<<".equals(k.getValue())) {
                throw GIVE_UP; // complex keys, anchored or tagged keys, merge keys
            }
            YamlScalar key = scalar(k, tag(k));
            String name = key.value();
            if (name.startsWith("[")) {
                throw GIVE_UP; // YamlReader's paths take such a key for a list index
            }
            YamlEntry first = index != null ? index.get(name) : YamlReader.find(entries, name);
            segments.add(name);
            if (first != null) {
                diagnostics.add(Diagnostic.error(key.position(), path(), "duplicate key `" + name
                        + "` (first defined at line " + first.key().position().line() + "); remove one of them"));
                skip(parser.next());
            } else {
                YamlEntry entry = new YamlEntry(key, node(parser.next()));
                entries.add(entry);
                if (index != null) {
                    index.put(name, entry);
                } else if (entries.size() > 8) {
                    index = HashMap.newHashMap(16);
                    for (YamlEntry known : entries) {
                        index.put(known.name(), known);
                    }
                }
            }
            segments.removeLast();
        }
        return new YamlMap(entries, position(start));
    }

    /**
     * The value of a duplicate key: not in the tree, but the composer saw it, so what would make it compose
     * differently (an anchor defined there, an alias, a merge key, a complex key) still hands over.
     */
    private void skip(Event event) {
        if (event instanceof NodeEvent n && n.getAnchor().isPresent() || event.getEventId() == Event.ID.Alias) {
            throw GIVE_UP;
        }
        if (event.getEventId() == Event.ID.SequenceStart) {
            for (Event e = parser.next(); e.getEventId() != Event.ID.SequenceEnd; e = parser.next()) {
                skip(e);
            }
        } else if (event.getEventId() == Event.ID.MappingStart) {
            for (Event e = parser.next(); e.getEventId() != Event.ID.MappingEnd; e = parser.next()) {
                if (!(e instanceof ScalarEvent k) || k.getAnchor().isPresent() || k.getTag().isPresent()
                        || "<<".equals(k.getValue())) {
                    throw GIVE_UP;
                }
                skip(parser.next());
            }
        }
    }

    /** The composer's tag: the one written, or the schema's for an untagged (or {@code !}) scalar. */
    private Tag tag(ScalarEvent s) {
        Optional<String> explicit = s.getTag();
        if (explicit.isPresent() && !explicit.get().equals("!")) {
            return new Tag(explicit.get());
        }
        if (s.getScalarStyle() != ScalarStyle.PLAIN && explicit.isEmpty()) {
            return Tag.STR; // a quoted scalar is a string whatever the schema says; its tag is never a merge tag
        }
        return resolver.resolve(s.getValue(), s.getImplicit().canOmitTagInPlainScalar());
    }

    private void noteTag(Tag tag, NodeEvent event) {
        YamlTag.Kind kind = YamlTag.Kind.of(tag.getValue());
        if (kind != null && listDepth == 0) {
            List<String> keys = new ArrayList<>(segments.size());
            segments.forEach(s -> keys.add((String) s));
            tags.add(new YamlTag(keys, kind, position(event)));
        }
    }

    private YamlScalar scalar(ScalarEvent s, Tag tag) {
        boolean quoted = s.getScalarStyle() != ScalarStyle.PLAIN;
        return new YamlScalar(s.getValue(), YamlReader.kind(quoted, tag), quoted, position(s));
    }

    private Position position(Event event) {
        Mark m = event.getStartMark().orElse(null);
        return m == null ? new Position(file, 1, 1) : new Position(file, m.getLine() + 1, m.getColumn() + 1);
    }

    /** As {@code YamlReader.path}: {@code services.web.ports[0]}. */
    private String path() {
        StringBuilder sb = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(segment);
            }
        }
        return sb.toString();
    }
}
