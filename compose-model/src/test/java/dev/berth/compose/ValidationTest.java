package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.diag.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest {

    @TempDir
    Path dir;

    /** The only diagnostic, checked for severity, line, column and message content. */
    private Diagnostic only(String yaml) {
        List<Diagnostic> all = Projects.loadYaml(dir, yaml).diagnostics();
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private static void at(Diagnostic d, Severity severity, int line, int column, String... parts) {
        assertThat(d.severity()).isEqualTo(severity);
        assertThat(d.position().line()).as("line").isEqualTo(line);
        assertThat(d.position().column()).as("column").isEqualTo(column);
        assertThat(d.message()).contains(parts);
    }

    @Test
    void unknownServiceKeySuggestsTheClosestKnownKey() {
        at(only("services:\n  web:\n    imgae: nginx\n    build: .\n"), Severity.ERROR, 3, 5,
                "unknown key `imgae` in service `web` — did you mean `image`?");
    }

    @Test
    void unknownTopLevelKeySuggestsOrExplainsExtensions() {
        at(only("servces:\n  web: {image: a}\nservices:\n  web: {image: a}\n"), Severity.ERROR, 1, 1,
                "unknown top-level key `servces` — did you mean `services`?");
        at(only("services:\n  web: {image: a}\nfoo: 1\nx-ok: 2\n"), Severity.ERROR, 3, 1,
                "prefix it with `x-`");
    }

    @Test
    void aMappedHostMayListAnAddressTwiceAsTheSchemaAllowsButTheListFormMayNotRepeatAnItem() {
        assertThat(Projects.loadYaml(dir, "services:\n  web:\n    image: a\n    extra_hosts:\n      db: [10.0.0.1,"
                + " 10.0.0.1]\n").diagnostics()).as("the schema's mapped addresses have uniqueItems: false").isEmpty();
        at(only("services:\n  web:\n    image: a\n    extra_hosts: [\"db:10.0.0.1\", \"db:10.0.0.1\"]\n"),
                Severity.ERROR, 4, 34, "repeats item 1");
    }

    @Test
    void wrongTypeSaysWhatIsExpected() {
        at(only("services:\n  web:\n    image: a\n    ports: \"80:80\"\n"), Severity.ERROR, 4, 12,
                "`ports` in service `web` must be a list, not a string");
    }

    @Test
    void serviceNeedsImageOrBuild() {
        at(only("services:\n  web:\n    user: nobody\n"), Severity.ERROR, 2, 3,
                "service `web` has neither `image` nor `build`");
    }

    @Test
    void dependsOnUndefinedService() {
        at(only("services:\n  web:\n    image: a\n    depends_on:\n      - db\n"), Severity.ERROR, 5, 9,
                "service `web` depends on undefined service `db`");
    }

    @Test
    void undefinedNamedVolumeAndNetwork() {
        at(only("services:\n  web:\n    image: a\n    volumes:\n      - data:/data\n"), Severity.ERROR, 5, 9,
                "mounts undefined volume `data`", "top-level `volumes:`");
        at(only("services:\n  web:\n    image: a\n    networks: [front]\n"), Severity.ERROR, 4, 16,
                "uses undefined network `front`");
    }

    @Test
    void emptyVolumeSourceFromAnUnsetVariable() {
        List<Diagnostic> all = Projects.loadYaml(dir,
                "services:\n  web:\n    image: a\n    volumes:\n      - ${NOT_SET}:/x\n").errors();
        assertThat(all).singleElement().satisfies(d -> at(d, Severity.ERROR, 5, 9, "has an empty source"));
    }

    @Test
    void filesWithoutServicesAndExtendingServicesAreAccepted() {
        assertThat(Projects.loadYaml(dir, "volumes:\n  data:\n").diagnostics()).isEmpty();
        Projects.write(dir, "base.yaml", "services:\n  web:\n    image: a\n");
        assertThat(Projects.loadYaml(dir, "services:\n  web:\n    extends: {file: base.yaml, service: web}\n")
                .errors()).isEmpty();
    }

    @Test
    void dependencyCycleIsPrinted() {
        at(only("""
                services:
                  a:
                    image: x
                    depends_on: [b]
                  b:
                    image: x
                    depends_on: [a]
                """), Severity.ERROR, 4, 18, "dependency cycle: a -> b -> a"); // at a's entry `b`, where the loop starts
    }

    @Test
    void aCycleThroughNetworkModeOrVolumesFromIsACycleToo() {
        at(only("""
                services:
                  a:
                    image: x
                    network_mode: "service:b"
                  b:
                    image: x
                    volumes_from: ["a:ro"]
                """), Severity.ERROR, 4, 19, "dependency cycle: a -> b -> a");
    }

    @Test
    void volumesFromAnUndefinedService() {
        at(only("services:\n  web:\n    image: a\n    volumes_from: [\"dbdata\", \"container:outside\"]\n"),
                Severity.ERROR, 4, 20, "undefined service \"dbdata\"", "container:<name>");
    }

    @Test
    void badPortSyntax() {
        at(only("services:\n  web:\n    image: a\n    ports:\n      - \"80:70000\"\n"), Severity.ERROR, 5, 9,
                "invalid port \"80:70000\"", "container port `70000`");
        at(only("services:\n  web:\n    image: a\n    ports:\n      - \"80/http\"\n"), Severity.ERROR, 5, 9,
                "unknown protocol `http`");
        at(only("services:\n  web:\n    image: a\n    ports:\n      - \"8000-8002:80-81\"\n"), Severity.ERROR, 5, 9,
                "make them the same size");
    }

    @Test
    void obsoleteVersionIsAWarning() {
        LoadResult result = Projects.loadYaml(dir, "version: \"3.8\"\nservices:\n  web: {image: a}\n");
        assertThat(result.hasErrors()).isFalse();
        at(result.diagnostics().getFirst(), Severity.WARNING, 1, 1, "`version` is obsolete");
    }

    @Test
    void unknownKeyInsideNestedSections() {
        at(only("services:\n  web:\n    build:\n      contxt: .\n"), Severity.ERROR, 4, 7,
                "unknown key `contxt` in `build` of service `web` — did you mean `context`?");
        at(only("services:\n  web:\n    image: a\n    healthcheck:\n      intervall: 5s\n"), Severity.ERROR, 5, 7,
                "did you mean `interval`?");
    }

    @Test
    void badDurationInHealthcheck() {
        at(only("services:\n  web:\n    image: a\n    healthcheck:\n      interval: soon\n"), Severity.ERROR, 5, 17,
                "is not a duration");
    }

    @Test
    void dependencyOnAServiceOutsideTheActiveProfiles() {
        at(only("""
                services:
                  web:
                    image: a
                    depends_on: [debug]
                  debug:
                    image: b
                    profiles: [dbg]
                """), Severity.ERROR, 4, 18, "`debug`, which is not enabled");
    }
}
