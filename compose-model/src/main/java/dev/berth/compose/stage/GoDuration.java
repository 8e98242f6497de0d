package dev.berth.compose.stage;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in Go's {@code time.ParseDuration} form ({@code 1m30s}, {@code 500ms}, {@code 1.5h}), as compose writes them. */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /** The duration, or null when {@code text} is not a Go duration. */
    public static Duration parse(String text) {
        String t = text.strip();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(t);
        long nanos = 0;
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            BigDecimal amount = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos += amount.multiply(BigDecimal.valueOf(unit)).longValue();
            at = m.end();
        }
        return at == 0 ? null : Duration.ofNanos(nanos);
    }

    /** Go's {@code Duration.String()}: {@code 1m30s}, {@code 500ms}, {@code 0s}. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000_000_000L) {
            if (nanos % 1_000_000L == 0) {
                return nanos / 1_000_000L + "ms";
            }
            if (nanos % 1_000L == 0) {
                return nanos / 1_000L + "µs";
            }
            return nanos + "ns";
        }
        StringBuilder sb = new StringBuilder();
        long hours = nanos / 3_600_000_000_000L;
        long minutes = (nanos / 60_000_000_000L) % 60;
        long restNanos = nanos % 60_000_000_000L;
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        BigDecimal seconds = BigDecimal.valueOf(restNanos).movePointLeft(9).stripTrailingZeros();
        sb.append(seconds.scale() < 0 ? seconds.setScale(0).toPlainString() : seconds.toPlainString()).append('s');
        return sb.toString();
    }
}
