package dev.berth.vm.qemu;

import dev.berth.vm.HostPlatform;
import dev.berth.vm.UnsupportedOnPlatformException;
import dev.berth.vm.VmSpec;
import dev.berth.vm.forward.PortForward;
import dev.berth.vm.forward.SharedFolder;
import dev.berth.vm.image.BootImage;
import dev.berth.vm.image.DiskImage;
import dev.berth.vm.spi.Accelerator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static dev.berth.vm.HostPlatform.Arch.AARCH64;
import static dev.berth.vm.HostPlatform.Arch.X86_64;
import static dev.berth.vm.HostPlatform.Os.LINUX;
import static dev.berth.vm.HostPlatform.Os.MACOS;
import static dev.berth.vm.HostPlatform.Os.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QemuCommandLineTest {

    private static final BootImage.DirectKernel KERNEL = new BootImage.DirectKernel(
            Path.of("/opt/berth/vmlinuz"), Path.of("/opt/berth/initrd.img"), "console=ttyS0 quiet");

    /** The VM Berth boots on a developer's machine: two ports, one writable and one read-only folder, a disk. */
    private static VmSpec developerVm() {
        return new VmSpec("berth", 2, 2048, KERNEL, Optional.of(DiskImage.of(Path.of("/var/berth/data.qcow2"))),
                List.of(PortForward.tcp(8080, 80), PortForward.udp(5353, 53)),
                List.of(new SharedFolder(Path.of("/home/dev/project"), "project", false),
                        new SharedFolder(Path.of("/home/dev/.config/berth"), "config", true)),
                Path.of("/run/berth/qmp.sock"), Path.of("/var/berth/serial.log"));
    }

    private static VmSpec vmWithoutFolders() {
        VmSpec vm = developerVm();
        return new VmSpec(vm.name(), vm.cpus(), vm.memoryMiB(), vm.boot(), vm.disk(), vm.ports(), List.of(),
                vm.qmpSocket(), vm.serialLog());
    }

    private static List<String> argv(HostPlatform.Os os, HostPlatform.Arch arch, Accelerator accelerator, VmSpec spec) {
        HostPlatform platform = new HostPlatform(os, arch);
        return new QemuCommandLine(platform, accelerator).argv(Path.of(platform.qemuSystemExecutableName()), spec);
    }

    @Test
    void linuxX86WithKvm() {
        assertThat(argv(LINUX, X86_64, Accelerator.KVM, developerVm())).containsExactly(
                "qemu-system-x86_64",
                "-name", "berth",
                "-machine", "q35",
                "-accel", "kvm",
                "-cpu", "host",
                "-smp", "2",
                "-m", "2048",
                "-nographic",
                "-nodefaults",
                "-serial", "file:/var/berth/serial.log",
                "-qmp", "unix:/run/berth/qmp.sock,server=on,wait=off",
                "-kernel", "/opt/berth/vmlinuz",
                "-initrd", "/opt/berth/initrd.img",
                "-append", "console=ttyS0 quiet",
                "-drive", "file=/var/berth/data.qcow2,if=virtio,format=qcow2,discard=unmap,detect-zeroes=unmap",
                "-netdev", "user,id=net0,hostfwd=tcp:127.0.0.1:8080-:80,hostfwd=udp:127.0.0.1:5353-:53",
                "-device", "virtio-net-pci,netdev=net0",
                "-virtfs", "local,path=/home/dev/project,mount_tag=project,security_model=none",
                "-virtfs", "local,path=/home/dev/.config/berth,mount_tag=config,security_model=none,readonly=on");
    }

    @Test
    void linuxX86WithoutKvmEmulatesWithMultiThreadedTcg() {
        List<String> argv = argv(LINUX, X86_64, Accelerator.TCG, developerVm());
        assertThat(argv.subList(0, 11)).containsExactly(
                "qemu-system-x86_64", "-name", "berth", "-machine", "q35", "-accel", "tcg,thread=multi", "-cpu", "max", "-smp", "2");
        assertThat(argv.subList(11, argv.size())).isEqualTo(argv(LINUX, X86_64, Accelerator.KVM, developerVm()).subList(11, argv.size()));
    }

    @Test
    void appleSiliconMacWithHvf() {
        assertThat(argv(MACOS, AARCH64, Accelerator.HVF, developerVm())).containsExactly(
                "qemu-system-aarch64",
                "-name", "berth",
                "-machine", "virt",
                "-accel", "hvf",
                "-cpu", "host",
                "-smp", "2",
                "-m", "2048",
                "-nographic",
                "-nodefaults",
                "-serial", "file:/var/berth/serial.log",
                "-qmp", "unix:/run/berth/qmp.sock,server=on,wait=off",
                "-kernel", "/opt/berth/vmlinuz",
                "-initrd", "/opt/berth/initrd.img",
                "-append", "console=ttyS0 quiet",
                "-drive", "file=/var/berth/data.qcow2,if=virtio,format=qcow2,discard=unmap,detect-zeroes=unmap",
                "-netdev", "user,id=net0,hostfwd=tcp:127.0.0.1:8080-:80,hostfwd=udp:127.0.0.1:5353-:53",
                "-device", "virtio-net-pci,netdev=net0",
                "-virtfs", "local,path=/home/dev/project,mount_tag=project,security_model=none",
                "-virtfs", "local,path=/home/dev/.config/berth,mount_tag=config,security_model=none,readonly=on");
    }

    @Test
    void intelMacWithHvf() {
        assertThat(argv(MACOS, X86_64, Accelerator.HVF, developerVm()).subList(0, 9)).containsExactly(
                "qemu-system-x86_64", "-name", "berth", "-machine", "q35", "-accel", "hvf", "-cpu", "host");
    }

    @Test
    void aarch64UnderTcgUsesTheMaxCpu() {
        assertThat(argv(LINUX, AARCH64, Accelerator.TCG, developerVm()).subList(0, 9)).containsExactly(
                "qemu-system-aarch64", "-name", "berth", "-machine", "virt", "-accel", "tcg,thread=multi", "-cpu", "max");
    }

    @Test
    void windowsWithWhpx() {
        assertThat(argv(WINDOWS, X86_64, Accelerator.WHPX, vmWithoutFolders())).containsExactly(
                "qemu-system-x86_64.exe",
                "-name", "berth",
                "-machine", "q35",
                "-accel", "whpx",
                "-cpu", "host",
                "-smp", "2",
                "-m", "2048",
                "-nographic",
                "-nodefaults",
                "-serial", "file:/var/berth/serial.log",
                "-qmp", "unix:/run/berth/qmp.sock,server=on,wait=off",
                "-kernel", "/opt/berth/vmlinuz",
                "-initrd", "/opt/berth/initrd.img",
                "-append", "console=ttyS0 quiet",
                "-drive", "file=/var/berth/data.qcow2,if=virtio,format=qcow2,discard=unmap,detect-zeroes=unmap",
                "-netdev", "user,id=net0,hostfwd=tcp:127.0.0.1:8080-:80,hostfwd=udp:127.0.0.1:5353-:53",
                "-device", "virtio-net-pci,netdev=net0");
    }

    @Test
    void windowsRefusesSharedFoldersInsteadOfWritingAVirtfsOptionQemuLacks() {
        assertThatThrownBy(() -> argv(WINDOWS, X86_64, Accelerator.WHPX, developerVm()))
                .isInstanceOfSatisfying(UnsupportedOnPlatformException.class, e -> {
                    assertThat(e.feature()).isEqualTo("shared folders (virtfs)");
                    assertThat(e.platform()).isEqualTo("windows/x86_64");
                    assertThat(e.reason()).startsWith("QEMU for Windows is built without virtfs/9p, so folder(s) /home/dev/project, /home/dev/.config/berth cannot be shared");
                });
    }

    @Test
    void refusesAHypervisorOfAnotherOs() {
        assertThatThrownBy(() -> new QemuCommandLine(new HostPlatform(LINUX, X86_64), Accelerator.HVF))
                .isInstanceOf(UnsupportedOnPlatformException.class)
                .hasMessage("accelerator hvf is not supported on linux/x86_64: hvf is a hypervisor of another OS; use AcceleratorChooser to pick one for this host");
        assertThatThrownBy(() -> new QemuCommandLine(new HostPlatform(MACOS, AARCH64), Accelerator.KVM))
                .isInstanceOf(UnsupportedOnPlatformException.class);
    }

    @Test
    void firmwareBootHasNoKernelOptionsAndNoForwardsStillHasANetwork() {
        VmSpec bare = new VmSpec("bare", 1, 256, new BootImage.Firmware(), Optional.empty(), List.of(), List.of(),
                Path.of("/tmp/q.sock"), Path.of("/tmp/serial.log"));
        assertThat(argv(LINUX, X86_64, Accelerator.TCG, bare)).containsExactly(
                "qemu-system-x86_64", "-name", "bare", "-machine", "q35", "-accel", "tcg,thread=multi", "-cpu", "max",
                "-smp", "1", "-m", "256", "-nographic", "-nodefaults",
                "-serial", "file:/tmp/serial.log",
                "-qmp", "unix:/tmp/q.sock,server=on,wait=off",
                "-netdev", "user,id=net0",
                "-device", "virtio-net-pci,netdev=net0");
    }

    @Test
    void doublesCommasInsideOptionListsButNotInLiteralOptions() {
        // checked against QEMU 7.2: -kernel, -initrd, -append and "-serial file:" take the rest of the argument as is
        Path dir = Path.of("/home/dev/a,b");
        VmSpec spec = new VmSpec("web,dev", 1, 512,
                new BootImage.DirectKernel(dir.resolve("vmlinuz"), dir.resolve("initrd"), "root=/dev/vda,ro"),
                Optional.of(DiskImage.of(dir.resolve("disk.raw"))),
                List.of(),
                List.of(new SharedFolder(dir, "code", false)),
                dir.resolve("qmp.sock"), dir.resolve("serial.log"));

        List<String> argv = argv(LINUX, X86_64, Accelerator.KVM, spec);

        assertThat(argv).containsSubsequence("-name", "web,,dev");
        assertThat(argv).containsSubsequence("-qmp", "unix:/home/dev/a,,b/qmp.sock,server=on,wait=off");
        assertThat(argv).containsSubsequence("-drive", "file=/home/dev/a,,b/disk.raw,if=virtio,format=raw,discard=unmap,detect-zeroes=unmap");
        assertThat(argv).containsSubsequence("-virtfs", "local,path=/home/dev/a,,b,mount_tag=code,security_model=none");
        assertThat(argv).containsSubsequence("-kernel", "/home/dev/a,b/vmlinuz");
        assertThat(argv).containsSubsequence("-initrd", "/home/dev/a,b/initrd");
        assertThat(argv).containsSubsequence("-append", "root=/dev/vda,ro");
        assertThat(argv).containsSubsequence("-serial", "file:/home/dev/a,b/serial.log");
    }

    @Test
    void escapeDoublesEveryComma() {
        assertThat(QemuCommandLine.escape(",a,,b,")).isEqualTo(",,a,,,,b,,");
        assertThat(QemuCommandLine.escape("plain")).isEqualTo("plain");
    }

    @Test
    void rejectsAQmpSocketPathTooLongForAUnixSocket() {
        Path longSocket = Path.of("/Users/dev/Library/Application Support/dev.berth.Berth/vms/" + "x".repeat(40) + "/qmp.sock");
        VmSpec spec = new VmSpec("berth", 1, 512, new BootImage.Firmware(), Optional.empty(), List.of(), List.of(),
                longSocket, Path.of("/tmp/serial.log"));
        assertThatThrownBy(() -> argv(MACOS, AARCH64, Accelerator.HVF, spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("VM 'berth': QMP socket path " + longSocket + " is 108 bytes, but unix sockets on macos allow at most 103;"
                        + " put the socket in a shorter directory");
    }
}
