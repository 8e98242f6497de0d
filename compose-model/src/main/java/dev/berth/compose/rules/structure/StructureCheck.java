package dev.berth.compose.rules.structure;

import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.rules.ComposeKeys;
import dev.berth.compose.rules.ComposeKeys.Scope;
import dev.berth.compose.rules.structure.Form.Kind;
import dev.berth.compose.source.Position;
import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import dev.berth.compose.stage.ServiceMemo;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The structure of a compose file, checked as the Compose Specification's schema checks it: known keys at every
 * level (with a "did you mean"), the kind of every value, fixed sets of values, required keys, names and repeated
 * list items. One walker over the {@link Form}s of {@link ComposeKeys}; each problem is reported at the key or
 * value that causes it, with what was expected and an example. Extension keys ({@code x-...}) are never flagged.
 */
public final class StructureCheck {

    private static final Set<String> TOP_LEVEL_NAMED = Set.of("services", "networks", "volumes", "secrets", "configs", "models");

    private Diagnostics diagnostics;
    private final ServiceMemo memo;

    public StructureCheck(Diagnostics diagnostics) {
        this(diagnostics, null);
    }

    /** With {@code memo}, services whose trees did not change since the memo's last round are not walked again. */
    public StructureCheck(Diagnostics diagnostics, ServiceMemo memo) {
        this.diagnostics = diagnostics;
        this.memo = memo;
    }

    /** Checks a whole (interpolated) compose file. */
    public void check(YamlMap file) {
        walk(file, ComposeKeys.fileForm(), Place.root(file.position()));
    }

    /**
     * Where a value sits: its dotted path, the owner named in messages (a service, network...), how to name the
     * value in a sentence, the key it is written under (for examples in messages) and where that key (or list
     * item) was written, for problems of the value as a whole such as a missing required key. The path and the
     * wording are spelt out only when a message needs them: most values have no problem.
     */
    private record Place(Place parent, Step step, Scope scope, String name, int index, String owner, Position at) {

        enum Step { ROOT, CHILD, ITEM, ENTRY }

        static Place root(Position at) {
            return new Place(null, Step.ROOT, Scope.TOP_LEVEL, "", -1, "", at);
        }

        Place child(YamlEntry e, Scope scope) {
            return new Place(this, Step.CHILD, scope, e.name(), -1, owner, e.key().position());
        }

        Place item(int index, YamlNode item) {
            return new Place(this, Step.ITEM, scope, name, index, owner, item.position());
        }

        Place entry(YamlEntry e, String newOwner) {
            return new Place(this, Step.ENTRY, scope, e.name(), -1, newOwner, e.key().position());
        }

        /** The key this value is written under, for examples in messages ("" at the root). */
        String key() {
            return name;
        }

        /** A top-level key ({@code services}, {@code networks}...) and the value under it. */
        boolean isTopLevel(String key) {
            return step == Step.CHILD && parent.step == Step.ROOT && name.equals(key);
        }

        String path() {
            return switch (step) {
                case ROOT -> "";
                case CHILD -> parent.step == Step.ROOT ? name : parent.path() + "." + name;
                case ITEM -> parent.path() + "[" + index + "]";
                case ENTRY -> parent.path() + "." + name;
            };
        }

        String label() {
            return switch (step) {
                case ROOT -> "the file";
                case CHILD -> scope == Scope.TOP_LEVEL ? "top-level `" + name + "`" : "`" + name + "` " + scope.where(owner);
                case ITEM -> "item " + (index + 1) + " of " + parent.label();
                case ENTRY -> "`" + name + "` under " + parent.label();
            };
        }
    }

    private void walk(YamlNode node, Form form, Place place) {
        switch (form) {
            case Form.Anything any -> { }
            case Form.Scalar scalar -> scalar(node, scalar, place);
            case Form.ListOf list -> list(node, list, place);
            case Form.MapOf map -> map(node, map, place);
            case Form.Section section -> section(node, section, place);
            case Form.AnyOf any -> choose(node, any).ifPresentOrElse(f -> walk(node, f, place),
                    () -> wrongKind(node, any, place));
        }
    }

