package dev.berth.vm.spi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tells whether a device node can be opened read-write. Existence is not enough for /dev/kvm: without membership
 * in the kvm group (or on a nested VM without VT-x) the node is there but QEMU cannot use it, so we really open it.
 * An interface so tests can stand in for hosts they do not run on.
 */
@FunctionalInterface
public interface DeviceProbe {

    DeviceAccess openReadWrite(Path device);

    /** Opens the device for real, the same way QEMU will. */
    static DeviceProbe opening() {
        return device -> {
            try (FileChannel ignored = FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                return DeviceAccess.usable(device);
            } catch (NoSuchFileException e) {
                return new DeviceAccess(device, DeviceAccess.Status.ABSENT, "does not exist");
            } catch (AccessDeniedException e) {
                return new DeviceAccess(device, DeviceAccess.Status.NOT_USABLE, "permission denied");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return new DeviceAccess(device, DeviceAccess.Status.NOT_USABLE, String.valueOf(e.getMessage()));
            }
        };
    }
}
