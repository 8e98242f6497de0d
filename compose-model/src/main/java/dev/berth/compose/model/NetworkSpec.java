package dev.berth.compose.model;

import java.util.List;
import java.util.Map;

/**
 * A top-level network. {@code name} is the engine-side name: {@code <project>_<key>} unless the file
 * sets {@code name:} or the network is external.
 *
 * @param driverOptions {@code driver_opts}
 * @param ipam          address management; {@link Ipam#NONE} leaves it to the engine
 */
public record NetworkSpec(String key, String name, boolean external, String driver, Map<String, String> labels,
                          Map<String, String> driverOptions, boolean internal, boolean attachable,
                          Boolean enableIpv6, Ipam ipam) {

    public NetworkSpec {
        driverOptions = ordered(driverOptions);
        ipam = ipam == null ? Ipam.NONE : ipam;
    }

    /** A network with only a name, a driver and labels. */
    public NetworkSpec(String key, String name, boolean external, String driver, Map<String, String> labels) {
        this(key, name, external, driver, labels, Map.of(), false, false, null, Ipam.NONE);
    }

    /** {@code ipam:} the driver and its address pools. */
    public record Ipam(String driver, List<Pool> config, Map<String, String> options) {
        public static final Ipam NONE = new Ipam(null, List.of(), Map.of());

        public Ipam {
            config = List.copyOf(config);
            options = ordered(options);
        }

        public boolean isSet() {
            return driver != null || !config.isEmpty() || !options.isEmpty();
        }
    }

    /** One pool: {@code subnet}, {@code ip_range}, {@code gateway}, {@code aux_addresses}. */
    public record Pool(String subnet, String ipRange, String gateway, Map<String, String> auxAddresses) {
        public Pool {
            auxAddresses = ordered(auxAddresses);
        }
    }

    private static Map<String, String> ordered(Map<String, String> map) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }
}
