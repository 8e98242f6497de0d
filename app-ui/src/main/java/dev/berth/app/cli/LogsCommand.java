package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.LogLine;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.LogOptions;
import dev.berth.engine.project.LogStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--since", paramLabel = "TIME",
            description = "Show logs since a time (2026-11-26T13:23:37Z) or for a while back (42m, 1h30m)")
    String since;

    @Option(names = "--until", paramLabel = "TIME",
            description = "Show logs before a time (2026-11-26T13:23:37Z) or a while ago (42m)")
    String until;

    @Mixin
    LogLook look;

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
        Instant now = Instant.now();
        LogOptions options = new LogOptions(follow, timestamps, lines, services,
                since == null ? null : instant("--since", since, now, ZoneId.systemDefault()),
                until == null ? null : instant("--until", until, now, ZoneId.systemDefault()));
        follow(runtime, p.name(), options, out(), () -> false, !look.noColor, !look.noPrefix);
        return 0;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern UNIX_TIME = Pattern.compile("(\\d+)(?:\\.(\\d{1,9}))?");

    /**
     * A time as the docker CLI reads {@code --since}/{@code --until}: a duration back from now (Go's syntax:
     * {@code 42m}, {@code 1h30m}, {@code 1.5h}), an RFC 3339 time ({@code 2026-11-26T13:23:37Z}, with an offset, or
     * without one in the local zone), a date ({@code 2026-11-26}, local midnight) or a Unix timestamp.
     */
    static Instant instant(String option, String value, Instant now, ZoneId zone) {
        String v = value.trim();
        if (!v.isEmpty() && DURATION.matcher(v).replaceAll("").isEmpty()) {
            Matcher m = DURATION.matcher(v);
            double nanos = 0;
            while (m.find()) {
                double n = Double.parseDouble(m.group(1));
                nanos += n * switch (m.group(2)) {
                    case "ns" -> 1d;
                    case "us", "µs" -> 1e3;
                    case "ms" -> 1e6;
                    case "s" -> 1e9;
                    case "m" -> 60e9;
                    default -> 3600e9;
                };
            }
            return now.minusNanos((long) nanos);
        }
        Matcher unix = UNIX_TIME.matcher(v);
        if (unix.matches()) {
            long nanos = unix.group(2) == null ? 0 : Long.parseLong((unix.group(2) + "00000000").substring(0, 9));
            return Instant.ofEpochSecond(Long.parseLong(unix.group(1)), nanos);
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            // local time or date below
        }
        try {
            return LocalDateTime.parse(v).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocalTime) {
            // a date below
        }
        try {
            return LocalDate.parse(v).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserFacingException(option + " takes a time (2026-11-26T13:23:37Z, 2026-11-26), a while back"
                    + " (42m, 1h30m) or a Unix timestamp, not '" + value + "'");
        }
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
        follow(runtime, project, options, out, stop, true, true);
    }

    /**
     * @param useColour whether a terminal gets coloured prefixes ({@code --no-color}: no)
     * @param prefixes  whether lines start with their container's name ({@code --no-log-prefix}: no)
     */
    static void follow(ComposeRuntime runtime, String project, LogOptions options, PrintWriter out,
                       java.util.function.BooleanSupplier stop, boolean useColour, boolean prefixes)
            throws EngineException {
        boolean colour = useColour && System.console() != null && System.getenv("NO_COLOR") == null;
        Map<String, String> colours = new HashMap<>();
        // as v2: names padded to the longest container name of the project (and wider when a longer one starts)
        int width = prefixes ? runtime.ps(project, true).stream().filter(c -> options.services().isEmpty()
                || options.services().contains(c.service())).mapToInt(c -> c.name().length()).max().orElse(0) : 0;
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
                    width = Math.max(width, line.container().length());
                    String prefix = prefixes ? String.format("%-" + width + "s |", line.container()) : "";
                    if (colour && prefixes) {
                        String c = colours.computeIfAbsent(line.container(), k -> COLOURS[colours.size() % COLOURS.length]);
                        prefix = "\u001b[" + c + "m" + prefix + "\u001b[0m";
                    }
                    out.println(prefix + (prefixes ? " " : "") + (options.timestamps() ? line.timestamp() + " " : "") + line.text());
                }
                batch.clear();
                out.flush();
            }
        }
    }
}
