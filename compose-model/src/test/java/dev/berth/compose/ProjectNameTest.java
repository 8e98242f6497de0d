package dev.berth.compose;

import static dev.berth.compose.Projects.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.diag.Diagnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectNameTest {

    @TempDir
    Path tmp;

    private Path project(String dirName, String nameLine) {
        Path dir = tmp.resolve(dirName);
        write(dir, "compose.yaml", nameLine + "services:\n  app:\n    image: busybox\n");
        return dir;
    }

    private static LoadResult load(Path dir, String p, String envName) {
        LoadOptions.Builder b = LoadOptions.builder(dir);
        if (p != null) {
            b.projectName(p);
        }
        if (envName != null) {
            b.env("COMPOSE_PROJECT_NAME", envName);
        }
        return ComposeLoader.load(b.build());
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDirectory() {
        Path dir = project("dirname", "name: fromfile\n");
        assertThat(load(dir, "fromflag", "fromenv").project().name()).isEqualTo("fromflag");
        assertThat(load(dir, null, "fromenv").project().name()).isEqualTo("fromenv");
        assertThat(load(dir, null, null).project().name()).isEqualTo("fromfile");
        assertThat(load(project("dirname2", ""), null, null).project().name()).isEqualTo("dirname2");
    }

    @Test
    void directoryNameIsNormalised() {
        Path dir = project("_My App.V2", "");
        assertThat(load(dir, null, null).project().name()).isEqualTo("myappv2");
    }

    @Test
    void invalidExplicitNameIsAnErrorNamingTheRule() {
        LoadResult result = load(project("ok", ""), "My_App", null);
        assertThat(result.project()).isNull();
        assertThat(result.diagnostics()).extracting(Diagnostic::message).singleElement().asString()
                .contains("\"My_App\"").contains("-p").contains("lowercase letters, digits, '-' and '_'")
                .contains("\"my_app\"");
    }

    @Test
    void invalidNameInTheFileIsReportedAtItsPosition() {
        Path dir = project("ok2", "name: -bad\n");
        LoadResult result = load(dir, null, null);
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.position().line()).isEqualTo(1);
            assertThat(d.position().column()).isEqualTo(7);
            assertThat(d.message()).contains("start with a letter or digit");
        });
    }
}
