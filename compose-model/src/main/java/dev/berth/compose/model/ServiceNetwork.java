package dev.berth.compose.model;

import java.util.List;

/** A service's membership in one network: extra aliases and a fixed address, both optional. */
public record ServiceNetwork(List<String> aliases, String ipv4Address) {
}
