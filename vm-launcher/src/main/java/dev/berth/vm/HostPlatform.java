package dev.berth.vm;

import java.util.Locale;
import java.util.Objects;

/**
 * The machine Berth runs on, reduced to what decides how the VM is booted: which hypervisor exists and which QEMU
 * binary (guest architecture follows host architecture, so the VM runs without instruction translation when
 * accelerated).
 */
public record HostPlatform(Os os, Arch arch) {

    public enum Os { LINUX, MACOS, WINDOWS }

    public enum Arch {
        X86_64("x86_64"),
        AARCH64("aarch64");

        private final String qemuName;

        Arch(String qemuName) {
            this.qemuName = qemuName;
        }

        /** The suffix QEMU uses in {@code qemu-system-<arch>}. */
        public String qemuName() {
            return qemuName;
        }
    }

    public HostPlatform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
    }

    /** The platform of the running JVM. */
    public static HostPlatform current() {
        return fromSystemProperties(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /**
     * Interprets the JVM's {@code os.name} and {@code os.arch} values.
     *
     * @throws UnsupportedOnPlatformException for an OS or CPU Berth has no VM story for
     */
    public static HostPlatform fromSystemProperties(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        Os os;
        if (name.startsWith("linux")) {
            os = Os.LINUX;
        } else if (name.startsWith("mac") || name.startsWith("darwin")) {
            os = Os.MACOS;
        } else if (name.startsWith("windows")) {
            os = Os.WINDOWS;
        } else {
            throw new UnsupportedOnPlatformException("Berth",
                    osName + "/" + osArch,
                    "os.name '" + osName + "' is not Linux, macOS or Windows; Berth only runs on those three");
        }
        Arch arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            // "amd64" is what the JVM reports on Linux and Windows, "x86_64" on macOS
            case "amd64", "x86_64", "x86-64", "x64" -> Arch.X86_64;
            case "aarch64", "arm64" -> Arch.AARCH64;
            default -> throw new UnsupportedOnPlatformException("Berth",
                    osName + "/" + osArch,
                    "os.arch '" + osArch + "' is neither x86_64 nor aarch64; Berth ships no VM for it");
        };
        return new HostPlatform(os, arch);
    }

    /** {@code qemu-system-x86_64}, {@code qemu-system-aarch64.exe}, ... */
    public String qemuSystemExecutableName() {
        return "qemu-system-" + arch.qemuName() + (os == Os.WINDOWS ? ".exe" : "");
    }

    @Override
    public String toString() {
        return os.name().toLowerCase(Locale.ROOT) + "/" + arch.qemuName();
    }
}
