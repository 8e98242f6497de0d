package dev.berth.compose.source;

import java.util.List;

/**
 * A compose merge tag on a value: {@code !reset} drops what earlier files (or an extended service) set at
 * {@code path}, {@code !override} replaces it instead of merging. {@code path} is the chain of mapping keys
 * from the file's root.
 */
public record YamlTag(List<String> path, Kind kind, Position position) {

    public YamlTag {
        path = List.copyOf(path);
    }

    public enum Kind {
        RESET, OVERRIDE;

        static Kind of(String tag) {
            return switch (tag) {
                case "!reset" -> RESET;
                case "!override" -> OVERRIDE;
                default -> null;
            };
        }
    }
}
