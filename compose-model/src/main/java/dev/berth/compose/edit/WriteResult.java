package dev.berth.compose.edit;

import java.nio.file.Path;

/** The outcome of writing a document back to its file. The user's file is never half-written. */
public sealed interface WriteResult {

    /** Written; {@code document} carries the new fingerprint, so the next write checks against it. */
    record Written(ComposeDocument document) implements WriteResult {
    }

    /** Another program changed the file since Berth read it; nothing was written. */
    record ChangedOnDisk(Path file, String message) implements WriteResult {
    }

    /** The write failed (permissions, disk full...); the file on disk is as it was. */
    record Failed(Path file, String message) implements WriteResult {
    }
}
