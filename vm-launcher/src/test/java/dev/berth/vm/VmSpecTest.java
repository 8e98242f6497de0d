package dev.berth.vm;

import dev.berth.vm.forward.PortForward;
import dev.berth.vm.forward.Protocol;
import dev.berth.vm.forward.SharedFolder;
import dev.berth.vm.image.BootImage;
import dev.berth.vm.image.DiskImage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VmSpecTest {

    private static VmSpec spec(int cpus, int memoryMiB, List<PortForward> ports, List<SharedFolder> folders) {
        return new VmSpec("berth", cpus, memoryMiB, new BootImage.Firmware(), Optional.empty(), ports, folders,
                Path.of("/run/berth/qmp.sock"), Path.of("/var/log/berth/serial.log"));
    }

    @Test
    void acceptsTheSmallestSensibleVm() {
        assertThatCode(() -> spec(1, 256, List.of(PortForward.tcp(1, 65535)), List.of())).doesNotThrowAnyException();
    }

    @Test
    void needsAtLeastOneCpu() {
        assertThatThrownBy(() -> spec(0, 1024, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("VM 'berth': cpus is 0; a VM needs at least 1 CPU");
    }

    @Test
    void needsEnoughMemoryForTheEngine() {
        assertThatThrownBy(() -> spec(2, 255, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("VM 'berth': memoryMiB is 255; the container engine needs at least 256 MiB, set memoryMiB to 256 or more");
    }

    @Test
    void rejectsTheSameHostPortTwice() {
        assertThatThrownBy(() -> spec(2, 1024, List.of(PortForward.tcp(8080, 80), PortForward.tcp(8080, 81)), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("VM 'berth': host port 8080/tcp is forwarded twice (to guest ports 80 and 81); pick a different host port for one of them");
    }

    @Test
    void allowsTheSameHostPortForTcpAndUdp() {
        // separate sockets on the host, so no clash (DNS on 5353 is the usual case)
        assertThatCode(() -> spec(2, 1024, List.of(PortForward.tcp(5353, 53), PortForward.udp(5353, 53)), List.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsTheSameMountTagTwice() {
        assertThatThrownBy(() -> spec(2, 1024, List.of(), List.of(
                new SharedFolder(Path.of("/home/dev/a"), "project", false),
                new SharedFolder(Path.of("/home/dev/b"), "project", true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("VM 'berth': mount tag 'project' is used for both /home/dev/a and /home/dev/b; give each shared folder its own tag");
    }

    @Test
    void rejectsABlankName() {
        assertThatThrownBy(() -> new VmSpec(" ", 1, 512, new BootImage.Firmware(), Optional.empty(), List.of(), List.of(),
                Path.of("/q"), Path.of("/s")))
                .hasMessage("VM name is blank: give the VM a name such as 'berth'");
    }

    @Test
    void rejectsPortsOutsideTheValidRange() {
        assertThatThrownBy(() -> PortForward.tcp(0, 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port forward 0->80: host port 0 is outside 1-65535; use a port number in that range");
        assertThatThrownBy(() -> PortForward.tcp(8080, 65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port forward 8080->65536: guest port 65536 is outside 1-65535; use a port number in that range");
    }

    @Test
    void forwardsFromIpv4AddressesOnly() {
        assertThatThrownBy(() -> new PortForward("::1", 8080, 80, Protocol.TCP))
                .hasMessage("port forward 8080->80: host address '::1' is not an IPv4 address; QEMU's user network forwards from IPv4 only, use 127.0.0.1");
        assertThatThrownBy(() -> new PortForward("127.0.0.256", 8080, 80, Protocol.TCP))
                .hasMessageContaining("'127.0.0.256' is not an IPv4 address");
    }

    @Test
    void sharedFoldersNeedAnAbsolutePathAndAPlainTag() {
        assertThatThrownBy(() -> new SharedFolder(Path.of("relative/dir"), "code", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("shared folder 'code': path 'relative/dir' is relative; give the absolute path");
        assertThatThrownBy(() -> new SharedFolder(Path.of("/srv"), "a,b", false))
                .hasMessage("shared folder /srv: mount tag 'a,b' must be 1-31 characters of letters, digits, '_', '.' or '-'");
        assertThatThrownBy(() -> new SharedFolder(Path.of("/srv"), "x".repeat(32), false))
                .hasMessageContaining("must be 1-31 characters");
    }

    @Test
    void diskFormatFollowsTheFileExtension() {
        assertThat(DiskImage.of(Path.of("/vm/data.QCOW2")).format()).isEqualTo(DiskImage.Format.QCOW2);
        assertThat(DiskImage.of(Path.of("/vm/data.img")).format()).isEqualTo(DiskImage.Format.RAW);
    }
}
