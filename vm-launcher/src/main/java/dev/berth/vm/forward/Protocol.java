package dev.berth.vm.forward;

import java.util.Locale;

public enum Protocol {
    TCP, UDP;

    /** As written in QEMU's {@code hostfwd=} rule. */
    public String qemuName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
