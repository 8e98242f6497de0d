package dev.berth.vm.image;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** The guest's writable disk. The format is stated to QEMU so it never probes it (probing a raw image is unsafe). */
public record DiskImage(Path path, Format format) {

    public enum Format {
        RAW, QCOW2;

        public String qemuName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DiskImage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
    }

    /** {@code .qcow2} files are qcow2, everything else raw. */
    public static DiskImage of(Path path) {
        String file = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return new DiskImage(path, file.endsWith(".qcow2") ? Format.QCOW2 : Format.RAW);
    }
}
