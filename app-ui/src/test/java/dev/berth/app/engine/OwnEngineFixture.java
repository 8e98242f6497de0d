package dev.berth.app.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.local.LocalEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the tests that start Berth's own engine need: root, no Berth engine running yet, an image to build on it. */
public final class OwnEngineFixture {
    private OwnEngineFixture() {
    }

    /** Skips the test, saying why, where it cannot start an engine of its own. */
    public static void assumeItCanStartOne() throws IOException {
        assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")),
                "Berth's engine runs dockerd, which needs root");
        assumeTrue(LocalEngine.runningOnThisMachine().isEmpty(), () -> "a Berth engine runs on this machine already ("
                + LocalEngine.runningOnThisMachine().orElse("") + "); these tests start their own");
    }

    /** {@code dir/image}: a build context for Debian's static busybox in a scratch image (the engine is empty). */
    public static Path busyboxImage(Path dir) throws IOException {
        Path image = Files.createDirectories(dir.resolve("image"));
        Files.copy(Path.of("/bin/busybox"), image.resolve("busybox"));
        Files.writeString(image.resolve("Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                RUN ["/bin/busybox", "--install", "-s", "/bin"]
                ENV PATH=/bin
                """);
        return image;
    }
}
