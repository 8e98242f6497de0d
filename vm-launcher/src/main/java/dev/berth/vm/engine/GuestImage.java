package dev.berth.vm.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Berth's guest: a Debian kernel and an initramfs with the Docker engine, as {@code vm-launcher/guest/build.sh}
 * writes them into one folder.
 */
public record GuestImage(Path kernel, Path initrd) {

    public static final String KERNEL = "vmlinuz";
    public static final String INITRD = "initrd.img";

    public GuestImage {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(initrd, "initrd");
    }

    /**
     * The guest in {@code dir}.
     *
     * @throws GuestImageMissingException when a file is missing, naming it and how to build it
     */
    public static GuestImage in(Path dir) {
        GuestImage image = new GuestImage(dir.resolve(KERNEL), dir.resolve(INITRD));
        for (Path file : new Path[]{image.kernel, image.initrd}) {
            if (!Files.isRegularFile(file)) {
                throw new GuestImageMissingException("Berth's VM guest is not built: " + file + " is missing. Build it"
                        + " with `sudo vm-launcher/guest/build.sh " + dir + "` (Debian packages, about 150 MB"
                        + " downloaded), or point BERTH_GUEST_DIR at a folder holding " + KERNEL + " and " + INITRD);
            }
        }
        return image;
    }

    /** The guest's files are not where they were looked for. */
    public static final class GuestImageMissingException extends IllegalStateException {
        GuestImageMissingException(String message) {
            super(message);
        }
    }
}
