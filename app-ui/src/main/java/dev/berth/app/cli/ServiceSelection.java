package dev.berth.app.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The {@code SERVICE...} words that narrow a verb to some services; none means all of them. */
final class ServiceSelection {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (default: all)")
    List<String> names = new ArrayList<>();
}
