package dev.berth.app.cli;

import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressListener;
import java.io.PrintWriter;

/**
 * Prints up/down progress one line per step, as {@code docker compose --progress plain} does:
 * {@code  ✔ Container trainingwheels-web-1  Started}. Build output lines are indented under their service; a pull
 * prints the service's percentage over all layers each time it passes a tenth.
 */
final class ProgressPrinter implements ProgressListener {
    private final PrintWriter out;
    /** The last pull percentage printed per service and image, so a pull prints every tenth, not every message. */
    private final java.util.Map<String, Integer> pullShown = new java.util.HashMap<>();
    /** "\n", or "\r\n" while the terminal is in raw mode (no carriage return of its own). */
    private final String lineEnd;

    ProgressPrinter(PrintWriter out) {
        this(out, false);
    }

    ProgressPrinter(PrintWriter out, boolean rawTerminal) {
        this.out = out;
        this.lineEnd = rawTerminal ? "\r\n" : System.lineSeparator();
    }

    @Override
    public synchronized void onEvent(ProgressEvent e) {
        String mark = switch (e.step()) {
            case FAILED -> " ✘";
            case WARNING -> " !";
            case CREATED, STARTED, HEALTHY, STOPPED, REMOVED, RUNNING, DONE -> " ✔";
            default -> " ⠿";
        };
        if (e.step() == ProgressEvent.Step.PULLING && !e.detail().isEmpty()) {
            int percent = e.pullPercent();
            String key = e.service() + " " + e.resource();
            Integer shown = pullShown.get(key);
            // one layer's messages are for the UI's detail; the line shows the service's whole pull
            if (percent < 0 || (shown != null && percent / 10 == shown / 10 && percent < 100) || Integer.valueOf(percent)
                    .equals(shown)) {
                return;
            }
            pullShown.put(key, percent);
        }
        if (e.step() == ProgressEvent.Step.BUILDING && !e.detail().isEmpty()) {
            out.print("   " + e.service() + " | " + e.detail() + lineEnd);
        } else {
            String word = e.step().name().charAt(0) + e.step().name().substring(1).toLowerCase(java.util.Locale.ROOT);
            out.printf("%s %-40s %s%s%s", mark, e.resource(), word, e.detail().isEmpty() ? "" : "  " + e.detail(),
                    lineEnd);
        }
        out.flush();
    }
}
