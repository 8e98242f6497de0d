package dev.berth.vm.qemu;

import dev.berth.vm.HostPlatform;
import dev.berth.vm.VmSpec;
import dev.berth.vm.forward.PortForward;
import dev.berth.vm.forward.SharedFolder;
import dev.berth.vm.image.BootImage;
import dev.berth.vm.spi.Accelerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Starts a real qemu-system-x86_64 under TCG with the command line {@link QemuCommandLine} makes. No guest is
 * booted (no kernel: the firmware just searches), which is enough to prove QEMU accepts every option we write and
 * that we can control and stop it over QMP.
 */
@Tag("vm")
class QemuBootTest {

    private static final HostPlatform LINUX_X86 = new HostPlatform(HostPlatform.Os.LINUX, HostPlatform.Arch.X86_64);
    private static Path qemu;

    @TempDir
    Path dir;

    @BeforeAll
    static void findQemu() {
        try {
            qemu = new QemuBinaryLocator(LINUX_X86, System.getenv("PATH"), Files::isExecutable).locate();
        } catch (QemuNotFoundException e) {
            fail("this test runs a real QEMU: install it with 'apt-get install -y --no-install-recommends qemu-system-x86'. " + e.getMessage());
        }
    }

    @Test
    void qemuAcceptsOurCommandLineAndStopsOverQmp() throws IOException {
        Path shared = Files.createDirectory(dir.resolve("project,with comma"));
        int hostPort = freeLoopbackPort();
        VmSpec spec = new VmSpec("berth-test", 1, 256, new BootImage.Firmware(), Optional.empty(),
                List.of(PortForward.tcp(hostPort, 80)),
                List.of(new SharedFolder(shared, "project", true)),
                dir.resolve("qmp.sock"), dir.resolve("serial.log"));
        List<String> argv = new QemuCommandLine(LINUX_X86, Accelerator.TCG).argv(qemu, spec);

        VmProcess vm = VmProcess.start(argv, spec.qmpSocket(), dir.resolve("qemu.log"), Duration.ofSeconds(60));
        ProcessHandle handle = vm.handle();
        try {
            assertThat(vm.qmp().greeting().path("QMP").path("version").path("qemu").path("major").asInt()).isPositive();
            assertThat(vm.qmp().execute("query-status").path("status").asText()).isEqualTo("running");
            assertThat(vm.qmp().execute("query-name").path("name").asText()).isEqualTo("berth-test");
            // QEMU itself listens on the host side of a user-mode forward
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", hostPort), 10_000);
                assertThat(socket.isConnected()).isTrue();
            }
        } finally {
            VmProcess.StopOutcome outcome = vm.stop(Duration.ofSeconds(30));
            assertThat(outcome).isEqualTo(VmProcess.StopOutcome.QUIT_OVER_QMP);
        }
        assertThat(handle.isAlive()).isFalse();
        assertThat(vm.stop(Duration.ofSeconds(1))).isEqualTo(VmProcess.StopOutcome.ALREADY_EXITED);
        assertThat(spec.qmpSocket()).doesNotExist();
        assertThat(spec.serialLog()).exists(); // QEMU opened our serial file
    }

    @Test
    void aRejectedOptionSurfacesQemusOwnMessage() throws IOException {
        Path socket = dir.resolve("qmp.sock");
        List<String> argv = List.of(qemu.toString(), "-machine", "q35", "-accel", "tcg", "-nodefaults", "-nographic",
                "-device", "no-such-device",
                "-qmp", "unix:" + socket + ",server=on,wait=off");

        assertThatThrownBy(() -> VmProcess.start(argv, socket, dir.resolve("qemu.log"), Duration.ofSeconds(60)))
                .isInstanceOf(VmStartException.class)
                .hasMessageContaining("QEMU exited with code 1 before opening " + socket)
                .hasMessageContaining("-device no-such-device: 'no-such-device' is not a valid device model name");
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
