package dev.berth.compose.stage;

import dev.berth.compose.model.PortSpec;
import dev.berth.compose.source.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The short port syntax {@code [ip:][host[-range]:]container[-range][/protocol]}, read as docker's
 * {@code nat.ParsePortSpec} reads it. Ranges expand into one {@link PortSpec} per port.
 * A host range paired with a single container port stays one {@link PortSpec} with {@code publishedEnd}
 * (the engine picks one host port from the range).
 */
public final class PortSyntax {

    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

    /** Either ports or a message saying what is wrong and how it should look. */
    public record Parsed(List<PortSpec> ports, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private PortSyntax() {
    }

    public static Parsed parse(String spec, Position position) {
        String text = spec.strip();
        String protocol = "tcp";
        int slash = text.lastIndexOf('/');
        if (slash >= 0) {
            protocol = text.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
            text = text.substring(0, slash);
            if (!PROTOCOLS.contains(protocol)) {
                return fail(spec, "unknown protocol `" + protocol + "`; use tcp, udp or sctp");
            }
        }
        String hostIp = "";
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return fail(spec, "an IPv6 host address must be written as [addr]:host:container");
            }
            hostIp = text.substring(1, close);
            text = text.substring(close + 2);
        }
        String[] parts = text.split(":", -1);
        String host;
        String container;
        switch (parts.length) {
            case 1 -> {
                host = "";
                container = parts[0];
            }
            case 2 -> {
                host = parts[0];
                container = parts[1];
            }
            case 3 -> {
                if (!hostIp.isEmpty()) {
                    return fail(spec, "too many `:`");
                }
                hostIp = parts[0];
                host = parts[1];
                container = parts[2];
            }
            default -> {
                if (!hostIp.isEmpty()) {
                    return fail(spec, "too many `:`");
                }
                // An unbracketed IPv6 address: everything but the last two parts.
                hostIp = String.join(":", java.util.Arrays.copyOf(parts, parts.length - 2));
                host = parts[parts.length - 2];
                container = parts[parts.length - 1];
            }
        }
        int[] targets = range(container);
        if (targets == null) {
            return fail(spec, "container port `" + container + "` is not a port number (1-65535) or range");
        }
        int[] published = host.isEmpty() ? null : range(host);
        if (!host.isEmpty() && published == null) {
            return fail(spec, "host port `" + host + "` is not a port number (1-65535) or range");
        }
        int count = targets[1] - targets[0] + 1;
        if (published != null) {
            int hostCount = published[1] - published[0] + 1;
            if (hostCount != count && count != 1) {
                return fail(spec, "the host range has " + hostCount + " ports but the container range has " + count
                        + "; make them the same size");
            }
        }
        List<PortSpec> ports = new ArrayList<>();
        if (count == 1 && published != null && published[1] > published[0]) {
            return new Parsed(List.of(new PortSpec(hostIp, published[0], targets[0], protocol, position, published[1])),
                    null);
        }
        for (int i = 0; i < count; i++) {
            Integer hostPort = published == null ? null : published[0] + (count == 1 ? 0 : i);
            ports.add(new PortSpec(hostIp, hostPort, targets[0] + i, protocol, position));
        }
        return new Parsed(List.copyOf(ports), null);
    }

    private static Parsed fail(String spec, String why) {
        return new Parsed(List.of(), "invalid port \"" + spec + "\": " + why
                + " (expected [ip:][host:]container[/protocol], e.g. \"127.0.0.1:8000:80/tcp\")");
    }

    /** {@code "80"} or {@code "8000-8005"} as {start, end}; null when not valid. */
    static int[] range(String text) {
        int dash = text.indexOf('-');
        Integer start = port(dash < 0 ? text : text.substring(0, dash));
        Integer end = dash < 0 ? start : port(text.substring(dash + 1));
        if (start == null || end == null || end < start) {
            return null;
        }
        return new int[] {start, end};
    }

    static Integer port(String text) {
        if (!Digits.atMost(text, 5)) {
            return null;
        }
        int p = Integer.parseInt(text);
        return p >= 1 && p <= 65535 ? p : null;
    }
}
