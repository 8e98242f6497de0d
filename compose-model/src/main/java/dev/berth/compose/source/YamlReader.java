package dev.berth.compose.source;

import dev.berth.compose.diag.Diagnostics;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Stage 1, parse: reads one compose file into a {@link YamlNode} tree with positions, expanding aliases and
 * merge keys. Problems (syntax errors, duplicate keys, alias bombs) become diagnostics; the result is
 * empty only when no usable tree could be built.
 */
public final class YamlReader {

    /** snakeyaml-engine's own guard: aliases that point at lists or maps. */
    static final int MAX_COLLECTION_ALIASES = 100;
    /** Our guard against "billion laughs": nodes after alias expansion. Real compose files stay far below. */
    static final int MAX_EXPANDED_NODES = 200_000;

    /** The YAML 1.2 core schema, with a quicker way to tell that a plain scalar is just a string. */
    private static final CoreSchema COMPOSE_SCHEMA = new CoreSchema() {
        private final ScalarResolver resolver = new QuickCoreResolver(super.getScalarResolver());

        @Override
        public ScalarResolver getScalarResolver() {
            return resolver;
        }
    };

    private final Diagnostics diagnostics;
    private String file = "";
    private int expandedNodes;
    private boolean tooBig;
    private final IdentityHashMap<Node, Boolean> inProgress = new IdentityHashMap<>();
    private final List<String> segments = new ArrayList<>();
    private final List<YamlTag> tags = new ArrayList<>();

