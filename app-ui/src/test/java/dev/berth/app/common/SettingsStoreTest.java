package dev.berth.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.common.SettingsStore.RecentProject;
import dev.berth.app.common.SettingsStore.Settings;
import dev.berth.app.common.SettingsStore.WindowPlacement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;
    final List<String> warnings = new ArrayList<>();

    private SettingsStore store() {
        return new SettingsStore(dir.resolve("berth"), warnings::add);
    }

    @Test
    void savedSettingsComeBackInTheNextRun() throws Exception {
        Settings saved = new Settings(new WindowPlacement(10, 20, 1200, 800, true),
                List.of(new RecentProject("/home/a/shop", "shop"), new RecentProject("/home/a/blog", "blog")));
        store().save(saved);

        assertThat(store().load()).isEqualTo(saved);
        assertThat(warnings).isEmpty();
    }

    @Test
    void noFileYetMeansEmptySettingsWithoutWarning() {
        assertThat(store().load()).isEqualTo(Settings.EMPTY);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aCorruptFileIsIgnoredWithAWarningNamingItAndIsReplacedOnTheNextSave() throws Exception {
        Path file = store().file();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"window\": {\"x\": 1, \"y\": ");

        SettingsStore store = store();
        assertThat(store.current()).isEqualTo(Settings.EMPTY);
        assertThat(warnings).singleElement().asString().contains(file.toString()).contains("default settings");

        store.update(s -> s.withRecentProjects(List.of(new RecentProject("/p", "p"))));
        assertThat(store().load().recentProjects()).containsExactly(new RecentProject("/p", "p"));
    }

    @Test
    void aFileOfTheWrongShapeIsIgnoredLikeACorruptOne() throws Exception {
        Files.createDirectories(store().file().getParent());
        Files.writeString(store().file(), "[1, 2, 3]");

        assertThat(store().load()).isEqualTo(Settings.EMPTY);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void unknownKeysFromANewerBerthAreSkipped() throws Exception {
        Files.createDirectories(store().file().getParent());
        Files.writeString(store().file(), "{\"theme\":\"dark\",\"recentProjects\":[{\"directory\":\"/x\",\"name\":\"x\",\"pinned\":true}]}");

        assertThat(store().load().recentProjects()).containsExactly(new RecentProject("/x", "x"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void saveReplacesTheFileAtomicallyAndLeavesNoTemporaryFileBehind() throws Exception {
        SettingsStore store = store();
        store.save(new Settings(null, List.of(new RecentProject("/old", "old"))));
        Path file = store.file();
        Object before = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        store.save(new Settings(null, List.of(new RecentProject("/new", "new"))));

        // a new file moved over the old one (another inode), not the old one rewritten in place
        Object after = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        assertThat(after).isNotEqualTo(before);
        assertThat(store().load().recentProjects()).extracting(RecentProject::name).containsExactly("new");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SettingsStore.FILE_NAME);
        }
    }

    @Test
    void aFailedSaveWarnsDestroysNothingAndLeavesNoTemporaryFile() throws Exception {
        SettingsStore store = store();
        // the move over settings.json fails when something that cannot be replaced is in its place
        Path inTheWay = Files.createDirectories(store.file()).resolve("keep.txt");
        Files.writeString(inTheWay, "mine");

        store.saveOrWarn(new Settings(null, List.of(new RecentProject("/new", "new"))));

        assertThat(warnings).singleElement().asString().contains("could not save settings").contains(store.file().toString());
        assertThat(Files.readString(inTheWay)).isEqualTo("mine");
        try (var files = Files.list(store.file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SettingsStore.FILE_NAME);
        }
    }

    @Test
    void theFolderComesFromThePropertyThenXdgThenHome() {
        Path home = Path.of("/home/u");
        assertThat(SettingsStore.directory(Map.of("XDG_CONFIG_HOME", "/x"), "/override", home)).isEqualTo(Path.of("/override"));
        assertThat(SettingsStore.directory(Map.of("XDG_CONFIG_HOME", "/x"), null, home)).isEqualTo(Path.of("/x/berth"));
        assertThat(SettingsStore.directory(Map.of("XDG_CONFIG_HOME", "relative"), null, home))
                .isEqualTo(Path.of("/home/u/.config/berth"));
        assertThat(SettingsStore.directory(Map.of(), null, home)).isEqualTo(Path.of("/home/u/.config/berth"));
    }
}
