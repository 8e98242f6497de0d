package dev.berth.compose.model;

import java.util.List;

/**
 * A service's membership in one network: extra aliases, fixed addresses and the priority (order in which
 * the engine connects the networks), all optional.
 */
public record ServiceNetwork(List<String> aliases, String ipv4Address, String ipv6Address, Integer priority) {

    public ServiceNetwork {
        aliases = List.copyOf(aliases);
    }

    public ServiceNetwork(List<String> aliases, String ipv4Address) {
        this(aliases, ipv4Address, null, null);
    }
}
