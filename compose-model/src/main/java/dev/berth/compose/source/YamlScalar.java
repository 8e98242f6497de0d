package dev.berth.compose.source;

/**
 * A scalar as written. {@code kind} is what the YAML core schema resolved it to; {@code quoted} is true
 * for quoted and block scalars, which are always strings.
 */
public record YamlScalar(String value, Kind kind, boolean quoted, Position position) implements YamlNode {

    public enum Kind { NULL, BOOL, INT, FLOAT, STRING }

    public static YamlScalar string(String value, Position position) {
        return new YamlScalar(value, Kind.STRING, true, position);
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** The value as compose reads it where a string is expected; null for a YAML null. */
    public String text() {
        return isNull() ? null : value;
    }

    public YamlScalar withValue(String newValue) {
        return new YamlScalar(newValue, kind, quoted, position);
    }

    @Override
    public String describe() {
        return switch (kind) {
            case NULL -> "null";
            case BOOL -> "a boolean";
            case INT, FLOAT -> "a number";
            case STRING -> "a string";
        };
    }
}
