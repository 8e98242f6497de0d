package dev.berth.engine.project;

import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.ProgressListener;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The engine tests' offline base image: Debian's static busybox in a scratch image, built from test resources. */
final class TestImage {
    static final String NAME = "berthit/busybox:test";

    private TestImage() {
    }

    static void build(ComposeRuntime runtime, Path dir, String project) throws Exception {
        Path context = dir.resolve("busybox-image");
        Files.createDirectories(context);
        for (String file : List.of("Dockerfile", "passwd")) {
            try (InputStream in = TestImage.class.getResourceAsStream("/busybox-image/" + file)) {
                Files.copy(in, context.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isRegularFile(busybox)) {
            fail("the test image needs Debian's static busybox at /bin/busybox: apt-get install -y busybox-static");
        }
        Files.copy(busybox, context.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
        ComposeProject base = new ProjectFixture(project + "-base", dir)
                .service(ProjectFixture.service("base").image(NAME).build(context)).build();
        runtime.build(base, List.of(), ProgressListener.NONE);
    }
}
