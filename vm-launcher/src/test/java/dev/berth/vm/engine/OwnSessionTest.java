package dev.berth.vm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * QEMU runs in a session of its own under the same pid, with setsid (Linux) or, where there is none (macOS),
 * Perl; both are run for real here and the kernel asked which session the process is in.
 */
class OwnSessionTest {
    private static final Path NONE = Path.of("/nonexistent/wrapper");

    @Test
    void setsidStartsTheCommandInASessionOfItsOwnUnderThePidJavaStarted() throws Exception {
        assumeTrue(Files.isExecutable(OwnSession.SETSID), "no " + OwnSession.SETSID + " here");
        List<String> argv = new OwnSession(OwnSession.SETSID, NONE).wrap(List.of("sleep", "30"));
        assertThat(argv).containsExactly(OwnSession.SETSID.toString(), "sleep", "30");
        assertOwnSession(argv);
    }

    @Test
    void withoutSetsidPerlDoesTheSameAsOnMacOs() throws Exception {
        assumeTrue(Files.isExecutable(OwnSession.PERL), "no " + OwnSession.PERL + " here");
        List<String> argv = new OwnSession(NONE, OwnSession.PERL).wrap(List.of("sleep", "30"));
        assertThat(argv.subList(0, 2)).containsExactly(OwnSession.PERL.toString(), "-e");
        assertOwnSession(argv);
    }

    @Test
    void perlPassesEveryArgumentAsItIs() throws Exception {
        assumeTrue(Files.isExecutable(OwnSession.PERL), "no " + OwnSession.PERL + " here");
        List<String> argv = new OwnSession(NONE, OwnSession.PERL).wrap(List.of("sh", "-c",
                "printf '[%s]' \"$@\"", "sh", "-name", "a b", "$HOME", "--", "*"));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out).isEqualTo("[-name][a b][$HOME][--][*]");
    }

    @Test
    void aCommandThatCannotRunFailsWithItsName() throws Exception {
        assumeTrue(Files.isExecutable(OwnSession.PERL), "no " + OwnSession.PERL + " here");
        Process p = new ProcessBuilder(new OwnSession(NONE, OwnSession.PERL).wrap(List.of("/nonexistent/qemu")))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isNotZero();
        assertThat(out).contains("cannot run /nonexistent/qemu");
    }

    @Test
    void withNeitherTheCommandRunsAsItIs() {
        assertThat(new OwnSession(NONE, NONE).wrap(List.of("qemu-system-x86_64", "-m", "2048")))
                .containsExactly("qemu-system-x86_64", "-m", "2048");
    }

    /** Starts argv; the pid Java has runs `sleep 30` (exec'd, not forked) and leads a session of its own. */
    private static void assertOwnSession(List<String> argv) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc to ask");
        Process p = new ProcessBuilder(argv).start();
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            String cmdline = "";
            while (!cmdline.equals("sleep 30") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ').strip();
            }
            assertThat(cmdline).as("the wrapper exec'd the command under its own pid").isEqualTo("sleep 30");
            assertThat(sessionOf(p.pid())).as("a session of its own").isEqualTo(p.pid())
                    .isNotEqualTo(sessionOf(ProcessHandle.current().pid()));
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    /** Field 6 of /proc/PID/stat, after the command name in parentheses. */
    private static long sessionOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }
}
