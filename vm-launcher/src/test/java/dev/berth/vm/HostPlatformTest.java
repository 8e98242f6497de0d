package dev.berth.vm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostPlatformTest {

    @ParameterizedTest
    @CsvSource({
            "Linux, amd64, LINUX, X86_64",
            "Linux, aarch64, LINUX, AARCH64",
            "Mac OS X, aarch64, MACOS, AARCH64",
            "Mac OS X, x86_64, MACOS, X86_64",
            "Windows 11, amd64, WINDOWS, X86_64",
            "Windows Server 2022, aarch64, WINDOWS, AARCH64",
    })
    void readsTheJvmsOsNameAndArch(String osName, String osArch, HostPlatform.Os os, HostPlatform.Arch arch) {
        assertThat(HostPlatform.fromSystemProperties(osName, osArch)).isEqualTo(new HostPlatform(os, arch));
    }

    @Test
    void namesTheQemuBinaryForTheHostArchitecture() {
        assertThat(new HostPlatform(HostPlatform.Os.LINUX, HostPlatform.Arch.X86_64).qemuSystemExecutableName())
                .isEqualTo("qemu-system-x86_64");
        assertThat(new HostPlatform(HostPlatform.Os.MACOS, HostPlatform.Arch.AARCH64).qemuSystemExecutableName())
                .isEqualTo("qemu-system-aarch64");
        assertThat(new HostPlatform(HostPlatform.Os.WINDOWS, HostPlatform.Arch.X86_64).qemuSystemExecutableName())
                .isEqualTo("qemu-system-x86_64.exe");
    }

    @Test
    void rejectsAnOsBerthHasNoVmFor() {
        assertThatThrownBy(() -> HostPlatform.fromSystemProperties("FreeBSD", "amd64"))
                .isInstanceOf(UnsupportedOnPlatformException.class)
                .hasMessageContaining("os.name 'FreeBSD' is not Linux, macOS or Windows");
    }

    @Test
    void rejectsACpuBerthHasNoVmFor() {
        assertThatThrownBy(() -> HostPlatform.fromSystemProperties("Linux", "riscv64"))
                .isInstanceOf(UnsupportedOnPlatformException.class)
                .hasMessageContaining("os.arch 'riscv64' is neither x86_64 nor aarch64");
    }
}
