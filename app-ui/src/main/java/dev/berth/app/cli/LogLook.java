package dev.berth.app.cli;

import picocli.CommandLine.Option;

/** How followed log lines look ({@code logs}, attached {@code up}): coloured, and prefixed by their container. */
final class LogLook {

    @Option(names = "--no-color", description = "Monochrome output")
    boolean noColor;

    @Option(names = "--no-log-prefix", description = "Don't print the container name before each log line")
    boolean noPrefix;
}
