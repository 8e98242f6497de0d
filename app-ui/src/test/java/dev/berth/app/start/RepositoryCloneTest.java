package dev.berth.app.start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.app.start.RepositoryClone.CloneFailure;
import dev.berth.app.start.RepositoryClone.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clones from a real bare repository on disk (file:// URLs), as a user would from a server. */
class RepositoryCloneTest {
    @TempDir
    Path dir;

    private String bareRepositoryWith(String file, String content) throws Exception {
        Path work = dir.resolve("work");
        Path bare = dir.resolve("origin.git");
        try (Git ignored = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call();
             Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            Files.writeString(work.resolve(file), content);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("sample").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
            git.push().setRemote(bare.toUri().toString()).add("main").call();
        }
        return bare.toUri().toString();
    }

    @Test
    void clonesTheFilesAndReportsProgress() throws Exception {
        String url = bareRepositoryWith("compose.yaml", "services: {}\n");
        List<Progress> steps = new ArrayList<>();

        Path cloned = new RepositoryClone(url, dir.resolve("copy")).run(steps::add);

        assertThat(cloned.resolve("compose.yaml")).hasContent("services: {}");
        assertThat(steps).isNotEmpty();
    }

    @Test
    void aNonEmptyTargetIsRefusedAndLeftAsItWas() throws Exception {
        String url = bareRepositoryWith("compose.yaml", "services: {}\n");
        Path target = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(target.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> new RepositoryClone(url, target).run(p -> { }))
                .isInstanceOf(CloneFailure.class).hasMessageContaining("already exists and is not empty")
                .hasMessageContaining("Choose a new folder name");
        try (var files = Files.list(target)) {
            assertThat(files).containsExactly(target.resolve("notes.txt"));
        }
    }

    @Test
    void aUrlWithNoRepositorySaysSoAndLeavesNoFolder() {
        Path target = dir.resolve("copy");
        String url = dir.resolve("nothing-here.git").toUri().toString();

        assertThatThrownBy(() -> new RepositoryClone(url, target).run(p -> { }))
                .isInstanceOf(CloneFailure.class).hasMessageContaining(url).hasMessageContaining("Check the address");
        assertThat(target).doesNotExist();
    }

    @Test
    void somethingThatIsNotAnAddressIsRefusedBeforeAnythingIsWritten() {
        Path target = dir.resolve("copy");

        assertThatThrownBy(() -> new RepositoryClone("", target).run(p -> { }))
                .isInstanceOf(CloneFailure.class).hasMessageContaining("Enter the repository's address");
        assertThat(target).doesNotExist();
    }

    @Test
    void cancellingStopsTheCloneAndRemovesTheHalfMadeFolder() throws Exception {
        String url = bareRepositoryWith("compose.yaml", "services: {}\n");
        Path target = dir.resolve("copy");
        RepositoryClone clone = new RepositoryClone(url, target);

        // cancelled at JGit's first progress report: the transfer has begun and the folder exists
        assertThatThrownBy(() -> clone.run(p -> clone.cancel()))
                .isInstanceOfSatisfying(CloneFailure.class, f -> assertThat(f.cancelled()).isTrue());
        assertThat(target).doesNotExist();
    }

    @Test
    void cancellingKeepsATargetFolderThatWasThereEmpty() throws Exception {
        String url = bareRepositoryWith("compose.yaml", "services: {}\n");
        Path target = Files.createDirectories(dir.resolve("empty"));
        RepositoryClone clone = new RepositoryClone(url, target);

        assertThatThrownBy(() -> clone.run(p -> clone.cancel())).isInstanceOf(CloneFailure.class);
        assertThat(target).isEmptyDirectory();
    }

    @Test
    void theDefaultFolderNameIsTheRepositorysName() {
        assertThat(RepositoryClone.folderNameFor("https://github.com/acme/shop.git")).isEqualTo("shop");
        assertThat(RepositoryClone.folderNameFor("git@github.com:acme/blog")).isEqualTo("blog");
        assertThat(RepositoryClone.folderNameFor("")).isEmpty();
    }
}
