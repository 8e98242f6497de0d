package dev.berth.engine.project;

import dev.berth.engine.api.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test of one project of its own on the real engine: a fresh name and folder, a connected runtime and the
 * offline base image. Afterwards everything labelled with the name goes (containers, networks, volumes), even when
 * the test failed; {@link #cleanUp()} takes what the label does not reach.
 */
abstract class FreshProject {
    final String name = "berthit-" + UUID.randomUUID().toString().substring(0, 8);
    Path dir;
    ComposeRuntime runtime;

    @BeforeEach
    void connectAndBuildTheBaseImage() throws Exception {
        runtime = TestEngine.connect();
        dir = Files.createTempDirectory("berthit");
        TestImage.build(runtime, dir, name);
    }

    @AfterEach
    void removeTheProject() throws Exception {
        try {
            runtime.down(runtime.projectOnEngine(name), new DownOptions(true, true, Duration.ZERO),
                    ProgressListener.NONE);
            cleanUp();
        } finally {
            runtime.close();
        }
    }

    /** What the test made that carries no project label (images, volumes left unlabelled). */
    void cleanUp() throws Exception {
    }
}
