package dev.berth.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.PublishedPort;
import dev.berth.vm.forward.PortForward;
import dev.berth.vm.forward.Protocol;
import org.junit.jupiter.api.Test;

class VmPortSyncTest {

    @Test
    void aPublishedPortIsForwardedFromTheSameHostAddressAndPort() {
        assertThat(VmPortSync.forwardOf(new PublishedPort("127.0.0.1", 8080, 80, "tcp")))
                .isEqualTo(new PortForward("127.0.0.1", 8080, 8080, Protocol.TCP));
        assertThat(VmPortSync.forwardOf(new PublishedPort("0.0.0.0", 5353, 53, "udp")))
                .isEqualTo(new PortForward("0.0.0.0", 5353, 5353, Protocol.UDP));
        assertThat(VmPortSync.forwardOf(new PublishedPort("", 9000, 9000, "tcp")))
                .as("no address: every address, as the engine does").isEqualTo(new PortForward("0.0.0.0", 9000, 9000,
                        Protocol.TCP));
    }

    @Test
    void whatQemuCannotForwardIsLeftOut() {
        assertThat(VmPortSync.forwardOf(new PublishedPort("::", 8080, 80, "tcp"))).as("IPv6 twin of 0.0.0.0").isNull();
        assertThat(VmPortSync.forwardOf(new PublishedPort("0.0.0.0", 3868, 3868, "sctp"))).isNull();
        assertThat(VmPortSync.forwardOf(new PublishedPort("", 0, 80, "tcp"))).as("exposed, not published").isNull();
    }
}
