package dev.berth.compose.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteTest {

    @TempDir
    Path dir;

    @Test
    void writesAtomicallyKeepingPermissionsAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, "services:\n  web:\n    image: nginx\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        ComposeDocument doc = ComposeDocument.read(file);
        WriteResult written = doc.set("services.web.image", "nginx:2").document().write();
        assertThat(written).isInstanceOf(WriteResult.Written.class);
        assertThat(Files.readString(file)).isEqualTo("services:\n  web:\n    image: nginx:2\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        // the written document knows the new bytes: a second edit and write works
        ComposeDocument again = ((WriteResult.Written) written).document();
        assertThat(again.set("services.web.image", "nginx:3").document().write()).isInstanceOf(WriteResult.Written.class);
    }

    @Test
    void refusesToOverwriteAFileChangedOnDisk() throws IOException {
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, "services:\n  web:\n    image: nginx\n");
        ComposeDocument doc = ComposeDocument.read(file);
        Files.writeString(file, "services:\n  web:\n    image: httpd\n");
        WriteResult result = doc.set("services.web.image", "caddy").document().write();
        assertThat(result).isInstanceOfSatisfying(WriteResult.ChangedOnDisk.class,
                c -> assertThat(c.message()).contains(file.toString()).contains("changed on disk"));
        assertThat(Files.readString(file)).contains("httpd");
    }

    @Test
    void writesThroughASymlinkToTheRealFile() throws IOException {
        Path real = dir.resolve("real.yaml");
        Files.writeString(real, "services: {}\n");
        Path link = Files.createSymbolicLink(dir.resolve("compose.yaml"), real);
        ComposeDocument doc = ComposeDocument.read(link);
        assertThat(doc.addService("web", java.util.Map.of("image", "nginx")).document().write()).isInstanceOf(WriteResult.Written.class);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("services: {web: {image: nginx}}\n");
    }

    @Test
    void aFileThatIsNotUtf8IsNotEdited() throws IOException {
        Path file = dir.resolve("compose.yaml");
        Files.write(file, new byte[]{'a', ':', ' ', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> ComposeDocument.read(file)).isInstanceOf(IOException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void textNotReadFromAFileCannotBeWrittenBack() {
        assertThat(ComposeDocument.of("buffer.yaml", "a: 1\n").write()).isInstanceOf(WriteResult.Failed.class);
    }
}
