package dev.berth.compose.model;

import dev.berth.compose.source.Position;

/**
 * One published port. Ranges in the file are expanded into one {@code PortSpec} per port.
 *
 * @param hostIp    "" when the file names none (all interfaces)
 * @param published null when the engine picks a host port
 * @param protocol  "tcp", "udp" or "sctp"
 * @param publishedEnd the last port of a host range given for one container port ({@code 8000-8010:80}: the
 *                  engine binds the first free one), else null
 */
public record PortSpec(String hostIp, Integer published, int target, String protocol, Position position,
                       Integer publishedEnd) {

    public PortSpec(String hostIp, Integer published, int target, String protocol, Position position) {
        this(hostIp, published, target, protocol, position, null);
    }

    /** The host port as compose prints it: "8000", "8000-8010", or null. */
    public String publishedText() {
        return published == null ? null : publishedEnd == null ? String.valueOf(published) : published + "-" + publishedEnd;
    }

    /** Whether host port {@code port} is one this spec may bind. */
    public boolean publishes(int port) {
        return published != null && port >= published && port <= (publishedEnd == null ? published : publishedEnd);
    }
}
