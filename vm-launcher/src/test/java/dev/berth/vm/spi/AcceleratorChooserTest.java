package dev.berth.vm.spi;

import dev.berth.vm.HostPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.berth.vm.HostPlatform.Arch.AARCH64;
import static dev.berth.vm.HostPlatform.Arch.X86_64;
import static dev.berth.vm.HostPlatform.Os.LINUX;
import static dev.berth.vm.HostPlatform.Os.MACOS;
import static dev.berth.vm.HostPlatform.Os.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;

class AcceleratorChooserTest {

    private static final Path KVM = Path.of("/dev/kvm");

    private static AcceleratorChooser withKvm(DeviceAccess.Status status, String detail) {
        return new AcceleratorChooser(device -> new DeviceAccess(device, status, detail), KVM);
    }

    @Test
    void macOsUsesHypervisorFramework() {
        AcceleratorChoice choice = withKvm(DeviceAccess.Status.ABSENT, "").choose(new HostPlatform(MACOS, AARCH64));
        assertThat(choice.accelerator()).isEqualTo(Accelerator.HVF);
        assertThat(choice.explanation()).contains("Hypervisor.framework");
    }

    @Test
    void windowsUsesWindowsHypervisorPlatform() {
        AcceleratorChoice choice = withKvm(DeviceAccess.Status.ABSENT, "").choose(new HostPlatform(WINDOWS, X86_64));
        assertThat(choice.accelerator()).isEqualTo(Accelerator.WHPX);
        assertThat(choice.explanation()).contains("Windows Hypervisor Platform");
    }

    @Test
    void linuxUsesKvmWhenTheDeviceOpensReadWrite() {
        AcceleratorChoice choice = new AcceleratorChooser(DeviceAccess::usable, KVM).choose(new HostPlatform(LINUX, X86_64));
        assertThat(choice).isEqualTo(new AcceleratorChoice(Accelerator.KVM, "Linux: /dev/kvm opens read-write, using KVM"));
    }

    @Test
    void linuxFallsBackToTcgWhenKvmIsDeniedAndSaysHowToFixIt() {
        AcceleratorChoice choice = withKvm(DeviceAccess.Status.NOT_USABLE, "permission denied").choose(new HostPlatform(LINUX, X86_64));
        assertThat(choice).isEqualTo(new AcceleratorChoice(Accelerator.TCG,
                "KVM present but not usable: /dev/kvm: permission denied — falling back to TCG (slow);"
                        + " add your user to the 'kvm' group and log in again to use KVM"));
    }

    @Test
    void linuxFallsBackToTcgWhenThereIsNoKvm() {
        AcceleratorChoice choice = withKvm(DeviceAccess.Status.ABSENT, "does not exist").choose(new HostPlatform(LINUX, AARCH64));
        assertThat(choice.accelerator()).isEqualTo(Accelerator.TCG);
        assertThat(choice.explanation()).startsWith("KVM not present: /dev/kvm does not exist").endsWith("falling back to TCG (slow)");
    }

    @Test
    void theRealProbeOpensTheDevice(@TempDir Path dir) throws IOException {
        Path openable = Files.createFile(dir.resolve("kvm"));
        Path missing = dir.resolve("no-such-device");
        DeviceProbe probe = DeviceProbe.opening();

        assertThat(probe.openReadWrite(openable).status()).isEqualTo(DeviceAccess.Status.USABLE);
        assertThat(probe.openReadWrite(missing)).isEqualTo(new DeviceAccess(missing, DeviceAccess.Status.ABSENT, "does not exist"));
        assertThat(new AcceleratorChooser(probe, openable).choose(new HostPlatform(LINUX, X86_64)).accelerator())
                .isEqualTo(Accelerator.KVM);
        assertThat(new AcceleratorChooser(probe, missing).choose(new HostPlatform(LINUX, X86_64)).accelerator())
                .isEqualTo(Accelerator.TCG);
    }

    @Test
    void theRealProbeReportsADirectoryAsNotUsable(@TempDir Path dir) {
        // "permission denied" cannot be provoked when tests run as root; a directory fails to open read-write for anyone
        DeviceAccess access = DeviceProbe.opening().openReadWrite(dir);
        assertThat(access.status()).isEqualTo(DeviceAccess.Status.NOT_USABLE);
        assertThat(access.detail()).isNotBlank();
    }
}
