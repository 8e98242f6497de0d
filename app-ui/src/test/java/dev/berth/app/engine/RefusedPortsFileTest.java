package dev.berth.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refused ports a VM's supervisor writes down for a window, as the window reads them back. */
class RefusedPortsFileTest {

    @Test
    void whatTheSupervisorWritesTheWindowReadsBack(@TempDir Path state) {
        List<VmPortSync.Refused> refused = List.of(
                new VmPortSync.Refused("shop-web-1", "127.0.0.1", 8080, "tcp", "process 42 (java) holds that port"),
                new VmPortSync.Refused("shop-dns-1", "0.0.0.0", 5353, "udp", "it cannot be forwarded (QEMU: \"x\")"));
        List<String> said = new ArrayList<>();
        BerthVm.writeRefused(state, refused, said::add);
        assertThat(said).isEmpty();
        assertThat(BerthVm.readRefused(state)).contains(refused);
        assertThat(state.resolve(BerthVm.REFUSED_PORTS + ".new")).doesNotExist();

        BerthVm.writeRefused(state, List.of(), said::add);
        assertThat(BerthVm.readRefused(state)).contains(List.of());
    }

    @Test
    void aFileThatCannotBeReadGivesNothingSoTheReaderKeepsWhatItHad(@TempDir Path state) throws Exception {
        Files.writeString(state.resolve(BerthVm.REFUSED_PORTS), "[{\"container\": \"shop-web-1\", ");
        assertThat(BerthVm.readRefused(state)).isEmpty();
    }

    @Test
    void withoutARunningVmThereIsNothingToShowWhateverTheFileSays(@TempDir Path state) {
        BerthVm.writeRefused(state, List.of(new VmPortSync.Refused("gone-web-1", "127.0.0.1", 80, "tcp", "left over")),
                line -> { });
        assertThat(BerthVm.refusedPorts(state)).as("a killed supervisor's list").contains(List.of());
    }

    @Test
    void aFolderItCannotWriteIsSaid(@TempDir Path dir) {
        List<String> said = new ArrayList<>();
        BerthVm.writeRefused(dir.resolve("missing"), List.of(), said::add);
        assertThat(said).singleElement().asString().startsWith("cannot write " + dir.resolve("missing")
                .resolve(BerthVm.REFUSED_PORTS)).endsWith("a window using this VM does not see which ports are refused");
    }
}
