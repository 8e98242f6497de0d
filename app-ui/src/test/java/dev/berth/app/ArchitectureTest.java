package dev.berth.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Keeps the layers honest: which module may use which, checked on the classes (ArchUnit) and on the
 * module POMs. app-ui sees every module's classes, so the whole code base is checked from here.
 */
class ArchitectureTest {
    private static JavaClasses berth;

    @BeforeAll
    static void importClasses() {
        berth = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.berth");
        assertThat(berth.stream().map(c -> c.getPackageName()).distinct())
                .as("classes of every module are on app-ui's test class path")
                .anyMatch(p -> p.startsWith("dev.berth.compose"))
                .anyMatch(p -> p.startsWith("dev.berth.engine"))
                .anyMatch(p -> p.startsWith("dev.berth.vm"))
                .anyMatch(p -> p.startsWith("dev.berth.app"));
    }

    @Test
    void composeModelDependsOnNothingOfOursNorOnUiOrDocker() {
        classes().that().resideInAPackage("dev.berth.compose..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.berth.compose..", "java..", "org.snakeyaml..")
                .because("compose-model is pure: files in, model and diagnostics out")
                .check(berth);
    }

    @Test
    void engineBridgeDependsOnlyOnTheModel() {
        noClasses().that().resideInAPackage("dev.berth.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.berth.app..", "dev.berth.vm..", "javafx..")
                .check(berth);
    }

    @Test
    void dockerJavaStaysInsideItsAdapter() {
        noClasses().that().resideOutsideOfPackage("dev.berth.engine.docker..")
                .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
                .because("the rest of Berth sees Berth's own engine port, not docker-java")
                .check(berth);
    }

    @Test
    void vmLauncherDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.berth.vm..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.berth.compose..", "dev.berth.engine..", "dev.berth.app..", "javafx..", "com.github.dockerjava..")
                .check(berth);
    }

    @Test
    void onlyTheAppUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("dev.berth.app..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(berth);
    }

    /** The Maven modules' declared dependencies on each other follow the same table. */
    @Test
    void modulePomsFollowTheDependencyTable() throws Exception {
        Map<String, List<String>> allowed = Map.of(
                "compose-model", List.of(),
                "engine-bridge", List.of("compose-model"),
                "vm-launcher", List.of(),
                "app-ui", List.of("compose-model", "engine-bridge", "vm-launcher"),
                "ui-tests", List.of("app-ui"),
                "packaging", List.of("app-ui"));
        Path root = Path.of(System.getProperty("berth.repo.root", ".."));
        for (var entry : allowed.entrySet()) {
            Path pom = root.resolve(entry.getKey()).resolve("pom.xml");
            assertThat(pom).as("module %s exists", entry.getKey()).exists();
            assertThat(berthDependencies(pom)).as("Berth modules that %s depends on", entry.getKey())
                    .isEqualTo(new TreeSet<>(entry.getValue()));
        }
    }

    @Test
    void composeModelPomHasNoJavaFxOrDocker() throws Exception {
        Path root = Path.of(System.getProperty("berth.repo.root", ".."));
        String pom = Files.readString(root.resolve("compose-model/pom.xml"));
        assertThat(pom).doesNotContain("org.openjfx").doesNotContain("docker-java");
    }

    private static TreeSet<String> berthDependencies(Path pom) throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList deps = doc.getElementsByTagName("dependency");
        TreeSet<String> ours = new TreeSet<>();
        for (int i = 0; i < deps.getLength(); i++) {
            Element dep = (Element) deps.item(i);
            if (text(dep, "groupId").equals("dev.berth")) {
                ours.add(text(dep, "artifactId"));
            }
        }
        return ours;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
