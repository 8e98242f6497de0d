package dev.berth.app;

import dev.berth.app.cli.BerthCommand;

/** Entry point of the {@code berth} command; with no command and a display it opens the window. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(BerthCommand.run(args));
    }
}
