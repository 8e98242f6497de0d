package dev.berth.vm.forward;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A host folder the guest mounts by {@code tag}, so bind mounts in a Compose file see the developer's files.
 *
 * @param hostPath absolute, because QEMU would resolve a relative path against its own working directory
 */
public record SharedFolder(Path hostPath, String tag, boolean readOnly) {

    /** Short and plain so that every guest kernel's 9p driver and the guest's mount command accept it unquoted. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.-]{1,31}");

    public SharedFolder {
        Objects.requireNonNull(hostPath, "hostPath");
        Objects.requireNonNull(tag, "tag");
        if (!hostPath.isAbsolute()) {
            throw new IllegalArgumentException("shared folder '" + tag + "': path '" + hostPath
                    + "' is relative; give the absolute path (e.g. " + hostPath.toAbsolutePath() + ")");
        }
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("shared folder " + hostPath + ": mount tag '" + tag
                    + "' must be 1-31 characters of letters, digits, '_', '.' or '-'");
        }
    }
}
