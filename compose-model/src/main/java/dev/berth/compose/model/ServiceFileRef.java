package dev.berth.compose.model;

import dev.berth.compose.source.Position;

/**
 * A service's use of a secret or config, short syntax expanded: the target defaults to
 * {@code /run/secrets/<source>} for secrets and {@code /<source>} for configs.
 *
 * @param mode octal permission bits, null when unset
 */
public record ServiceFileRef(String source, String target, String uid, String gid, Integer mode, Position position) {
}
