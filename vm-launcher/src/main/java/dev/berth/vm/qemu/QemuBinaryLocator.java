package dev.berth.vm.qemu;

import dev.berth.vm.HostPlatform;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Finds {@code qemu-system-<arch>}: first on PATH, then where the usual installers put it, because apps started from
 * the macOS Dock or the Windows Start menu do not inherit the PATH of the user's shell.
 */
public final class QemuBinaryLocator {

    private final HostPlatform platform;
    private final String pathVariable;
    private final Predicate<Path> isExecutable;

    /**
     * @param pathVariable the PATH value to search, entries separated by ';' on Windows and ':' elsewhere
     * @param isExecutable decides whether a candidate can be run; injectable so tests need no real binaries
     */
    public QemuBinaryLocator(HostPlatform platform, String pathVariable, Predicate<Path> isExecutable) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.pathVariable = pathVariable == null ? "" : pathVariable;
        this.isExecutable = Objects.requireNonNull(isExecutable, "isExecutable");
    }

    public static QemuBinaryLocator forCurrentHost() {
        HostPlatform platform = HostPlatform.current();
        // Windows spells it "Path", but getenv is case-insensitive there
        return new QemuBinaryLocator(platform, System.getenv("PATH"), path -> Files.isRegularFile(path) && Files.isExecutable(path));
    }

    /** @throws QemuNotFoundException naming every place tried and how to install QEMU */
    public Path locate() {
        List<Path> tried = candidates();
        for (Path candidate : tried) {
            if (isExecutable.test(candidate)) {
                return candidate;
            }
        }
        throw new QemuNotFoundException(platform.qemuSystemExecutableName(), tried, installHint());
    }

    /** Every place looked at, in order. */
    public List<Path> candidates() {
        String executable = platform.qemuSystemExecutableName();
        List<Path> candidates = new ArrayList<>();
        String separator = platform.os() == HostPlatform.Os.WINDOWS ? ";" : ":";
        for (String entry : pathVariable.split(separator)) {
            String dir = entry.strip();
            if (platform.os() == HostPlatform.Os.WINDOWS && dir.length() > 1 && dir.startsWith("\"") && dir.endsWith("\"")) {
                dir = dir.substring(1, dir.length() - 1); // Windows allows quoted PATH entries
            }
            if (dir.isEmpty()) {
                continue; // an empty entry means "current directory": never run a binary from there
            }
            addCandidate(candidates, dir, executable);
        }
        for (String dir : wellKnownDirectories()) {
            addCandidate(candidates, dir, executable);
        }
        return List.copyOf(candidates);
    }

    private List<String> wellKnownDirectories() {
        return switch (platform.os()) {
            // Homebrew on Apple silicon, then Homebrew on Intel (and MacPorts-less manual installs)
            case MACOS -> List.of("/opt/homebrew/bin", "/usr/local/bin");
            case WINDOWS -> List.of("C:\\Program Files\\qemu");
            case LINUX -> List.of("/usr/bin", "/usr/local/bin");
        };
    }

    private static void addCandidate(List<Path> candidates, String dir, String executable) {
        try {
            Path candidate = Path.of(dir).resolve(executable);
            if (!candidates.contains(candidate)) {
                candidates.add(candidate);
            }
        } catch (InvalidPathException e) {
            // a PATH entry this file system cannot represent cannot hold QEMU either
        }
    }

    private String installHint() {
        return switch (platform.os()) {
            case MACOS -> "install QEMU with 'brew install qemu'";
            case WINDOWS -> "install QEMU for Windows (e.g. 'winget install SoftwareFreedomConservancy.QEMU') into C:\\Program Files\\qemu";
            case LINUX -> "install it with 'sudo apt-get install "
                    + (platform.arch() == HostPlatform.Arch.X86_64 ? "qemu-system-x86" : "qemu-system-arm")
                    + "' (Debian/Ubuntu) or your distribution's QEMU system package";
        };
    }
}
