package dev.berth.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.common.SettingsStore.RecentProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentProjectsTest {

    @Test
    void theProjectOpenedLastComesFirst() {
        List<RecentProject> list = RecentProjects.opened(List.of(), Path.of("/p/a"), "a");
        list = RecentProjects.opened(list, Path.of("/p/b"), "b");

        assertThat(list).extracting(RecentProject::name).containsExactly("b", "a");
    }

    @Test
    void reopeningAProjectMovesItUpInsteadOfListingItTwice() {
        List<RecentProject> list = RecentProjects.opened(List.of(), Path.of("/p/a"), "a");
        list = RecentProjects.opened(list, Path.of("/p/b"), "b");
        list = RecentProjects.opened(list, Path.of("/p/x/../a/"), "a");

        assertThat(list).extracting(RecentProject::directory).containsExactly("/p/a", "/p/b");
    }

    @Test
    void theListKeepsTheLatestTen() {
        List<RecentProject> list = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            list = new ArrayList<>(RecentProjects.opened(list, Path.of("/p/" + i), "p" + i));
        }

        assertThat(list).hasSize(RecentProjects.LIMIT);
        assertThat(list.getFirst().name()).isEqualTo("p13");
        assertThat(list.getLast().name()).isEqualTo("p4");
    }

    @Test
    void removingTakesOnlyThatFolderOff() {
        List<RecentProject> list = RecentProjects.opened(List.of(), Path.of("/p/a"), "a");
        list = RecentProjects.opened(list, Path.of("/p/b"), "b");

        assertThat(RecentProjects.removed(list, Path.of("/p/a"))).extracting(RecentProject::name).containsExactly("b");
        assertThat(RecentProjects.removed(list, Path.of("/p/none"))).isEqualTo(list);
    }
}
