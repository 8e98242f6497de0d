package dev.berth.engine.docker;

import dev.berth.engine.api.ContainerCreateSpec.FileCopy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** The tar archive the engine's copy-to-container call takes: one entry per file, owner and mode as given. */
final class ContainerFiles {
    private ContainerFiles() {
    }

    static byte[] tar(List<FileCopy> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (FileCopy f : files) {
                TarArchiveEntry entry = new TarArchiveEntry(f.path().replaceFirst("^/+", ""));
                entry.setSize(f.content().length);
                entry.setMode(0100000 | f.mode());
                entry.setUserId(f.uid());
                entry.setGroupId(f.gid());
                tar.putArchiveEntry(entry);
                tar.write(f.content());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a tar archive in memory failed", e);
        }
        return bytes.toByteArray();
    }
}
