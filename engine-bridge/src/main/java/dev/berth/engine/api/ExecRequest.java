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
 */
public record ExecRequest(List<String> command, InputStream stdin, boolean tty, String user, String workingDir,
                          List<String> env) {
}
