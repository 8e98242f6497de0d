package dev.berth.engine.api;

import java.io.InputStream;
import java.util.List;

/**
 * A command to run inside a running container.
 *
 * @param stdin      fed to the command, or null for none
 * @param tty        a pseudo-terminal: output arrives as one raw stream (no stdout/stderr split)
 * @param user       null keeps the container's user
 * @param workingDir null keeps the container's working directory
 * @param detach     start the command and return at once, without its output or exit code ({@code exec -d})
 * @param size       the pseudo-terminal's size in character cells, or null for the engine's default (80×24)
 * @param privileged the command gets every capability ({@code exec --privileged}, a hook's {@code privileged})
 * @param resizes    the terminal's later sizes, followed while the command runs; or null
 */
public record ExecRequest(List<String> command, InputStream stdin, boolean tty, String user, String workingDir,
                          List<String> env, boolean detach, TerminalSize size, boolean privileged,
                          TerminalResizes resizes) {

    public ExecRequest(List<String> command, InputStream stdin, boolean tty, String user, String workingDir,
                       List<String> env, boolean detach, TerminalSize size, boolean privileged) {
        this(command, stdin, tty, user, workingDir, env, detach, size, privileged, null);
    }

    public ExecRequest(List<String> command, InputStream stdin, boolean tty, String user, String workingDir,
                       List<String> env, boolean detach, TerminalSize size) {
        this(command, stdin, tty, user, workingDir, env, detach, size, false);
    }

    /** A terminal's size in character cells. */
    public record TerminalSize(int rows, int columns) {
    }

    public ExecRequest(List<String> command, InputStream stdin, boolean tty, String user, String workingDir,
                       List<String> env, boolean detach) {
        this(command, stdin, tty, user, workingDir, env, detach, null);
    }

    /** In the foreground. */
    public ExecRequest(List<String> command, InputStream stdin, boolean tty, String user, String workingDir,
                       List<String> env) {
        this(command, stdin, tty, user, workingDir, env, false);
    }
}
