package dev.berth.engine.api;

import java.util.function.Consumer;

/** Where a command's terminal changes size (the user's window, the UI's pane), followed while the command runs. */
@FunctionalInterface
public interface TerminalResizes {

    /** Calls {@code onResize} with each new size until the returned handle is closed. */
    Following follow(Consumer<ExecRequest.TerminalSize> onResize);

    /** Following a terminal's size; closing stops it. */
    interface Following extends AutoCloseable {
        @Override
        void close();
    }
}
