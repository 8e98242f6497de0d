package dev.berth.compose.rules;

import dev.berth.compose.rules.structure.Form;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;

/** The YAML forms a key accepts; drives the "wrong type" check and, later, editor completion. */
public enum Shape {
    ANY("anything"),
    SCALAR("a string"),
    INT("a number"),
    BOOL("true or false"),
    LIST("a list"),
    MAP("a mapping"),
    SCALAR_OR_LIST("a string or a list"),
    SCALAR_OR_MAP("a string or a mapping"),
    LIST_OR_MAP("a list or a mapping");

    private final String wording;

    Shape(String wording) {
        this.wording = wording;
    }

    public String wording() {
        return wording;
    }

    /** The coarse shape of a precise form: what completion offers and hover names. */
    public static Shape of(Form form) {
        return switch (form) {
            case Form.Scalar s when s.kinds().contains(Form.Kind.BOOLEAN) -> BOOL;
            case Form.Scalar s when !s.kinds().contains(Form.Kind.STRING)
                    && (s.kinds().contains(Form.Kind.INTEGER) || s.kinds().contains(Form.Kind.NUMBER)) -> INT;
            case Form.Scalar s when s.kinds().equals(java.util.Set.of(Form.Kind.NULL)) -> ANY;
            case Form.Scalar s -> SCALAR;
            case Form.ListOf l -> LIST;
            case Form.MapOf m -> MAP;
            case Form.Section sec -> MAP;
            case Form.Anything a -> ANY;
            case Form.AnyOf any -> combined(any);
        };
    }

    private static Shape combined(Form.AnyOf any) {
        java.util.List<Shape> shapes = any.choices().stream()
                .filter(c -> !(c instanceof Form.Scalar s && s.kinds().equals(java.util.Set.of(Form.Kind.NULL))))
                .map(Shape::of).distinct().toList();
        if (shapes.size() == 1) {
            return shapes.getFirst();
        }
        boolean scalar = shapes.stream().anyMatch(s -> s == SCALAR || s == INT || s == BOOL);
        boolean list = shapes.contains(LIST);
        boolean map = shapes.contains(MAP);
        if (scalar && list && !map) {
            return SCALAR_OR_LIST;
        }
        if (scalar && map && !list) {
            return SCALAR_OR_MAP;
        }
        if (list && map && !scalar) {
            return LIST_OR_MAP;
        }
        return ANY;
    }

    /** Null is accepted everywhere: compose treats {@code key:} with no value as unset. */
    public boolean accepts(YamlNode node) {
        if (node instanceof YamlScalar s && s.isNull()) {
            return true;
        }
        return switch (this) {
            case ANY -> true;
            case SCALAR -> node instanceof YamlScalar;
            case INT -> node instanceof YamlScalar s && (s.kind() == YamlScalar.Kind.INT || s.value().strip().matches("-?\\d+"));
            case BOOL -> node instanceof YamlScalar s && (s.kind() == YamlScalar.Kind.BOOL || s.value().matches("(?i)true|false"));
            case LIST -> node instanceof YamlSeq;
            case MAP -> node instanceof YamlMap;
            case SCALAR_OR_LIST -> node instanceof YamlScalar || node instanceof YamlSeq;
            case SCALAR_OR_MAP -> node instanceof YamlScalar || node instanceof YamlMap;
            case LIST_OR_MAP -> node instanceof YamlSeq || node instanceof YamlMap;
        };
    }
}
