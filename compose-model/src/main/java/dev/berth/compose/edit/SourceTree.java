package dev.berth.compose.edit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;

/**
 * The YAML of one file as written, with character ranges: what editing needs and the loader's tree does not
 * keep (where a value ends, quoting, flow or block style, anchors and aliases as they are spelled). Built from
 * snakeyaml-engine's events, so aliases stay aliases and {@code <<} stays a key.
 */
public final class SourceTree {

    /** How a scalar is written. */
    public enum Quoting { PLAIN, SINGLE, DOUBLE, LITERAL, FOLDED }

    /** A value in the text; {@code start}/{@code end} are UTF-16 offsets, {@code end} exclusive. */
    public sealed interface Node permits Scalar, MapNode, SeqNode, Alias {
        int start();

        int end();

        /** The anchor this value defines ({@code &name}), or null. */
        String anchor();
    }

    public record Scalar(String value, Quoting quoting, int start, int end, String anchor) implements Node {
        /** A {@code key:} with nothing after it. */
        public boolean isEmpty() {
            return quoting == Quoting.PLAIN && value.isEmpty();
        }
    }

    public record Entry(Scalar key, Node value) {
        public boolean isMerge() {
            return key.quoting() == Quoting.PLAIN && "<<".equals(key.value());
        }
    }

    /** For a block mapping {@code end} is where its last value ends, not where the next token starts. */
    public record MapNode(List<Entry> entries, boolean flow, int start, int end, String anchor) implements Node {
        public Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> !e.isMerge() && e.key().value().equals(key)).findFirst();
        }
    }

    public record SeqNode(List<Node> items, boolean flow, int start, int end, String anchor) implements Node {
    }

    /** {@code *name}: the same value as the anchor {@code &name}. */
    public record Alias(String name, int start, int end) implements Node {
        @Override
        public String anchor() {
            return null;
        }
    }

    /** Why the text has no tree: a YAML syntax error and where it is (1-based). */
    public record SyntaxError(int line, int column, String message) {
    }

    private final String text;
    private final int[] offsetOfCodePoint;
    private final Node root;
    private final SyntaxError error;
    private final Map<String, Integer> aliasCount = new HashMap<>();

    private SourceTree(String text) {
        this.text = text;
        this.offsetOfCodePoint = text.length() == text.codePointCount(0, text.length()) ? null : codePointOffsets(text);
        Node parsed = null;
        SyntaxError failure = null;
        try {
            LoadSettings settings = LoadSettings.builder().setUseMarks(true).setAllowDuplicateKeys(true).build();
            Iterator<Event> events = new Parse(settings).parseString(text).iterator();
            parsed = document(events);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            failure = new SyntaxError(mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                    String.valueOf(e.getProblem()));
        } catch (YamlEngineException e) {
            failure = new SyntaxError(1, 1, String.valueOf(e.getMessage()));
        }
        this.root = parsed;
        this.error = failure;
    }

    public static SourceTree parse(String text) {
        return new SourceTree(text);
    }

    /** The document's top value; empty for an empty file or a syntax error. */
    public Optional<Node> root() {
        return Optional.ofNullable(root);
    }

    public Optional<SyntaxError> syntaxError() {
        return Optional.ofNullable(error);
    }

    /** How many {@code *name} aliases refer to the anchor {@code name}. */
    public int aliasesOf(String anchor) {
        return anchor == null ? 0 : aliasCount.getOrDefault(anchor, 0);
    }

    private Node document(Iterator<Event> events) {
        Node top = null;
        while (events.hasNext()) {
            Event e = events.next();
            switch (e.getEventId()) {
                case Scalar, MappingStart, SequenceStart, Alias -> {
                    Node n = node(e, events);
                    if (top == null) {
                        top = n;
                    }
                }
                default -> {
                    // stream/document markers; a second document is left alone (compose reads the first)
                }
            }
        }
        return top;
    }

    private Node node(Event e, Iterator<Event> events) {
        return switch (e) {
            case ScalarEvent s -> new Scalar(s.getValue(), quoting(s), offset(s.getStartMark()), offset(s.getEndMark()),
                    anchor(s.getAnchor()));
            case AliasEvent a -> {
                aliasCount.merge(a.getAlias().getValue(), 1, Integer::sum);
                yield new Alias(a.getAlias().getValue(), offset(a.getStartMark()), offset(a.getEndMark()));
            }
            case MappingStartEvent m -> mapping(m, events);
            case SequenceStartEvent q -> sequence(q, events);
            default -> throw new IllegalStateException("unexpected YAML event " + e.getEventId());
        };
    }

    private MapNode mapping(MappingStartEvent start, Iterator<Event> events) {
        List<Entry> entries = new ArrayList<>();
        while (true) {
            Event e = events.next();
            if (e.getEventId() == Event.ID.MappingEnd) {
                int end = start.isFlow() || entries.isEmpty() ? offset(e.getEndMark()) : entries.getLast().value().end();
                if (!start.isFlow() && !entries.isEmpty()) {
                    end = Math.max(end, entries.getLast().key().end());
                }
                return new MapNode(entries, start.isFlow(), offset(start.getStartMark()), end, anchor(start.getAnchor()));
            }
            Node key = node(e, events);
            Node value = node(events.next(), events);
            // Compose keys are scalars; a complex key is kept as its text so offsets stay right.
            Scalar k = key instanceof Scalar s ? s
                    : new Scalar(text.substring(key.start(), key.end()), Quoting.PLAIN, key.start(), key.end(), null);
            entries.add(new Entry(k, value));
        }
    }

    private SeqNode sequence(SequenceStartEvent start, Iterator<Event> events) {
        List<Node> items = new ArrayList<>();
        while (true) {
            Event e = events.next();
            if (e.getEventId() == Event.ID.SequenceEnd) {
                int end = start.isFlow() || items.isEmpty() ? offset(e.getEndMark()) : items.getLast().end();
                return new SeqNode(items, start.isFlow(), offset(start.getStartMark()), end, anchor(start.getAnchor()));
            }
            items.add(node(e, events));
        }
    }

    private static Quoting quoting(ScalarEvent s) {
        if (s.isSQuoted()) {
            return Quoting.SINGLE;
        }
        if (s.isDQuoted()) {
            return Quoting.DOUBLE;
        }
        if (s.isLiteral()) {
            return Quoting.LITERAL;
        }
        return s.isFolded() ? Quoting.FOLDED : Quoting.PLAIN;
    }

    private static String anchor(Optional<Anchor> anchor) {
        return anchor.map(Anchor::getValue).orElse(null);
    }

    /** snakeyaml counts code points; Java strings count UTF-16 units. */
    private int offset(Optional<Mark> mark) {
        int index = mark.map(Mark::getIndex).orElse(0);
        if (offsetOfCodePoint == null) {
            return Math.min(index, text.length());
        }
        return offsetOfCodePoint[Math.min(index, offsetOfCodePoint.length - 1)];
    }

    private static int[] codePointOffsets(String text) {
        int[] offsets = new int[text.codePointCount(0, text.length()) + 1];
        int i = 0;
        int cp = 0;
        while (i < text.length()) {
            offsets[cp++] = i;
            i += Character.charCount(text.codePointAt(i));
        }
        offsets[cp] = text.length();
        return offsets;
    }
}
