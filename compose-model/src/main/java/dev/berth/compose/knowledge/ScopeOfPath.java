package dev.berth.compose.knowledge;

import dev.berth.compose.edit.KeyPath;
import dev.berth.compose.rules.ComposeKeys.Scope;
import java.util.Optional;

/**
 * Which {@link Scope} of {@link dev.berth.compose.rules.ComposeKeys} a mapping at a path is. The validator
 * knows the same places by walking; this names them by path for the editor, which has a caret, not a walk.
 */
final class ScopeOfPath {

    private ScopeOfPath() {
    }

    static Optional<Scope> of(KeyPath path) {
        int n = path.size();
        if (n == 0) {
            return Optional.of(Scope.TOP_LEVEL);
        }
        String top = path.get(0) instanceof KeyPath.Key k ? k.name() : "";
        if (n == 2 && path.get(1) instanceof KeyPath.Key) {
            return switch (top) {
                case "services" -> Optional.of(Scope.SERVICE);
                case "networks" -> Optional.of(Scope.NETWORK);
                case "volumes" -> Optional.of(Scope.VOLUME);
                default -> Optional.empty();
            };
        }
        if (!top.equals("services") || n < 3 || !(path.get(2) instanceof KeyPath.Key section)) {
            return Optional.empty();
        }
        if (n == 3) {
            return switch (section.name()) {
                case "build" -> Optional.of(Scope.BUILD);
                case "healthcheck" -> Optional.of(Scope.HEALTHCHECK);
                default -> Optional.empty();
            };
        }
        if (n == 4) {
            boolean item = path.get(3) instanceof KeyPath.Index;
            return switch (section.name()) {
                case "depends_on" -> item ? Optional.empty() : Optional.of(Scope.DEPENDS_ON);
                case "networks" -> item ? Optional.empty() : Optional.of(Scope.SERVICE_NETWORK);
                case "ports" -> item ? Optional.of(Scope.PORT) : Optional.empty();
                case "volumes" -> item ? Optional.of(Scope.SERVICE_VOLUME) : Optional.empty();
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }
}
