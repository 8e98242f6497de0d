package dev.berth.vm.qemu;

import dev.berth.vm.HostPlatform;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static dev.berth.vm.HostPlatform.Arch.AARCH64;
import static dev.berth.vm.HostPlatform.Arch.X86_64;
import static dev.berth.vm.HostPlatform.Os.LINUX;
import static dev.berth.vm.HostPlatform.Os.MACOS;
import static dev.berth.vm.HostPlatform.Os.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QemuBinaryLocatorTest {

    private static QemuBinaryLocator locator(HostPlatform platform, String path, Path... installed) {
        return new QemuBinaryLocator(platform, path, Set.of(installed)::contains);
    }

    @Test
    void takesTheFirstMatchOnPath() {
        Path found = locator(new HostPlatform(LINUX, X86_64), "/home/dev/bin:/opt/qemu/bin:/usr/bin",
                Path.of("/opt/qemu/bin/qemu-system-x86_64"), Path.of("/usr/bin/qemu-system-x86_64")).locate();
        assertThat(found).isEqualTo(Path.of("/opt/qemu/bin/qemu-system-x86_64"));
    }

    @Test
    void findsHomebrewWhenTheAppWasStartedWithoutTheShellsPath() {
        Path found = locator(new HostPlatform(MACOS, AARCH64), "/usr/bin:/bin",
                Path.of("/opt/homebrew/bin/qemu-system-aarch64")).locate();
        assertThat(found).isEqualTo(Path.of("/opt/homebrew/bin/qemu-system-aarch64"));
    }

    @Test
    void ignoresEmptyPathEntriesSoNothingRunsFromTheWorkingDirectory() {
        QemuBinaryLocator locator = locator(new HostPlatform(LINUX, X86_64), ":/usr/bin::", Path.of("qemu-system-x86_64"));
        assertThat(locator.candidates()).containsExactly(
                Path.of("/usr/bin/qemu-system-x86_64"), Path.of("/usr/local/bin/qemu-system-x86_64"));
        assertThatThrownBy(locator::locate).isInstanceOf(QemuNotFoundException.class);
    }

    @Test
    void windowsSplitsPathOnSemicolonsAndLooksInProgramFiles() {
        QemuBinaryLocator locator = locator(new HostPlatform(WINDOWS, X86_64), "C:\\Windows;\"C:\\Tools\"");
        assertThat(locator.candidates()).extracting(Path::toString).hasSize(3)
                .allSatisfy(candidate -> assertThat(candidate).endsWith("qemu-system-x86_64.exe"))
                .satisfiesExactly(
                        first -> assertThat(first).startsWith("C:\\Windows"),
                        second -> assertThat(second).startsWith("C:\\Tools"),
                        third -> assertThat(third).startsWith("C:\\Program Files\\qemu"));
    }

    @Test
    void reportsEveryPlaceTriedAndHowToInstall() {
        assertThatThrownBy(() -> locator(new HostPlatform(MACOS, AARCH64), "/usr/bin").locate())
                .isInstanceOfSatisfying(QemuNotFoundException.class, e -> {
                    assertThat(e.tried()).containsExactly(Path.of("/usr/bin/qemu-system-aarch64"),
                            Path.of("/opt/homebrew/bin/qemu-system-aarch64"), Path.of("/usr/local/bin/qemu-system-aarch64"));
                    assertThat(e).hasMessage("qemu-system-aarch64 not found; looked at: /usr/bin/qemu-system-aarch64,"
                            + " /opt/homebrew/bin/qemu-system-aarch64, /usr/local/bin/qemu-system-aarch64."
                            + " To fix: install QEMU with 'brew install qemu'");
                });
        assertThatThrownBy(() -> locator(new HostPlatform(LINUX, X86_64), null).locate())
                .hasMessageEndingWith("To fix: install it with 'sudo apt-get install qemu-system-x86' (Debian/Ubuntu) or your distribution's QEMU system package");
    }
}
