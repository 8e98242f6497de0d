package dev.berth.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.EngineEndpoint;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether the engine a project window reached is the one in Berth's VM (its refused ports are then shown). */
class BerthVmAddressTest {

    @Test
    void theLoopbackHasTwoNames() {
        assertThat(OwnEngine.sameAddress("tcp://127.0.0.1:2376", "tcp://localhost:2376")).isTrue();
        assertThat(OwnEngine.sameAddress("tcp://127.0.0.1:2376/", "TCP://127.0.0.1:2376")).isTrue();
        assertThat(OwnEngine.sameAddress("tcp://127.0.0.1:2376", "tcp://127.0.0.1:2377")).isFalse();
        assertThat(OwnEngine.sameAddress("unix:///var/run/docker.sock", "tcp://127.0.0.1:2376")).isFalse();
    }

    @Test
    void withNoVmRunningNoEngineIsBerthsVm(@TempDir Path dir) {
        Map<String, String> env = Map.of("BERTH_VM_DIR", dir.resolve("vm").toString());
        assertThat(OwnEngine.isBerthVm(new EngineEndpoint("tcp://127.0.0.1:2376", "test"), env, dir)).isFalse();
        assertThat(OwnEngine.isBerthVm(new EngineEndpoint("unix:///var/run/docker.sock", "test"), env, dir))
                .isFalse();
    }
}
