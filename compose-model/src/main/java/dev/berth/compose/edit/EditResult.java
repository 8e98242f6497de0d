package dev.berth.compose.edit;

import java.util.List;

/** The outcome of one edit: the new document and the text edits that made it, or why Berth refused. */
public sealed interface EditResult {

    /** {@code edits} are offsets into the text before the edit; applying them gives {@code document}'s text. */
    record Applied(ComposeDocument document, List<TextEdit> edits) implements EditResult {
        public Applied {
            edits = List.copyOf(edits);
        }
    }

    /** Nothing was changed; {@code reason} says why, naming the path and the line. */
    record Refused(KeyPath path, String reason) implements EditResult {
    }

    default boolean isApplied() {
        return this instanceof Applied;
    }

    /** The edited document, for callers that have checked {@link #isApplied()} (tests, chained quick fixes). */
    default ComposeDocument document() {
        return switch (this) {
            case Applied a -> a.document();
            case Refused r -> throw new IllegalStateException("edit at " + r.path() + " was refused: " + r.reason());
        };
    }
}
