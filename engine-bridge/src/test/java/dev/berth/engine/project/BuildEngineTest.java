package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code build:} reaches the engine as the spec says: a Dockerfile file or {@code dockerfile_inline}, labels. */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildEngineTest {
    static final String IMAGE = "berth-sample/busybox:1";

    final String name = "heng-build-" + UUID.randomUUID().toString().substring(0, 8);
    Path dir;
    ComposeRuntime runtime;

    @BeforeAll
    void connect() throws Exception {
        runtime = TestEngine.connect();
        DockerWitness.docker("image", "inspect", IMAGE);   // built by samples/base-images/build.sh
        dir = Files.createTempDirectory("heng-build");
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("kept.txt"), "kept\n");
        Files.writeString(context.resolve("secret.txt"), "must not be sent\n");
        Files.createDirectories(context.resolve("cache/keep"));
        Files.writeString(context.resolve("cache/big.bin"), "ignored\n");
        Files.writeString(context.resolve("cache/keep/note.txt"), "taken back\n");
        Path script = Files.writeString(context.resolve("run.sh"), "#!/bin/sh\necho ran\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(context.resolve("link.txt"), Path.of("kept.txt"));
        Files.writeString(context.resolve(".dockerignore"), """
                # what the context leaves out
                secret.txt
                cache
                !cache/keep
                """);
        Files.writeString(context.resolve("Dockerfile.file"), "FROM " + IMAGE + "\nCOPY kept.txt /kept.txt\n");
        runtime.build(ComposeText.load(dir, name, """
                services:
                  inline:
                    build:
                      context: ./ctx
                      dockerfile_inline: |
                        FROM %1$s
                        COPY . /ctx/
                        RUN test -f /ctx/kept.txt && test ! -e /ctx/secret.txt && test ! -e /ctx/cache/big.bin \\
                            && test -f /ctx/cache/keep/note.txt && test -x /ctx/run.sh && test -L /ctx/link.txt
                      labels:
                        dev.berth.test: inline
                      args:
                        UNUSED: "1"
                  fromfile:
                    build:
                      context: ./ctx
                      dockerfile: Dockerfile.file
                      labels:
                        dev.berth.test: file
                """.formatted(IMAGE)), List.of(), ProgressListener.NONE);
    }

    @AfterAll
    void removeImages() throws Exception {
        for (String service : List.of("inline", "fromfile")) {
            try {
                DockerWitness.docker("image", "rm", "-f", name + "-" + service);
            } catch (AssertionError alreadyGone) {
                // nothing to remove
            }
        }
    }

    @Test
    void inlineDockerfileBuildsFromTheContextLessItsDockerignore() throws Exception {
        // the RUN step checked the context inside the build; here the image's own files
        assertThat(DockerWitness.docker("run", "--rm", name + "-inline", "cat", "/ctx/kept.txt", "/ctx/link.txt"))
                .isEqualTo("kept\nkept");
        assertThat(DockerWitness.docker("run", "--rm", name + "-inline", "ls", "-a", "/ctx"))
                .doesNotContain(".berth-dockerfile-inline").doesNotContain("secret.txt");
        assertThat(labels(name + "-inline").get("dev.berth.test").asText()).isEqualTo("inline");
    }

    @Test
    void labelsReachAnImageBuiltFromAFile() throws Exception {
        assertThat(labels(name + "-fromfile").get("dev.berth.test").asText()).isEqualTo("file");
    }

    @Test
    void aFailingInlineStepNamesTheInlineDockerfile() throws Exception {
        ComposeProject broken = ComposeText.load(dir.resolve("broken"), name + "-broken", """
                services:
                  broken:
                    build:
                      context: ../ctx
                      dockerfile_inline: |
                        FROM %s
                        RUN exit 3
                """.formatted(IMAGE));
        String leftBefore = exitedFrom(IMAGE);
        assertThatThrownBy(() -> runtime.build(broken, List.of(), ProgressListener.NONE))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("service broken")
                .satisfies(e -> assertThat(((EngineException) e).hint()).contains("dockerfile_inline"));
        assertThat(exitedFrom(IMAGE)).as("the failed step's container is removed").isEqualTo(leftBefore);
    }

    @Test
    void noCacheBuildsAgainBuildArgsReplaceTheFilesAndPullReachesTheEngine() throws Exception {
        String project = name + "-opts";
        ComposeProject p = ComposeText.load(dir.resolve("opts"), project, """
                services:
                  stamped:
                    build:
                      context: ../ctx
                      dockerfile_inline: |
                        FROM %s
                        ARG GREETING
                        LABEL greeting=$$GREETING
                        RUN date +%%s%%N > /stamp
                      args:
                        GREETING: from-the-file
                """.formatted(IMAGE));
        String image = project + "-stamped";
        try {
            runtime.build(p, List.of(), ProgressListener.NONE);
            String first = imageId(image);
            assertThat(labels(image).get("greeting").asText()).isEqualTo("from-the-file");
            runtime.build(p, List.of(), ProgressListener.NONE);
            assertThat(imageId(image)).as("the cache made the same image").isEqualTo(first);

            runtime.build(p, List.of(), new ComposeRuntime.BuildOptions(true, false, java.util.Map.of()),
                    ProgressListener.NONE);
            assertThat(imageId(image)).as("--no-cache ran the steps again").isNotEqualTo(first);

            runtime.build(p, List.of(), new ComposeRuntime.BuildOptions(false, false,
                    java.util.Map.of("GREETING", "from-the-command")), ProgressListener.NONE);
            assertThat(labels(image).get("greeting").asText()).isEqualTo("from-the-command");

            // the base image exists on this engine only: asked to pull it, the engine fails (no such repository,
            // or no registry reachable), which it does only when --pull reached it
            assertThatThrownBy(() -> runtime.build(p, List.of(), new ComposeRuntime.BuildOptions(false, true,
                    java.util.Map.of()), ProgressListener.NONE))
                    .isInstanceOf(EngineException.class).hasMessageContaining("service stamped");
        } finally {
            try {
                DockerWitness.docker("image", "rm", "-f", image);
            } catch (AssertionError alreadyGone) {
                // nothing to remove
            }
        }
    }

    private static String imageId(String image) throws Exception {
        return DockerWitness.docker("image", "inspect", "-f", "{{.Id}}", image);
    }

    private static String exitedFrom(String image) throws Exception {
        return DockerWitness.docker("ps", "-aq", "--filter", "ancestor=" + image, "--filter", "status=exited");
    }

    private static JsonNode labels(String image) throws Exception {
        return new ObjectMapper().readTree(DockerWitness.docker("image", "inspect", image)).get(0)
                .path("Config").path("Labels");
    }
}
