package dev.berth.app.cli;

import dev.berth.engine.api.OutputSink;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Writes a container's output to the command's out (stdout) and err (stderr) writers as it arrives. */
final class TerminalOutput implements OutputSink {
    private final PrintWriter out;
    private final PrintWriter err;

    TerminalOutput(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void onOutput(boolean stderr, byte[] bytes) {
        PrintWriter target = stderr ? err : out;
        target.print(new String(bytes, StandardCharsets.UTF_8));
        target.flush();
    }

    @Override
    public void onEnd(Throwable error) {
        out.flush();
        err.flush();
    }
}
