package dev.berth.engine.project;

import dev.berth.engine.api.OutputSink;
import java.io.ByteArrayOutputStream;

/**
 * Passes a container's output on without the timestamp the engine puts before each line (the engine port always
 * asks for them, for the log view). Frames are not lines, so a partial line waits for its end.
 */
final class UntimedOutput implements OutputSink {
    private final OutputSink target;
    private final ByteArrayOutputStream[] pending = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};

    UntimedOutput(OutputSink target) {
        this.target = target;
    }

    @Override
    public synchronized void onOutput(boolean stderr, byte[] bytes) throws InterruptedException {
        ByteArrayOutputStream line = pending[stderr ? 1 : 0];
        for (byte b : bytes) {
            line.write(b);
            if (b == '\n') {
                target.onOutput(stderr, withoutTimestamp(line.toByteArray()));
                line.reset();
            }
        }
    }

    @Override
    public synchronized void onEnd(Throwable error) {
        try {
            for (int i = 0; i < 2; i++) {
                if (pending[i].size() > 0) {
                    target.onOutput(i == 1, withoutTimestamp(pending[i].toByteArray()));
                    pending[i].reset();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        target.onEnd(error);
    }

    private static byte[] withoutTimestamp(byte[] line) {
        int space = 0;
        while (space < line.length && line[space] != ' ' && line[space] != '\n') {
            space++;
        }
        // "2026-11-25T20:00:00.123456789Z " starts with a digit and holds a 'T'; anything else is kept whole
        if (space < line.length && line[space] == ' ' && space >= 20 && Character.isDigit(line[0]) && line[10] == 'T') {
            return java.util.Arrays.copyOfRange(line, space + 1, line.length);
        }
        return line;
    }
}
