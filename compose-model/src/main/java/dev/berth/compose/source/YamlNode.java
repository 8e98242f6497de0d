package dev.berth.compose.source;

/**
 * Berth's own immutable YAML tree: every node knows where it was written. Aliases and merge keys
 * ({@code <<}) are already expanded, so later stages never see YAML mechanics, only values.
 */
public sealed interface YamlNode permits YamlMap, YamlSeq, YamlScalar {

    Position position();

    /** A word for messages: "a mapping", "a list", "a string"... */
    String describe();
}
