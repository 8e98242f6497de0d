package dev.berth.vm.image;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** How the guest starts. */
public sealed interface BootImage {

    /**
     * QEMU loads the kernel and initrd itself (no bootloader, no partitioned image): the fastest boot and what the
     * Berth guest uses.
     */
    record DirectKernel(Path kernel, Optional<Path> initrd, String cmdline) implements BootImage {
        public DirectKernel {
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(initrd, "initrd");
            Objects.requireNonNull(cmdline, "cmdline");
        }

        public DirectKernel(Path kernel, Path initrd, String cmdline) {
            this(kernel, Optional.of(initrd), cmdline);
        }
    }

    /**
     * No kernel given: the machine's firmware looks for something bootable. Useful to check QEMU and its control
     * socket without shipping a guest.
     */
    record Firmware() implements BootImage {
    }
}
