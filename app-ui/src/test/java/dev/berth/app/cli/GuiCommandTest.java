package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.LoadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `berth` / `berth gui` open the start screen only when nothing names a project and nothing is found. */
class GuiCommandTest {
    @TempDir
    Path dir;

    @Test
    void aFolderWithoutComposeFileOpensTheStartScreen() {
        assertThat(GuiCommand.nothingNamed(LoadOptions.discover(dir, Map.of()))).isTrue();
    }

    @Test
    void aComposeFileHereOrAboveOpensTheProject() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");
        Path below = Files.createDirectories(dir.resolve("src"));

        assertThat(GuiCommand.nothingNamed(LoadOptions.discover(dir, Map.of()))).isFalse();
        assertThat(GuiCommand.nothingNamed(LoadOptions.discover(below, Map.of()))).isFalse();
    }

    @Test
    void aNamedDirectoryFileOrComposeFileVariableOpensTheProjectEvenWhenItHasNoFile() {
        assertThat(GuiCommand.nothingNamed(LoadOptions.builder(dir).projectDirectory(dir.resolve("x")).build())).isFalse();
        assertThat(GuiCommand.nothingNamed(LoadOptions.builder(dir).file(dir.resolve("c.yaml")).build())).isFalse();
        assertThat(GuiCommand.nothingNamed(LoadOptions.discover(dir, Map.of("COMPOSE_FILE", "c.yaml")))).isFalse();
    }
}
