package dev.berth.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl+C while {@code up} follows the logs, as {@code docker compose} v2 takes it: the first one stops the
 * containers gracefully, a second one kills them. The JVM's own handler (which would end the process and leave
 * the containers running) is set aside meanwhile and put back on {@link #close()}.
 */
final class CtrlC implements AutoCloseable {
    private final AtomicInteger count = new AtomicInteger();
    private final PrintWriter err;
    private volatile Runnable onSecond = () -> { };
    private sun.misc.Signal signal;
    private sun.misc.SignalHandler previous;

    private CtrlC(PrintWriter err) {
        this.err = err;
    }

    /** Catches SIGINT from now on; where the JVM cannot catch it, Ctrl+C ends the process as before. */
    static CtrlC catchInterrupts(PrintWriter err) {
        CtrlC c = new CtrlC(err);
        try {
            c.signal = new sun.misc.Signal("INT");
            c.previous = sun.misc.Signal.handle(c.signal, s -> c.interrupted());
        } catch (IllegalArgumentException unsupported) {
            c.signal = null;
        }
        return c;
    }

    /** What the signal handler does; also how a test presses Ctrl+C. */
    void interrupted() {
        int n = count.incrementAndGet();
        if (n == 1) {
            err.println("Gracefully stopping... (press Ctrl+C again to force)");
            err.flush();
        } else if (n == 2) {
            onSecond.run();
        }
    }

    /** Whether Ctrl+C was pressed. */
    boolean caught() {
        return count.get() > 0;
    }

    /** What a second Ctrl+C does (kill what is still stopping). */
    void onSecond(Runnable action) {
        onSecond = action;
        if (count.get() >= 2) {
            action.run();
        }
    }

    @Override
    public void close() {
        if (signal != null) {
            sun.misc.Signal.handle(signal, previous);
        }
    }
}
