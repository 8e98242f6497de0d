package dev.berth.app.cli;

import dev.berth.engine.api.ExecRequest.TerminalSize;
import dev.berth.engine.api.TerminalResizes;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The user's terminal in raw mode while a command with a TTY runs, as {@code docker compose exec} leaves it: each
 * key goes to the container as typed (Ctrl+C, arrows, Tab), and only the container's terminal echoes. The settings
 * are restored on close and, should the JVM be stopped, by a shutdown hook. Uses {@code stty} on
 * {@code /dev/tty}; where there is none (Windows, no terminal), the terminal stays as it is.
 */
final class RawTerminal implements AutoCloseable {
    private static final File TTY = new File("/dev/tty");

    private final String saved;
    private final TerminalSize size;
    private final Thread restoreOnExit = Thread.ofPlatform().unstarted(this::restore);
    private boolean restored;

    private RawTerminal(String saved, TerminalSize size) {
        this.saved = saved;
        this.size = size;
    }

    /** Raw mode on the controlling terminal, or empty when there is none that stty can set. */
    static Optional<RawTerminal> enter() {
        if (!TTY.canRead() || !TTY.canWrite()) {
            return Optional.empty();
        }
        try {
            String saved = stty("-g").trim();
            TerminalSize size = parseSize(stty("size"));
            stty("raw", "-echo");
            RawTerminal raw = new RawTerminal(saved, size);
            Runtime.getRuntime().addShutdownHook(raw.restoreOnExit);
            return Optional.of(raw);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The terminal's size when raw mode began, or null when stty did not say. */
    TerminalSize size() {
        return size;
    }

    /**
     * The terminal's later sizes: on each SIGWINCH (the user resized the window) stty says the new one, and the
     * container's terminal follows, as with {@code docker compose exec}. Where the JVM cannot catch the signal,
     * the size stays the one raw mode began with.
     */
    TerminalResizes resizes() {
        return onResize -> {
            java.util.concurrent.atomic.AtomicBoolean following = new java.util.concurrent.atomic.AtomicBoolean(true);
            sun.misc.Signal winch;
            sun.misc.SignalHandler previous;
            try {
                winch = new sun.misc.Signal("WINCH");
                previous = sun.misc.Signal.handle(winch, signal -> {
                    try {
                        TerminalSize now = parseSize(stty("size"));
                        if (now != null && following.get()) {
                            onResize.accept(now);
                        }
                    } catch (IOException e) {
                        // no size to pass on this time
                    }
                });
            } catch (IllegalArgumentException unsupported) {
                return () -> { };
            }
            return () -> {
                following.set(false);
                sun.misc.Signal.handle(winch, previous);
            };
        };
    }

    /** "rows columns" as {@code stty size} prints it; null for anything else (a terminal of size 0 0, say). */
    static TerminalSize parseSize(String sttySize) {
        String[] parts = sttySize.trim().split("\\s+");
        if (parts.length != 2) {
            return null;
        }
        try {
            int rows = Integer.parseInt(parts[0]);
            int columns = Integer.parseInt(parts[1]);
            return rows > 0 && columns > 0 ? new TerminalSize(rows, columns) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook restores
        }
    }

    private synchronized void restore() {
        if (!restored) {
            restored = true;
            try {
                stty(saved);
            } catch (IOException e) {
                // nothing more to do: `stty sane` in the shell fixes a terminal left raw
            }
        }
    }

    private static String stty(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("stty"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