    public YamlReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public Optional<YamlNode> read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diagnostics.error(new Position(path.toString(), 0, 0), "",
                    "cannot read compose file " + path + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage())
                            + "; check that it exists and is readable");
            return Optional.empty();
        }
        return read(path.toString(), text);
    }

    /** Parses {@code text} as if it were the file named {@code fileName}. */
    public Optional<YamlNode> read(String fileName, String text) {
        LoadSettings settings = settings(fileName);
        Optional<EventTreeReader.Result> quick = ServicesSplit.read(fileName, text, settings);
        if (quick.isEmpty()) {
            quick = EventTreeReader.read(fileName, text, settings);
        }
        if (quick.isPresent()) {
            this.tags.clear();
            this.tags.addAll(quick.get().tags());
            quick.get().diagnostics().forEach(diagnostics::add);
            return Optional.of(quick.get().root());
        }
        return compose(fileName, text, settings);
    }

    /** As {@link #read(String, String)}, always the composing way (the oracle of the event way's tests). */
    Optional<YamlNode> readComposing(String fileName, String text) {
        return compose(fileName, text, settings(fileName));
    }

    static LoadSettings settings(String fileName) {
        return LoadSettings.builder()
                .setLabel(fileName)
                .setSchema(COMPOSE_SCHEMA)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setAllowRecursiveKeys(false)
                .setUseMarks(true)
                .build();
    }

    /** The composing way: snakeyaml-engine's node tree, then ours; for every file the event way hands over. */
    private Optional<YamlNode> compose(String fileName, String text, LoadSettings settings) {
        this.file = fileName;
        this.expandedNodes = 0;
        this.tooBig = false;
        this.segments.clear();
        this.tags.clear();
        Node root;
        try {
            Optional<Node> composed = new Compose(settings).composeReader(new StringReader(text));
            if (composed.isEmpty()) {
                diagnostics.error(new Position(fileName, 1, 1), "",
                        "the compose file is empty; add a `services:` section");
                return Optional.empty();
            }
            root = composed.get();
        } catch (MarkedYamlEngineException e) {
            diagnostics.error(markPosition(e.getProblemMark().or(e::getContextMark)), "", syntaxMessage(e));
            return Optional.empty();
        } catch (YamlEngineException e) {
            diagnostics.error(new Position(fileName, 1, 1), "", plainYamlMessage(e.getMessage()));
            return Optional.empty();
        }
        YamlNode tree = convert(root);
        if (tooBig) {
            return Optional.empty();
        }
        return Optional.ofNullable(tree);
    }

    /** The {@code !reset} and {@code !override} tags of the last file read, by key path. */
    public List<YamlTag> tags() {
        return List.copyOf(tags);
    }

    private String syntaxMessage(MarkedYamlEngineException e) {
        StringBuilder sb = new StringBuilder("YAML syntax error: ").append(e.getProblem());
        if (e.getContext() != null && !e.getContext().isBlank()) {
            sb.append(" (").append(e.getContext());
            e.getContextMark().ifPresent(m -> sb.append(" at line ").append(m.getLine() + 1)
                    .append(", column ").append(m.getColumn() + 1));
            sb.append(")");
        }
        String problem = String.valueOf(e.getProblem());
        if (problem.contains("mapping values are not allowed")) {
            sb.append("; a `:` inside a value needs quotes, or the indentation of this line is off");
        } else if (problem.contains("tab")) {
            sb.append("; indent with spaces, not tabs");
        } else {
            sb.append("; check the indentation and quoting around this point");
        }
        return sb.toString();
    }

    private static String plainYamlMessage(String message) {
        if (message != null && message.contains("aliases")) {
            return "the YAML uses too many aliases (more than " + MAX_COLLECTION_ALIASES
                    + " references to lists or maps); this looks like an alias bomb, so Berth refuses to expand it";
        }
        return "YAML error: " + message;
    }

    private Position markPosition(Optional<Mark> mark) {
        return mark.map(m -> new Position(file, m.getLine() + 1, m.getColumn() + 1))
                .orElse(new Position(file, 1, 1));
    }

    private Position position(Node node) {
        return markPosition(node.getStartMark());
    }

    private YamlNode convert(Node node) {
        if (tooBig) {
            return null;
        }
        if (++expandedNodes > MAX_EXPANDED_NODES) {
            tooBig = true;
            diagnostics.error(position(node), path(), "the YAML expands to more than " + MAX_EXPANDED_NODES
                    + " values through aliases; this looks like an alias bomb (\"billion laughs\"), so Berth stops here");
            return null;
        }
        YamlTag.Kind tagKind = YamlTag.Kind.of(node.getTag().getValue());
        if (tagKind != null && segments.stream().noneMatch(seg -> seg.startsWith("["))) {
            tags.add(new YamlTag(List.copyOf(segments), tagKind, position(node)));
        }
        if (node instanceof ScalarNode s) {
            return scalar(s);
        }
        if (inProgress.containsKey(node)) {
            diagnostics.error(position(node), path(),
                    "a YAML alias refers to a value that contains itself; compose files cannot be recursive");
            return new YamlScalar(null, YamlScalar.Kind.NULL, false, position(node));
        }
        inProgress.put(node, Boolean.TRUE);
        try {
            if (node instanceof SequenceNode seq) {
                List<YamlNode> items = new ArrayList<>();
                int i = 0;
                for (Node item : seq.getValue()) {
                    segments.add("[" + i++ + "]");
                    YamlNode converted = convert(item);
                    segments.removeLast();
                    if (converted != null) {
                        items.add(converted);
                    }
                }
                return new YamlSeq(items, position(node));
            }
            return mapping((MappingNode) node);
        } finally {
            inProgress.remove(node);
        }
    }

    private YamlScalar scalar(ScalarNode s) {
        boolean quoted = s.getScalarStyle() != ScalarStyle.PLAIN;
        return new YamlScalar(s.getValue(), kind(quoted, s.getTag()), quoted, position(s));
    }

    /** What a scalar of this tag is to compose; quoted and block scalars are always strings. */
    static YamlScalar.Kind kind(boolean quoted, Tag tag) {
        if (quoted || Tag.STR.equals(tag)) {
            return YamlScalar.Kind.STRING;
        } else if (Tag.NULL.equals(tag)) {
            return YamlScalar.Kind.NULL;
        } else if (Tag.BOOL.equals(tag)) {
            return YamlScalar.Kind.BOOL;
        } else if (Tag.INT.equals(tag)) {
            return YamlScalar.Kind.INT;
        } else if (Tag.FLOAT.equals(tag)) {
            return YamlScalar.Kind.FLOAT;
        }
        return YamlScalar.Kind.STRING;
    }

    private static boolean isMergeKey(Node key) {
        return key instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN && "<<".equals(s.getValue());
    }

    private YamlMap mapping(MappingNode node) {
        // Merge keys first: explicit keys of this mapping win over merged ones, whatever their order.
        Map<String, YamlEntry> merged = null;
        List<YamlEntry> explicit = new ArrayList<>(node.getValue().size());
        // duplicates are looked up by scanning small mappings and through an index in large ones
        Map<String, YamlEntry> index = node.getValue().size() > 8 ? HashMap.newHashMap(node.getValue().size()) : null;
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (isMergeKey(keyNode)) {
                if (merged == null) {
                    merged = new LinkedHashMap<>();
                }
                mergeInto(merged, tuple.getValueNode());
                continue;
            }
            if (!(keyNode instanceof ScalarNode ks)) {
                diagnostics.error(position(keyNode), path(), "a mapping key must be a plain value, not "
                        + (keyNode instanceof SequenceNode ? "a list" : "a mapping"));
                continue;
            }
            YamlScalar key = scalar(ks);
            String name = key.value();
            YamlEntry first = index != null ? index.get(name) : find(explicit, name);
            if (first != null) {
                segments.add(name);
                diagnostics.error(key.position(), path(), "duplicate key `" + name + "` (first defined at line "
                        + first.key().position().line() + "); remove one of them");
                segments.removeLast();
                continue;
            }
            segments.add(name);
            YamlNode value = convert(tuple.getValueNode());
            segments.removeLast();
            if (value == null) {
                continue;
            }
            YamlEntry entry = new YamlEntry(key, value);
            explicit.add(entry);
            if (index != null) {
                index.put(name, entry);
            }
        }
        if (merged == null) {
            return new YamlMap(explicit, position(node));
        }
        List<YamlEntry> entries = new ArrayList<>();
        for (YamlEntry m : merged.values()) {
            if ((index != null ? index.get(m.name()) : find(explicit, m.name())) == null) {
                entries.add(m);
            }
        }
        entries.addAll(explicit);
        return new YamlMap(entries, position(node));
    }

    /** The entry named {@code name}, or null (a merge key's few entries: a scan beats a map). */
    static YamlEntry find(List<YamlEntry> entries, String name) {
        for (YamlEntry e : entries) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The dotted path of the value being read ({@code services.web.ports[0]}), spelt out for messages only. */
    private String path() {
        StringBuilder sb = new StringBuilder();
        for (String segment : segments) {
            if (!segment.startsWith("[") && !sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(segment);
        }
        return sb.toString();
    }

    /**
     * YAML merge: a single map or a list of maps; among several maps the earlier one wins. snakeyaml-engine's
     * composer already applies {@code <<} under the core schema; this covers a {@code <<} it leaves in place.
     */
    private void mergeInto(Map<String, YamlEntry> merged, Node source) {
        List<Node> sources = source instanceof SequenceNode seq ? seq.getValue() : List.of(source);
        for (Node s : sources) {
            YamlNode converted = convert(s);
            if (converted instanceof YamlMap map) {
                for (YamlEntry e : map.entries()) {
                    merged.putIfAbsent(e.name(), e);
                }
            } else if (converted != null) {
                diagnostics.error(converted.position(), path(),
                        "the merge key `<<` needs a mapping or a list of mappings, not " + converted.describe());
            }
        }
    }
}
