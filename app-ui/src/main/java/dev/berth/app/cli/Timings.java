package dev.berth.app.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;

/** With BERTH_TIMINGS set in the environment, a verb says where its time went (the benchmark scripts read it). */
final class Timings {

    private Timings() {
    }

    static long since(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    static void report(PrintWriter err, String verb, String figures) {
        if (System.getenv("BERTH_TIMINGS") == null) {
            return;
        }
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        err.printf("berth: %s took %s; %d ms since the JVM started%n", verb, figures, sinceJvmStart);
        err.flush();
    }
}
