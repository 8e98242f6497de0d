package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.LogLine;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.LogOptions;
import dev.berth.engine.project.LogStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Show the output of the project's containers, prefixed by container, as `docker compose logs` does.")
final class LogsCommand extends EngineCommand {

    @Option(names = {"-f", "--follow"}, description = "Follow log output")
    boolean follow;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
    boolean timestamps;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all",
            description = "Number of lines to show from the end of each container's log (default: ${DEFAULT-VALUE})")
    String tail;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    @Override
    boolean worksByNameAlone() {
        return true;
    }

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        int lines;
        try {
            lines = tail.equals("all") ? -1 : Integer.parseInt(tail);
        } catch (NumberFormatException e) {
            throw new UserFacingException("--tail takes a number of lines or 'all', not '" + tail + "'");
        }
        String name = p.name();
        follow(runtime, name, new LogOptions(follow, timestamps, lines, services), out());
        return 0;
    }

    // ANSI colours in the order docker compose hands them out to containers.
    private static final String[] COLOURS = {"36", "33", "32", "35", "34", "96", "93", "92", "95", "94"};

    /** Prints lines until the stream ends (or forever when following, until the process is interrupted). */
    static void follow(ComposeRuntime runtime, String project, LogOptions options, PrintWriter out) throws EngineException {
        follow(runtime, project, options, out, () -> false);
    }

    /**
     * As {@link #follow(ComposeRuntime, String, LogOptions, PrintWriter)}, and also ends once {@code stop} says so,
     * after the lines that arrive within the next 300 ms (a container's last words come just after it ended).
     */
    static void follow(ComposeRuntime runtime, String project, LogOptions options, PrintWriter out,
                       java.util.function.BooleanSupplier stop) throws EngineException {
        boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
        Map<String, String> colours = new HashMap<>();
        try (LogStream stream = runtime.logs(project, options)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stream::close));
            List<LogLine> batch = new ArrayList<>();
            long stopAt = Long.MAX_VALUE;
            while (!stream.isFinished() && System.nanoTime() < stopAt) {
                if (stopAt == Long.MAX_VALUE && stop.getAsBoolean()) {
                    stopAt = System.nanoTime() + Duration.ofMillis(300).toNanos();
                }
                LogLine first = stream.poll(Duration.ofMillis(stopAt == Long.MAX_VALUE ? 200 : 50));
                if (first == null) {
                    continue;
                }
                batch.add(first);
                stream.drainTo(batch, 1000);
                for (LogLine line : batch) {
                    String prefix = String.format("%-20s|", line.container());
                    if (colour) {
                        String c = colours.computeIfAbsent(line.container(), k -> COLOURS[colours.size() % COLOURS.length]);
                        prefix = "\u001b[" + c + "m" + prefix + "\u001b[0m";
                    }
                    out.println(prefix + " " + (options.timestamps() ? line.timestamp() + " " : "") + line.text());
                }
                batch.clear();
                out.flush();
            }
        }
    }
}
