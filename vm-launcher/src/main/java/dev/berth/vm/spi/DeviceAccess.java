package dev.berth.vm.spi;

import java.nio.file.Path;
import java.util.Objects;

/** Outcome of trying to open a device node; {@code detail} is the OS's reason when it is not usable. */
public record DeviceAccess(Path device, Status status, String detail) {

    public enum Status { USABLE, ABSENT, NOT_USABLE }

    public DeviceAccess {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public static DeviceAccess usable(Path device) {
        return new DeviceAccess(device, Status.USABLE, "");
    }
}
