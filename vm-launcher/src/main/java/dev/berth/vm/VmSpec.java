package dev.berth.vm;

import dev.berth.vm.forward.PortForward;
import dev.berth.vm.forward.SharedFolder;
import dev.berth.vm.image.BootImage;
import dev.berth.vm.image.DiskImage;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the VM should look like, independent of the hypervisor that will run it.
 *
 * @param name        shown by QEMU (process title, QMP); also names the VM in messages
 * @param cpus        virtual CPUs, at least 1
 * @param memoryMiB   guest RAM, at least {@value #MIN_MEMORY_MIB} MiB: a container engine does not start in less
 * @param boot        how the guest starts: a kernel Berth ships, or whatever the firmware finds
 * @param disk        the writable disk holding images and volumes, if any
 * @param ports       host ports forwarded into the guest
 * @param folders     host folders shared with the guest
 * @param qmpSocket   unix socket QEMU serves its QMP control protocol on
 * @param serialLog   file receiving the guest's serial console (kernel log, boot problems)
 */
public record VmSpec(String name,
                     int cpus,
                     int memoryMiB,
                     BootImage boot,
                     Optional<DiskImage> disk,
                     List<PortForward> ports,
                     List<SharedFolder> folders,
                     Path qmpSocket,
                     Path serialLog) {

    public static final int MIN_MEMORY_MIB = 256;

    public VmSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(qmpSocket, "qmpSocket");
        Objects.requireNonNull(serialLog, "serialLog");
        ports = List.copyOf(ports);
        folders = List.copyOf(folders);
        if (name.isBlank()) {
            throw new IllegalArgumentException("VM name is blank: give the VM a name such as 'berth'");
        }
        String where = "VM '" + name + "': ";
        if (cpus < 1) {
            throw new IllegalArgumentException(where + "cpus is " + cpus + "; a VM needs at least 1 CPU");
        }
        if (memoryMiB < MIN_MEMORY_MIB) {
            throw new IllegalArgumentException(where + "memoryMiB is " + memoryMiB + "; the container engine needs at least "
                    + MIN_MEMORY_MIB + " MiB, set memoryMiB to " + MIN_MEMORY_MIB + " or more");
        }
        Map<String, PortForward> byHostSocket = new HashMap<>();
        for (PortForward port : ports) {
            String hostSocket = port.hostPort() + "/" + port.protocol().qemuName();
            PortForward earlier = byHostSocket.putIfAbsent(hostSocket, port);
            if (earlier != null) {
                throw new IllegalArgumentException(where + "host port " + hostSocket + " is forwarded twice (to guest ports "
                        + earlier.guestPort() + " and " + port.guestPort() + "); pick a different host port for one of them");
            }
        }
        Map<String, SharedFolder> byTag = new HashMap<>();
        for (SharedFolder folder : folders) {
            SharedFolder earlier = byTag.putIfAbsent(folder.tag(), folder);
            if (earlier != null) {
                throw new IllegalArgumentException(where + "mount tag '" + folder.tag() + "' is used for both "
                        + earlier.hostPath() + " and " + folder.hostPath() + "; give each shared folder its own tag");
            }
        }
    }
}
