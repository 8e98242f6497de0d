package dev.berth.vm.qemu;

import java.io.IOException;

/** QEMU exited, or never opened its control socket, while the VM was being started. */
public class VmStartException extends IOException {
    public VmStartException(String message) {
        super(message);
    }
}
