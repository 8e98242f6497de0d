package dev.berth.compose.knowledge;

import dev.berth.compose.edit.KeyPath;
import dev.berth.compose.rules.ComposeKeys.Scope;
import dev.berth.compose.rules.KeyDoc;
import java.util.List;
import java.util.Optional;

/**
 * What the editor knows at the caret.
 *
 * @param path        the key or value under the caret ({@code services.web.ports[0]}); for a key being typed on
 *                    an empty line, the mapping it goes into
 * @param role        whether the caret is on a key, on a value, or in a comment
 * @param scope       the kind of mapping the caret's key belongs to, when Berth knows it
 * @param allowedKeys keys that may be added there (known keys of the scope minus those present)
 * @param knownValues values that fit there: enum values, booleans, names defined in the file
 * @param hover       the key under the caret, with its one-line description
 */
public record CaretContext(KeyPath path, Role role, Optional<Scope> scope, List<KeyDoc> allowedKeys,
                           List<String> knownValues, Optional<KeyDoc> hover) {

    public enum Role { KEY, VALUE, COMMENT }

    public CaretContext {
        allowedKeys = List.copyOf(allowedKeys);
        knownValues = List.copyOf(knownValues);
    }
}
