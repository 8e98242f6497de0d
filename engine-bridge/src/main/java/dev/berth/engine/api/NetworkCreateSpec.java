package dev.berth.engine.api;

import java.util.List;
import java.util.Map;

/**
 * A network to create, in the engine's terms. Null or empty fields leave the engine's defaults.
 *
 * @param pools address pools for the IPAM driver (needed for fixed {@code ipv4_address}es on the network)
 */
public record NetworkCreateSpec(String name, String driver, Map<String, String> labels,
                                Map<String, String> driverOptions, boolean internal, boolean attachable,
                                Boolean enableIpv6, String ipamDriver, List<Pool> pools,
                                Map<String, String> ipamOptions) {

    public NetworkCreateSpec {
        labels = Map.copyOf(labels);
        driverOptions = Map.copyOf(driverOptions);
        pools = List.copyOf(pools);
        ipamOptions = Map.copyOf(ipamOptions);
    }

    /** A network with just a driver and labels. */
    public static NetworkCreateSpec of(String name, String driver, Map<String, String> labels) {
        return new NetworkCreateSpec(name, driver, labels, Map.of(), false, false, null, null, List.of(), Map.of());
    }

    public record Pool(String subnet, String ipRange, String gateway, Map<String, String> auxAddresses) {
        public Pool {
            auxAddresses = Map.copyOf(auxAddresses);
        }
    }
}