    /** The choice whose kind fits the node; for scalars, the first that accepts its kind. */
    private static Optional<Form> choose(YamlNode node, Form.AnyOf any) {
        for (Form choice : any.choices()) {
            boolean fits = switch (choice) {
                case Form.Scalar s -> node instanceof YamlScalar v && accepts(s, v);
                case Form.ListOf l -> node instanceof YamlSeq;
                case Form.MapOf m -> node instanceof YamlMap;
                case Form.Section s -> node instanceof YamlMap;
                case Form.Anything a -> true;
                case Form.AnyOf nested -> choose(node, nested).isPresent();
            };
            if (fits) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }

    static Kind kindOf(YamlScalar scalar) {
        return switch (scalar.kind()) {
            case NULL -> Kind.NULL;
            case BOOL -> Kind.BOOLEAN;
            case INT -> Kind.INTEGER;
            case FLOAT -> Kind.NUMBER;
            case STRING -> Kind.STRING;
        };
    }

    private static boolean accepts(Form.Scalar form, YamlScalar value) {
        Kind kind = kindOf(value);
        return form.kinds().contains(kind) || (kind == Kind.INTEGER && form.kinds().contains(Kind.NUMBER));
    }

    private void scalar(YamlNode node, Form.Scalar form, Place place) {
        if (!(node instanceof YamlScalar value) || !accepts(form, value)) {
            wrongKind(node, form, place);
            return;
        }
        if (kindOf(value) == Kind.INTEGER || kindOf(value) == Kind.NUMBER) {
            outOfRange(value, form, place);
            return;
        }
        if (kindOf(value) != Kind.STRING) {
            return;
        }
        String text = value.value();
        if (!form.values().isEmpty() && !form.values().contains(text)) {
            diagnostics.error(value.position(), place.path(), place.label() + " is \"" + text + "\" but must be "
                    + form.wording() + ComposeKeys.closest(text, form.values()).map(s -> " — did you mean `" + s + "`?")
                    .orElse(""));
        } else if (form.pattern() != null && !form.pattern().matcher(text).find()) {
            // the plain words among the pattern's alternatives are the likely intended values
            List<String> words = Arrays.stream(form.pattern().pattern().split("\\|"))
                    .filter(w -> w.matches("[a-z_]+")).toList();
            diagnostics.error(value.position(), place.path(), place.label() + " \"" + text
                    + "\" does not have the allowed form (" + form.pattern().pattern() + ")"
                    + ComposeKeys.closest(text, words).map(w -> " — did you mean `" + w + "`?").orElse(""));
        }
    }

    private void outOfRange(YamlScalar value, Form.Scalar form, Place place) {
        if (form.minimum() == null && form.maximum() == null) {
            return;
        }
        java.math.BigDecimal number;
        try {
            number = new java.math.BigDecimal(value.value().replace("_", ""));
        } catch (NumberFormatException e) {
            return; // hex, octal or .inf: left to the engine
        }
        boolean low = form.minimum() != null && number.compareTo(java.math.BigDecimal.valueOf(form.minimum())) < 0;
        boolean high = form.maximum() != null && number.compareTo(java.math.BigDecimal.valueOf(form.maximum())) > 0;
        if (low || high) {
            diagnostics.error(value.position(), place.path(), place.label() + " is " + value.value() + " but must be "
                    + (form.maximum() == null || form.maximum() == Long.MAX_VALUE ? "at least " + form.minimum()
                    : "between " + form.minimum() + " and " + form.maximum()));
        }
    }

    private void list(YamlNode node, Form.ListOf form, Place place) {
        if (!(node instanceof YamlSeq seq)) {
            wrongKind(node, form, place);
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            walk(item, form.item(), place.item(i, item));
            if (form.unique()) {
                Integer first = seen.putIfAbsent(Canonical.of(item), i);
                if (first != null) {
                    diagnostics.error(item.position(), place.path() + "[" + i + "]", place.label()
                            + " repeats item " + (first + 1) + " (line " + seq.items().get(first).position().line()
                            + "); each item may appear only once, remove the repeat");
                }
            }
        }
    }

    private void map(YamlNode node, Form.MapOf form, Place place) {
        if (!(node instanceof YamlMap map)) {
            wrongKind(node, form, place);
            return;
        }
        boolean named = place.step() == Place.Step.CHILD && place.parent().step() == Place.Step.ROOT
                && TOP_LEVEL_NAMED.contains(place.key());
        boolean services = memo != null && place.isTopLevel("services");
        for (YamlEntry e : map.entries()) {
            if (!form.keys().matcher(e.name()).find()) {
                String message = "\"" + e.name() + "\" is not a valid name under " + place.label() + nameHint(form);
                if (form.closed()) {
                    diagnostics.error(e.key().position(), place.path() + "." + e.name(), message);
                } else if (named) {
                    // the specification leaves these unchecked, but the engine refuses such names when creating them
                    diagnostics.warning(e.key().position(), place.path() + "." + e.name(), message);
                }
                continue;
            }
            Place child = place.entry(e, named ? e.name() : place.owner());
            if (services) {
                memo.reuse("structure", e.name(), e.value(), null, diagnostics, own -> {
                    Diagnostics outer = diagnostics;
                    diagnostics = own;
                    try {
                        walk(e.value(), form.value(), child);
                    } finally {
                        diagnostics = outer;
                    }
                    return Boolean.TRUE;
                });
            } else {
                walk(e.value(), form.value(), child);
            }
        }
    }

    private static String nameHint(Form.MapOf form) {
        return form.keys().pattern().equals(ComposeKeys.NAME_PATTERN)
                ? ": use only letters, digits, `.`, `_` and `-` (e.g. \"web-app\")"
                : ": it must match " + form.keys().pattern();
    }

    private void section(YamlNode node, Form.Section form, Place place) {
        if (!(node instanceof YamlMap map)) {
            wrongKind(node, form, place);
            return;
        }
        Scope scope = form.scope();
        for (YamlEntry e : map.entries()) {
            String key = e.name();
            if (key.startsWith("x-")) {
                continue;
            }
            Optional<Form> known = ComposeKeys.form(scope, key);
            if (known.isPresent()) {
                walk(e.value(), known.get(), place.child(e, scope));
            } else if (form.closed()) {
                String keyPath = place.path().isEmpty() ? key : place.path() + "." + key;
                String where = scope == Scope.TOP_LEVEL ? "top-level key `" + key + "`"
                        : "key `" + key + "` " + scope.where(place.owner());
                diagnostics.error(e.key().position(), keyPath, "unknown " + where + ComposeKeys.suggest(scope, key)
                        .map(s -> " — did you mean `" + s + "`?")
                        .orElse("; remove it, or prefix it with `x-` to mark it as an extension"));
            }
        }
        for (String required : form.required()) {
            if (!map.has(required)) {
                diagnostics.error(place.at(), place.path(), place.label() + " needs `" + required + ":` ("
                        + ComposeKeys.lookup(scope, required).map(d -> d.description()).orElse("") + ")");
            }
        }
    }

    private void wrongKind(YamlNode node, Form expected, Place place) {
        diagnostics.error(node.position(), place.path(), place.label() + " must be " + expected.wording()
                + ", not " + node.describe() + fix(node, expected, place.key()));
    }

    /** How to write the value so that it fits, with the author's own key and value where possible. */
    private static String fix(YamlNode node, Form expected, String key) {
        String k = key.isEmpty() || key.matches("\\d+") ? "key" : key;
        String shown = node instanceof YamlScalar s && s.value() != null && !s.isNull() ? s.value() : "value";
        String quoted = "\"" + shown.replace("\"", "\\\"") + "\"";
        boolean wantsString = accepts(expected, Kind.STRING);
        boolean wantsList = expected instanceof Form.ListOf || (expected instanceof Form.AnyOf any
                && any.choices().stream().anyMatch(c -> c instanceof Form.ListOf));
        boolean wantsMap = expected instanceof Form.MapOf || expected instanceof Form.Section
                || (expected instanceof Form.AnyOf any && any.choices().stream()
                .anyMatch(c -> c instanceof Form.MapOf || c instanceof Form.Section));
        if (node instanceof YamlScalar s && s.isNull()) {
            return "; give `" + k + "` a value or remove the key";
        }
        if (node instanceof YamlScalar && wantsString) {
            return "; put the value in quotes, e.g. `" + k + ": " + quoted + "`";
        }
        if (node instanceof YamlScalar && accepts(expected, Kind.BOOLEAN)) {
            return "; e.g. `" + k + ": true`";
        }
        if (node instanceof YamlScalar && (accepts(expected, Kind.INTEGER) || accepts(expected, Kind.NUMBER))) {
            return "; e.g. `" + k + ": 1`";
        }
        if (node instanceof YamlScalar && wantsList) {
            return "; write it as a list, e.g. `" + k + ": [" + quoted + "]`";
        }
        if (wantsMap) {
            return "; write `" + k + ":` followed by indented `name: value` lines";
        }
        if (wantsList) {
            return "; write `" + k + ":` followed by indented `- item` lines";
        }
        return "";
    }

    /** Whether a form (or one of its choices) takes scalars of {@code kind}. */
    private static boolean accepts(Form form, Kind kind) {
        return switch (form) {
            case Form.Scalar s -> s.kinds().contains(kind);
            case Form.AnyOf any -> any.choices().stream().anyMatch(c -> accepts(c, kind));
            default -> false;
        };
    }

    /** A value written as a canonical string, to find repeated list items as the schema's uniqueItems does. */
    private static final class Canonical {
        static String of(YamlNode node) {
            return switch (node) {
                case YamlScalar s -> kindOf(s) == Kind.STRING ? "s:" + s.value()
                        : kindOf(s) == Kind.NULL ? "null" : kindOf(s) + ":" + s.value();
                case YamlSeq seq -> seq.items().stream().map(Canonical::of).toList().toString();
                case YamlMap map -> map.entries().stream()
                        .map(e -> e.name() + "=" + of(e.value())).sorted().toList().toString();
            };
        }
    }
}
