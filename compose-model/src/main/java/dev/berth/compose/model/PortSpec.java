package dev.berth.compose.model;

import dev.berth.compose.source.Position;

/**
 * One published port. Ranges in the file are expanded into one {@code PortSpec} per port.
 *
 * @param hostIp    "" when the file names none (all interfaces)
 * @param published null when the engine picks a host port
 * @param protocol  "tcp", "udp" or "sctp"
 */
public record PortSpec(String hostIp, Integer published, int target, String protocol, Position position) {
}
