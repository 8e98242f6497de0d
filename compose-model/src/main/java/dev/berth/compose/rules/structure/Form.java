package dev.berth.compose.rules.structure;

import dev.berth.compose.rules.ComposeKeys.Scope;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a value in a compose file may look like, as the Compose Specification's schema allows it: scalars of
 * some kinds, lists, free mappings, sections of known keys, or a choice between these. A small type language
 * so that the key table can say precisely what each key takes, and one walker can check every level.
 */
public sealed interface Form {

    /** The JSON kinds a YAML scalar resolves to. INTEGER is also a NUMBER, as in JSON Schema. */
    enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, NULL }

    /** How this form reads in a message: "a string", "a list or a mapping"... */
    String wording();

    /**
     * A scalar of one of {@code kinds}. {@code values}, when not empty, are the only strings allowed;
     * {@code pattern}, when set, must be found somewhere in the string (the schema's patterns are unanchored);
     * {@code minimum} and {@code maximum}, when set, bound numbers (not strings).
     */
    record Scalar(Set<Kind> kinds, List<String> values, Pattern pattern, Long minimum, Long maximum) implements Form {
        public Scalar {
            kinds = Set.copyOf(kinds);
            values = List.copyOf(values);
        }

        /** The same form, with numbers bounded to {@code minimum..maximum}. */
        public Scalar within(long min, long max) {
            return new Scalar(kinds, values, pattern, min, max);
        }

        @Override
        public String wording() {
            if (!values.isEmpty()) {
                return "one of " + values.stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "));
            }
            List<String> words = Arrays.stream(Kind.values()).filter(kinds::contains)
                    .filter(k -> !(k == Kind.INTEGER && kinds.contains(Kind.NUMBER)))
                    .map(k -> switch (k) {
                        case STRING -> "a string";
                        case INTEGER -> "a whole number";
                        case NUMBER -> "a number";
                        case BOOLEAN -> "true or false";
                        case NULL -> "empty";
                    }).toList();
            return String.join(" or ", words);
        }
    }

    /** A list whose items all have the form {@code item}; {@code unique} forbids repeated items. */
    record ListOf(Form item, boolean unique) implements Form {
        @Override
        public String wording() {
            return "a list";
        }
    }

    /** A mapping with keys chosen by the author (names, variables, options); each key must match {@code keys}. */
    record MapOf(Pattern keys, Form value, boolean closed) implements Form {
        @Override
        public String wording() {
            return "a mapping";
        }
    }

    /**
     * A mapping of the known keys of {@code scope} (from {@code ComposeKeys}), plus {@code x-} extensions.
     * {@code required} keys must be present; an open section lets unknown keys through, as the schema does
     * in a few places.
     */
    record Section(Scope scope, List<String> required, boolean closed) implements Form {
        public Section {
            required = List.copyOf(required);
        }

        @Override
        public String wording() {
            return "a mapping";
        }
    }

    /** The first choice whose kind (scalar, list, mapping) fits the value decides. */
    record AnyOf(List<Form> choices) implements Form {
        public AnyOf {
            choices = List.copyOf(choices);
        }

        @Override
        public String wording() {
            return choices.stream().map(Form::wording).distinct().collect(Collectors.joining(" or "));
        }
    }

    /** Anything goes (values the specification leaves open, such as extension content). */
    record Anything() implements Form {
        @Override
        public String wording() {
            return "anything";
        }
    }

    // Building blocks, named the way the specification talks about values.

    static Scalar scalar(Kind... kinds) {
        return new Scalar(EnumSet.copyOf(Arrays.asList(kinds)), List.of(), null, null, null);
    }

    static Scalar string() {
        return scalar(Kind.STRING);
    }

    /** A string from a fixed set. */
    static Scalar oneOf(String... values) {
        return new Scalar(Set.of(Kind.STRING), List.of(values), null, null, null);
    }

    static Scalar matching(String regex) {
        return new Scalar(Set.of(Kind.STRING), List.of(), Pattern.compile(regex), null, null);
    }

    /** true/false, or a string (an interpolated value such as "${DEBUG}"). */
    static Scalar flag() {
        return scalar(Kind.BOOLEAN, Kind.STRING);
    }

    static Scalar wholeOrString() {
        return scalar(Kind.INTEGER, Kind.STRING);
    }

    static Scalar numberOrString() {
        return scalar(Kind.NUMBER, Kind.INTEGER, Kind.STRING);
    }

    static ListOf listOf(Form item) {
        return new ListOf(item, false);
    }

    static ListOf setOf(Form item) {
        return new ListOf(item, true);
    }

    static ListOf strings() {
        return setOf(string());
    }

    static MapOf mapOf(Form value) {
        return new MapOf(Pattern.compile(".+"), value, true);
    }

    static Section section(Scope scope, String... required) {
        return new Section(scope, List.of(required), true);
    }

    static AnyOf anyOf(Form... choices) {
        return new AnyOf(List.of(choices));
    }

    static Form nullable(Form form) {
        return anyOf(scalar(Kind.NULL), form);
    }
}
