package dev.berth.compose;

import static dev.berth.compose.Projects.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.diag.Diagnostic;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {

    @TempDir
    Path dir;

    private static final String ONE_SERVICE = "services:\n  app:\n    image: busybox\n";

    @Test
    void prefersComposeYamlAndAddsTheFirstOverrideBesideIt() {
        write(dir, "docker-compose.yml", ONE_SERVICE);
        write(dir, "compose.yml", ONE_SERVICE);
        write(dir, "compose.yaml", ONE_SERVICE);
        write(dir, "docker-compose.override.yml", ONE_SERVICE);
        write(dir, "compose.override.yaml", ONE_SERVICE);

        LoadResult result = Projects.load(dir);

        assertThat(result.project().configFiles())
                .containsExactly(dir.resolve("compose.yaml"), dir.resolve("compose.override.yaml"));
        assertThat(result.warnings()).singleElement().extracting(Diagnostic::message).asString()
                .contains("compose.yaml, compose.yml, docker-compose.yml").contains("using compose.yaml");
    }

    @Test
    void followsComposeGoOrderForTheOlderNames() {
        write(dir, "docker-compose.yaml", ONE_SERVICE);
        write(dir, "docker-compose.yml", ONE_SERVICE);
        assertThat(Projects.load(dir).project().configFiles()).containsExactly(dir.resolve("docker-compose.yml"));
    }

    @Test
    void searchesParentDirectoriesAndUsesTheFoundDirectoryAsProject() {
        write(dir, "proj/compose.yaml", ONE_SERVICE);
        write(dir, "proj/.env", "COMPOSE_PROJECT_NAME=fromdotenv\n");
        Path deep = dir.resolve("proj/src/main");
        write(deep, "keep.txt", "");

        LoadResult result = Projects.load(deep);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.project().configFiles()).containsExactly(dir.resolve("proj/compose.yaml"));
        assertThat(result.project().workingDir()).isEqualTo(dir.resolve("proj"));
        assertThat(result.project().name()).isEqualTo("fromdotenv");
    }

    @Test
    void composeFileVariableFromDotEnvWithCustomSeparator() {
        write(dir, "base.yml", ONE_SERVICE);
        write(dir, "extra.yml", "services:\n  app:\n    user: nobody\n");
        write(dir, ".env", "COMPOSE_FILE=base.yml;extra.yml\nCOMPOSE_PATH_SEPARATOR=;\n");

        LoadResult result = Projects.load(dir);

        assertThat(result.project().configFiles()).containsExactly(dir.resolve("base.yml"), dir.resolve("extra.yml"));
        assertThat(result.project().service("app").user()).isEqualTo("nobody");
    }

    @Test
    void explicitFilesAndProjectDirectory() {
        write(dir, "files/one.yaml", "services:\n  app:\n    build: ./ctx\n");
        write(dir, "root/.env", "");

        LoadResult result = ComposeLoader.load(LoadOptions.builder(dir).file(Path.of("files/one.yaml"))
                .projectDirectory(Path.of("root")).environment(Map.of()).build());

        assertThat(result.project().workingDir()).isEqualTo(dir.resolve("root"));
        assertThat(result.project().name()).isEqualTo("root");
        assertThat(result.project().service("app").build().context()).isEqualTo(dir.resolve("root/ctx"));
    }

    @Test
    void missingFileIsOneClearErrorAndNoProject() {
        LoadResult result = ComposeLoader.load(LoadOptions.builder(dir).file(Path.of("nope.yaml")).build());

        assertThat(result.project()).isNull();
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).contains(dir.resolve("nope.yaml").toString()).contains("not found");
        });
    }

    @Test
    void noFileAnywhereSaysWhatToDo() {
        Path empty = dir.resolve("a/b");
        write(empty, "x.txt", "");
        // the temp dir's parents could hold a compose file; only check when discovery really finds none
        if (dev.berth.compose.source.ProjectLocator.discover(empty).isEmpty()) {
            LoadResult result = Projects.load(empty);
            assertThat(result.project()).isNull();
            assertThat(result.diagnostics()).extracting(Diagnostic::message)
                    .singleElement().asString().contains("no compose file found").contains("-f");
        }
    }
}
