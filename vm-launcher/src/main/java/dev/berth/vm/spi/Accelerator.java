package dev.berth.vm.spi;

import dev.berth.vm.HostPlatform;

/** The ways QEMU can run guest code; all but {@link #TCG} need the host's hypervisor. */
public enum Accelerator {
    /** macOS Hypervisor.framework. */
    HVF("hvf", HostPlatform.Os.MACOS),
    /** Windows Hypervisor Platform (Hyper-V). */
    WHPX("whpx", HostPlatform.Os.WINDOWS),
    /** Linux KVM through /dev/kvm. */
    KVM("kvm", HostPlatform.Os.LINUX),
    /** QEMU's own translator: works everywhere, roughly ten times slower. */
    TCG("tcg", null);

    private final String qemuName;
    private final HostPlatform.Os onlyOn;

    Accelerator(String qemuName, HostPlatform.Os onlyOn) {
        this.qemuName = qemuName;
        this.onlyOn = onlyOn;
    }

    /** The name QEMU's {@code -accel} option takes. */
    public String qemuName() {
        return qemuName;
    }

    public boolean isHardware() {
        return this != TCG;
    }

    public boolean existsOn(HostPlatform platform) {
        return onlyOn == null || onlyOn == platform.os();
    }
}
