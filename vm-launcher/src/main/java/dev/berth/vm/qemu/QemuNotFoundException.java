package dev.berth.vm.qemu;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** QEMU is not installed where we looked; the message lists the places and how to install it. */
public final class QemuNotFoundException extends RuntimeException {

    private final List<Path> tried;

    public QemuNotFoundException(String executable, List<Path> tried, String installHint) {
        super(executable + " not found; looked at: "
                + tried.stream().map(Path::toString).collect(Collectors.joining(", "))
                + ". To fix: " + installHint);
        this.tried = List.copyOf(tried);
    }

    public List<Path> tried() {
        return tried;
    }
}
