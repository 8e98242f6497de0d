package dev.berth.app.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;

/** With BERTH_TIMINGS set in the environment, a verb says where its time went (the benchmark scripts read it). */
final class Timings {

    /** In a resident process: the command's own BERTH_TIMINGS (null: unset), which its environment cannot say. */
    private static final ThreadLocal<String> RESIDENT = new ThreadLocal<>();
    private static volatile boolean resident;

    private Timings() {
    }

    /** A resident process runs a command with this BERTH_TIMINGS (null: unset) on the calling thread. */
    static void resident(String value) {
        resident = true;
        RESIDENT.set(value);
    }

    static long since(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    static void report(PrintWriter err, String verb, String figures) {
        if ((resident ? RESIDENT.get() : System.getenv("BERTH_TIMINGS")) == null) {
            return;
        }
        if (resident) {
            err.printf("berth: %s took %s; in a resident process%n", verb, figures);
        } else {
            long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            err.printf("berth: %s took %s; %d ms since the JVM started%n", verb, figures, sinceJvmStart);
        }
        err.flush();
    }
}
