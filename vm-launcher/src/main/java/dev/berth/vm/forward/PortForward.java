package dev.berth.vm.forward;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A host port that reaches a guest port through QEMU's user-mode network. Bound to loopback by default so that a
 * developer's database is not exposed to the café's Wi-Fi.
 */
public record PortForward(String hostAddress, int hostPort, int guestPort, Protocol protocol) {

    public static final String LOOPBACK = "127.0.0.1";

    // QEMU's hostfwd takes an IPv4 literal for the host side
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    public PortForward {
        Objects.requireNonNull(hostAddress, "hostAddress");
        Objects.requireNonNull(protocol, "protocol");
        if (!IPV4.matcher(hostAddress).matches()) {
            throw new IllegalArgumentException("port forward " + hostPort + "->" + guestPort + ": host address '" + hostAddress
                    + "' is not an IPv4 address; QEMU's user network forwards from IPv4 only, use " + LOOPBACK);
        }
        checkPort("host", hostPort, hostPort, guestPort);
        checkPort("guest", guestPort, hostPort, guestPort);
    }

    public static PortForward tcp(int hostPort, int guestPort) {
        return new PortForward(LOOPBACK, hostPort, guestPort, Protocol.TCP);
    }

    public static PortForward udp(int hostPort, int guestPort) {
        return new PortForward(LOOPBACK, hostPort, guestPort, Protocol.UDP);
    }

    /** {@code tcp:127.0.0.1:8080-:80}: an empty guest address means the guest's own DHCP address. */
    public String qemuHostfwdRule() {
        return protocol.qemuName() + ":" + hostAddress + ":" + hostPort + "-:" + guestPort;
    }

    private static void checkPort(String side, int port, int hostPort, int guestPort) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port forward " + hostPort + "->" + guestPort + ": " + side + " port " + port
                    + " is outside 1-65535; use a port number in that range");
        }
    }
}
