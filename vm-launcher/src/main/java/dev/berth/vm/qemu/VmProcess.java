package dev.berth.vm.qemu;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A running QEMU, controlled over QMP. {@link #stop} asks politely first (QMP {@code quit}), then terminates, then
 * kills, and only returns once the process is gone, so a Berth exit leaves no VM eating the user's RAM.
 */
public final class VmProcess implements AutoCloseable {

    /** How long each stop step waits before the next, harsher one. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration RETRY_CONNECT_EVERY = Duration.ofMillis(50);
    private static final Duration QMP_REPLY_TIMEOUT = Duration.ofSeconds(10);

    public enum StopOutcome {
        /** QEMU had exited before stop was called (guest powered off, or it crashed). */
        ALREADY_EXITED,
        /** QEMU exited after QMP quit: the clean path. */
        QUIT_OVER_QMP,
        /** QEMU ignored quit and exited on SIGTERM (TerminateProcess on Windows). */
        TERMINATED,
        /** QEMU had to be killed. */
        KILLED
    }

    private final Process process;
    private final QmpClient qmp;
    private final Path qmpSocket;

    private VmProcess(Process process, QmpClient qmp, Path qmpSocket) {
        this.process = process;
        this.qmp = qmp;
        this.qmpSocket = qmpSocket;
    }

    /**
     * Starts QEMU and returns once its QMP socket accepts commands.
     *
     * @param argv         as made by {@link QemuCommandLine#argv}; must serve QMP on {@code qmpSocket}
     * @param outputLog    receives QEMU's own stdout and stderr (its error messages), not the guest console
     * @param startTimeout how long QEMU may take to open the socket
     * @throws VmStartException when QEMU exits early or the socket does not come up; the message carries QEMU's
     *                          output, which names the offending option
     */
    public static VmProcess start(List<String> argv, Path qmpSocket, Path outputLog, Duration startTimeout) throws IOException {
        Objects.requireNonNull(argv, "argv");
        Objects.requireNonNull(qmpSocket, "qmpSocket");
        Objects.requireNonNull(outputLog, "outputLog");
        // a socket left by a crashed run would be connectable-looking garbage until QEMU replaces it
        Files.deleteIfExists(qmpSocket);
        Process process = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(outputLog.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE) // closed below: QEMU must never wait on our stdin
                .start();
        process.getOutputStream().close();
        try {
            QmpClient qmp = awaitQmp(process, qmpSocket, outputLog, startTimeout);
            return new VmProcess(process, qmp, qmpSocket);
        } catch (IOException | RuntimeException e) {
            stopProcess(process, DEFAULT_STOP_GRACE);
            throw e;
        }
    }

    public QmpClient qmp() {
        return qmp;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops QEMU and waits until it has exited; safe to call more than once.
     *
     * @param grace how long to wait after quit, and again after terminate, before escalating
     */
    public StopOutcome stop(Duration grace) {
        StopOutcome outcome;
        if (!process.isAlive()) {
            outcome = StopOutcome.ALREADY_EXITED;
        } else {
            try {
                qmp.quit();
            } catch (IOException e) {
                // QEMU is wedged or the socket is gone: the steps below take over
            }
            outcome = waitFor(process, grace) ? StopOutcome.QUIT_OVER_QMP : stopProcess(process, grace);
        }
        try {
            qmp.close();
            if (outcome != StopOutcome.ALREADY_EXITED) {
                // one that ended by itself took its socket along; the path may be a new QEMU's by now
                Files.deleteIfExists(qmpSocket);
            }
        } catch (IOException e) {
            // leaving a dead socket file behind is harmless: start() removes it
        }
        return outcome;
    }

    @Override
    public void close() {
        stop(DEFAULT_STOP_GRACE);
    }

    private static QmpClient awaitQmp(Process process, Path qmpSocket, Path outputLog, Duration startTimeout) throws IOException {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        IOException lastFailure = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new VmStartException("QEMU exited with code " + process.exitValue() + " before opening " + qmpSocket
                        + "; its output (" + outputLog + "):\n" + tail(outputLog));
            }
            if (Files.exists(qmpSocket)) {
                try {
                    return QmpClient.connect(qmpSocket, QMP_REPLY_TIMEOUT);
                } catch (IOException e) {
                    lastFailure = e; // the file exists a moment before QEMU listens on it
                }
            }
            sleep(RETRY_CONNECT_EVERY);
        }
        throw new VmStartException("QEMU did not open " + qmpSocket + " within " + startTimeout.toMillis() + " ms"
                + (lastFailure == null ? "" : " (last attempt: " + lastFailure.getMessage() + ")")
                + "; its output (" + outputLog + "):\n" + tail(outputLog));
    }

    private static StopOutcome stopProcess(Process process, Duration grace) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (waitFor(process, grace)) {
            return StopOutcome.TERMINATED;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        // SIGKILL cannot be ignored; this wait only covers the kernel reaping the process
        waitFor(process, grace);
        return StopOutcome.KILLED;
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void sleep(Duration duration) throws InterruptedIOException {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for QEMU to start");
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
    }
}
