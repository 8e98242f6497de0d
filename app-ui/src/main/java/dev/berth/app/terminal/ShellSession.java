package dev.berth.app.terminal;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ExecRequest;
import dev.berth.engine.api.ExecRequest.TerminalSize;
import dev.berth.engine.api.OutputSink;
import dev.berth.engine.api.TerminalResizes;
import dev.berth.engine.project.ComposeRuntime;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code exec -it SERVICE sh}: a shell in the service's first container on a pseudo-terminal. What the user types
 * goes to the shell's stdin; its output lands in a bounded queue (the engine thread waits when the screen is
 * behind) that the terminal pane drains once per frame. No node here: the pane shows it.
 */
public final class ShellSession implements AutoCloseable {
    private static final int OUTPUT_CHUNKS = 1_024;
    /** Escape sequences of a terminal (colours, cursor moves, title): the pane shows plain text. */
    private static final Pattern ESCAPES = Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*"
            + "(?:\u0007|\u001B\\\\)|[()][0-9A-Za-z]|[=>])");
    private static final byte[] END = new byte[0];

    private final String service;
    private final BlockingQueue<String> output = new ArrayBlockingQueue<>(OUTPUT_CHUNKS);
    private final BlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    private volatile boolean ended;
    private Thread worker;
    /** The pane's size in character cells, once it has one; the shell's terminal follows it. */
    private volatile TerminalSize size;
    private final List<Consumer<TerminalSize>> followers = new CopyOnWriteArrayList<>();

    public ShellSession(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }

    /** Starts {@code sh} in the container, on a virtual thread; the output says when it ends and why. */
    public void start(ComposeRuntime runtime, ComposeProject project) {
        worker = Thread.ofVirtual().name("shell-" + service).start(() -> {
            try {
                long code = runtime.exec(project, service, 1, new ExecRequest(List.of("sh"), new Stdin(), true, null,
                        null, List.of("TERM=dumb", "PS1=" + service + " $ "), false, size, false, this::follow),
                        new OutputSink() {
                    @Override
                    public void onOutput(boolean stderr, byte[] bytes) throws InterruptedException {
                        output.put(new String(bytes, StandardCharsets.UTF_8));
                    }

                    @Override
                    public void onEnd(Throwable error) {
                        // the exit code follows from exec's return
                    }
                });
                offerEnd("\n[the shell ended with exit code " + code + "]\n");
            } catch (EngineException e) {
                offerEnd("\n[cannot open a shell in " + service + ": " + e.describe() + "]\n");
            }
        });
    }

    /** The pane's size in character cells changed (on the FX thread): the shell's terminal follows, off it. */
    public void resize(int rows, int columns) {
        TerminalSize now = new TerminalSize(rows, columns);
        if (now.equals(size)) {
            return;
        }
        size = now;
        if (!followers.isEmpty()) {
            Thread.ofVirtual().name("shell-resize-" + service).start(() -> {
                synchronized (followers) {
                    TerminalSize latest = size;
                    followers.forEach(f -> f.accept(latest));
                }
            });
        }
    }

    /** The engine follows the pane's size while the shell runs (on the engine's thread, never the FX thread). */
    private TerminalResizes.Following follow(Consumer<TerminalSize> onResize) {
        followers.add(onResize);
        TerminalSize known = size;
        if (known != null) {
            onResize.accept(known);
        }
        return () -> followers.remove(onResize);
    }

    private void offerEnd(String text) {
        ended = true;
        output.offer(text);
    }

    /** Sends a line (with its newline) to the shell. */
    public void sendLine(String line) {
        send((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a control key: 'C' sends Ctrl+C (interrupt), 'D' Ctrl+D (end of input). */
    public void sendControl(char key) {
        send(new byte[] {(byte) (Character.toUpperCase(key) - '@')});
    }

    private void send(byte[] bytes) {
        if (!ended) {
            input.add(bytes);
        }
    }

    /** Moves the waiting output, without terminal escapes and carriage returns, into {@code into}. */
    public int drainTo(Collection<String> into) {
        List<String> chunks = new java.util.ArrayList<>();
        output.drainTo(chunks);
        for (String chunk : chunks) {
            into.add(plain(chunk));
        }
        return chunks.size();
    }

    static String plain(String raw) {
        return ESCAPES.matcher(raw).replaceAll("").replace("\r\n", "\n").replace("\r", "");
    }

    public boolean ended() {
        return ended;
    }

    /** Ends the shell's input; the shell exits and the exec returns. */
    @Override
    public void close() {
        ended = true;
        input.add(END);
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** The shell's stdin: blocks until the user types something; {@link #END} ends it. */
    private final class Stdin extends InputStream {
        private byte[] current = new byte[0];
        private int position;

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (len == 0) {
                return 0;
            }
            while (position >= current.length) {
                if (current == END) {
                    return -1;
                }
                try {
                    current = input.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                position = 0;
                if (current == END) {
                    return -1;
                }
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }
    }

    @Override
    public String toString() {
        return "shell in " + service + (ended ? " (ended)" : "");
    }
}
