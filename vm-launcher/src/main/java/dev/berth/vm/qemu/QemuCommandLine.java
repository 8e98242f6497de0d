package dev.berth.vm.qemu;

import dev.berth.vm.HostPlatform;
import dev.berth.vm.UnsupportedOnPlatformException;
import dev.berth.vm.VmSpec;
import dev.berth.vm.forward.PortForward;
import dev.berth.vm.forward.SharedFolder;
import dev.berth.vm.image.BootImage;
import dev.berth.vm.spi.Accelerator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns a {@link VmSpec} into the argv for {@code qemu-system-<arch>} on one host platform with one accelerator.
 *
 * <p>Escaping follows how QEMU parses each option, which differs per option: values inside a {@code key=value,...}
 * option list ({@code -name}, {@code -qmp unix:}, {@code -virtfs}, {@code -drive}) have every comma doubled, while
 * {@code -kernel}, {@code -initrd}, {@code -append} and {@code -serial file:} take the rest of the argument
 * literally, where a doubled comma would become part of the file name. No shell is involved (ProcessBuilder), so
 * there is no shell quoting.
 */
public record QemuCommandLine(HostPlatform platform, Accelerator accelerator) {

    /** The id tying {@code -netdev} to its {@code -device}. */
    public static final String NET_ID = "net0";

    public QemuCommandLine {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(accelerator, "accelerator");
        if (!accelerator.existsOn(platform)) {
            throw new UnsupportedOnPlatformException("accelerator " + accelerator.qemuName(), platform.toString(),
                    accelerator.qemuName() + " is a hypervisor of another OS; use AcceleratorChooser to pick one for this host");
        }
    }

    /**
     * @param qemuBinary becomes argv[0]; normally what {@link QemuBinaryLocator} found
     * @throws UnsupportedOnPlatformException when the spec asks for something QEMU cannot do on this platform
     * @throws IllegalArgumentException       when a path cannot be used (e.g. a QMP socket path too long for a
     *                                        unix socket)
     */
    public List<String> argv(Path qemuBinary, VmSpec spec) {
        Objects.requireNonNull(qemuBinary, "qemuBinary");
        Objects.requireNonNull(spec, "spec");
        checkSocketPathLength(spec);
        if (platform.os() == HostPlatform.Os.WINDOWS && !spec.folders().isEmpty()) {
            throw new UnsupportedOnPlatformException("shared folders (virtfs)", platform.toString(),
                    "QEMU for Windows is built without virtfs/9p, so folder(s) " + spec.folders().stream()
                            .map(f -> f.hostPath().toString()).collect(Collectors.joining(", "))
                            + " cannot be shared this way; VM '" + spec.name() + "' needs another file sharing transport on Windows");
        }

        List<String> argv = new ArrayList<>();
        argv.add(qemuBinary.toString());
        add(argv, "-name", escape(spec.name()));
        add(argv, "-machine", platform.arch() == HostPlatform.Arch.X86_64 ? "q35" : "virt");
        // multi-threaded TCG lets each vCPU use its own host core; it is the default only on some hosts
        add(argv, "-accel", accelerator == Accelerator.TCG ? "tcg,thread=multi" : accelerator.qemuName());
        // "host" passes the real CPU through, which only a hypervisor can do; "max" is every feature TCG emulates
        add(argv, "-cpu", accelerator.isHardware() ? "host" : "max");
        add(argv, "-smp", Integer.toString(spec.cpus()));
        add(argv, "-m", Integer.toString(spec.memoryMiB()));
        // no window and none of the default devices (VGA, parallel port, monitor on stdio): we talk over QMP only
        argv.add("-nographic");
        argv.add("-nodefaults");
        add(argv, "-serial", "file:" + spec.serialLog());
        add(argv, "-qmp", "unix:" + escape(spec.qmpSocket().toString()) + ",server=on,wait=off");

        switch (spec.boot()) {
            case BootImage.DirectKernel kernel -> {
                add(argv, "-kernel", kernel.kernel().toString());
                kernel.initrd().ifPresent(initrd -> add(argv, "-initrd", initrd.toString()));
                if (!kernel.cmdline().isEmpty()) {
                    add(argv, "-append", kernel.cmdline());
                }
            }
            case BootImage.Firmware firmware -> {
                // nothing to add: the firmware searches the attached devices
            }
        }
        spec.disk().ifPresent(disk -> add(argv, "-drive",
                "file=" + escape(disk.path().toString()) + ",if=virtio,format=" + disk.format().qemuName()
                        // what the guest frees (and the zeros it writes) become holes again: the file stays small
                        + ",discard=unmap,detect-zeroes=unmap"));

        StringBuilder netdev = new StringBuilder("user,id=" + NET_ID);
        for (PortForward port : spec.ports()) {
            netdev.append(",hostfwd=").append(port.qemuHostfwdRule());
        }
        add(argv, "-netdev", netdev.toString());
        add(argv, "-device", "virtio-net-pci,netdev=" + NET_ID);

        for (SharedFolder folder : spec.folders()) {
            // "none": the guest sees the host's files as they are (symlinks, modes) and what it writes belongs to
            // the user running QEMU, who needs no root; mapped-xattr would turn symlinks into plain files
            add(argv, "-virtfs", "local,path=" + escape(folder.hostPath().toString())
                    + ",mount_tag=" + folder.tag()
                    + ",security_model=none"
                    + (folder.readOnly() ? ",readonly=on" : ""));
        }
        return List.copyOf(argv);
    }

    /** QEMU option-list escaping: a literal comma is written as two. */
    public static String escape(String value) {
        return value.replace(",", ",,");
    }

    private void checkSocketPathLength(VmSpec spec) {
        // sun_path is 104 bytes on macOS and 108 on Linux and Windows, including the terminating NUL
        int limit = (platform.os() == HostPlatform.Os.MACOS ? 104 : 108) - 1;
        int length = spec.qmpSocket().toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > limit) {
            throw new IllegalArgumentException("VM '" + spec.name() + "': QMP socket path " + spec.qmpSocket() + " is "
                    + length + " bytes, but unix sockets on " + platform.os().name().toLowerCase(java.util.Locale.ROOT) + " allow at most " + limit
                    + "; put the socket in a shorter directory");
        }
    }

    private static void add(List<String> argv, String option, String value) {
        argv.add(option);
        argv.add(value);
    }
}
