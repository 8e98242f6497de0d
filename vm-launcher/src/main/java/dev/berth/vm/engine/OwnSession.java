package dev.berth.vm.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command in a session of its own, so that a terminal's Ctrl+C reaches the process that started it (which
 * stops the guest in order) and not the command (QEMU, which would end at once and leave the data disk to be
 * checked at the next boot). Either wrapper calls setsid() and then execs the command, which keeps the pid that
 * Java started: util-linux's {@code setsid} on Linux, Perl's POSIX module on macOS (which has no setsid command
 * but ships Perl). Without either, the command runs as it is.
 */
final class OwnSession {
    static final Path SETSID = Path.of("/usr/bin/setsid");
    static final Path PERL = Path.of("/usr/bin/perl");
    /** setsid() is allowed: the child Java starts is never a process group leader. */
    private static final String PERL_SETSID = "use POSIX (); POSIX::setsid() or die \"setsid: $!\\n\";"
            + " exec { $ARGV[0] } @ARGV or die \"cannot run $ARGV[0]: $!\\n\";";

    private final Path setsid;
    private final Path perl;

    OwnSession() {
        this(SETSID, PERL);
    }

    /** With the wrappers looked for at these paths (tests name paths that do not exist). */
    OwnSession(Path setsid, Path perl) {
        this.setsid = setsid;
        this.perl = perl;
    }

    /** {@code argv}, wrapped so that it runs in a session of its own where this machine can. */
    List<String> wrap(List<String> argv) {
        List<String> wrapped = new ArrayList<>();
        if (Files.isExecutable(setsid)) {
            wrapped.add(setsid.toString());
        } else if (Files.isExecutable(perl)) {
            wrapped.addAll(List.of(perl.toString(), "-e", PERL_SETSID, "--"));
        }
        wrapped.addAll(argv);
        return wrapped;
    }
}
