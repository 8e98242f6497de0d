package dev.berth.app.start;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.start.FolderDiscovery.Found;
import dev.berth.app.start.FolderDiscovery.NotFound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDiscoveryTest {
    @TempDir
    Path dir;

    @Test
    void findsTheComposeFileItsOverrideAndTheEnvFile() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");
        Files.writeString(dir.resolve("compose.override.yaml"), "services: {}\n");
        Files.writeString(dir.resolve(".env"), "A=1\n");

        var outcome = FolderDiscovery.look(dir, Map.of());

        assertThat(outcome).isInstanceOfSatisfying(Found.class, found -> {
            assertThat(found.composeFiles()).containsExactly(dir.resolve("compose.yaml"), dir.resolve("compose.override.yaml"));
            assertThat(found.envFile()).isEqualTo(dir.resolve(".env"));
            assertThat(found.options().workingDirectory()).isEqualTo(dir);
        });
    }

    @Test
    void aFolderWithoutComposeFileSaysWhatWasLookedForAndWhatToDo() {
        var outcome = FolderDiscovery.look(dir, Map.of());

        assertThat(outcome).isInstanceOfSatisfying(NotFound.class, nf -> assertThat(nf.message())
                .contains("No compose file in " + dir).contains("compose.yaml").contains("Create compose.yaml"));
    }

    @Test
    void aFolderThatIsGoneSaysSo() {
        var outcome = FolderDiscovery.look(dir.resolve("gone"), Map.of());

        assertThat(outcome).isInstanceOfSatisfying(NotFound.class, nf -> assertThat(nf.message())
                .contains("does not exist any more").contains("remove it from the list"));
    }

    @Test
    void theSampleIsWrittenOutOnceAndThenLeftAsTheUserChangedIt() throws Exception {
        Path sample = SampleProject.materialise(dir);

        assertThat(sample.resolve("compose.yaml")).exists();
        assertThat(sample.resolve("www/cgi-bin/index.cgi")).isExecutable();
        assertThat(FolderDiscovery.look(sample, Map.of())).isInstanceOf(Found.class);

        Files.writeString(sample.resolve("compose.yaml"), "services: {}\n# mine\n");
        assertThat(SampleProject.materialise(dir)).isEqualTo(sample);
        assertThat(sample.resolve("compose.yaml")).content().contains("# mine");
    }
}
