package dev.berth.vm.spi;

import dev.berth.vm.HostPlatform;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Picks the fastest accelerator the host offers. macOS and Windows always get their hypervisor (QEMU reports it
 * clearly if it is switched off); on Linux KVM is only chosen when /dev/kvm actually opens, because QEMU would
 * otherwise fail at start with a less helpful message.
 */
public final class AcceleratorChooser {

    public static final Path KVM_DEVICE = Path.of("/dev/kvm");

    private final DeviceProbe probe;
    private final Path kvmDevice;

    public AcceleratorChooser() {
        this(DeviceProbe.opening(), KVM_DEVICE);
    }

    public AcceleratorChooser(DeviceProbe probe, Path kvmDevice) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.kvmDevice = Objects.requireNonNull(kvmDevice, "kvmDevice");
    }

    public AcceleratorChoice choose(HostPlatform platform) {
        return switch (platform.os()) {
            case MACOS -> new AcceleratorChoice(Accelerator.HVF,
                    "macOS: using Hypervisor.framework (hvf)");
            case WINDOWS -> new AcceleratorChoice(Accelerator.WHPX,
                    "Windows: using Windows Hypervisor Platform (whpx); enable it under 'Turn Windows features on or off' if QEMU reports it missing");
            case LINUX -> chooseOnLinux();
        };
    }

    private AcceleratorChoice chooseOnLinux() {
        DeviceAccess access = probe.openReadWrite(kvmDevice);
        return switch (access.status()) {
            case USABLE -> new AcceleratorChoice(Accelerator.KVM,
                    "Linux: " + kvmDevice + " opens read-write, using KVM");
            case ABSENT -> new AcceleratorChoice(Accelerator.TCG,
                    "KVM not present: " + kvmDevice + " does not exist (no virtualization support, or the kvm module is not loaded) — falling back to TCG (slow)");
            case NOT_USABLE -> new AcceleratorChoice(Accelerator.TCG,
                    "KVM present but not usable: " + kvmDevice + ": " + access.detail()
                            + " — falling back to TCG (slow)" + fixFor(access));
        };
    }

    private static String fixFor(DeviceAccess access) {
        return access.detail().equals("permission denied")
                ? "; add your user to the 'kvm' group and log in again to use KVM"
                : "";
    }
}
