package dev.berth.compose.rules.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Structural and value errors: where they point (line:column of the key or value) and what they tell. */
class StructureMessagesTest {

    @TempDir
    Path dir;

    private List<Diagnostic> errors(String yaml, Map<String, String> environment) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), yaml);
        return ComposeLoader.load(LoadOptions.builder(dir).file(dir.resolve("compose.yaml")).projectName("test")
                .environment(environment).build()).diagnostics().stream().filter(Diagnostic::isError).toList();
    }

    private Diagnostic onlyError(String yaml) throws IOException {
        return onlyError(yaml, Map.of());
    }

    private Diagnostic onlyError(String yaml, Map<String, String> environment) throws IOException {
        List<Diagnostic> all = errors(yaml, environment);
        assertThat(all).as("errors of:%n%s", yaml).hasSize(1);
        return all.getFirst();
    }

    private static void at(Diagnostic d, int line, int column, String... parts) {
        assertThat(d.position().line() + ":" + d.position().column()).as(d.format()).isEqualTo(line + ":" + column);
        assertThat(d.message()).contains(parts);
    }

    private static final String WEB = "services:\n  web:\n    image: nginx\n";

    @Test
    void unknownKeyDeepInDeploySuggestsTheKnownOne() throws IOException {
        at(onlyError(WEB + "    deploy:\n      resources:\n        limits:\n          cpu: 0.5\n"), 7, 11,
                "unknown key `cpu` in `deploy.resources.limits` of service `web` — did you mean `cpus`?");
    }

    @Test
    void caseSlipInAKeyIsCaught() throws IOException {
        at(onlyError("services:\n  web:\n    Image: nginx\n    build: .\n"), 3, 5, "did you mean `image`?");
    }

    @Test
    void extensionKeysAreAllowedAtEveryLevel() throws IOException {
        assertThat(errors("""
                x-common: &common {a: 1}
                services:
                  web:
                    image: nginx
                    x-note: hello
                    deploy:
                      x-team: core
                      resources: {limits: {x-why: test, cpus: "1"}}
                    networks:
                      front: {x-meta: 1}
                networks:
                  front: {x-owner: me, driver: bridge}
                volumes:
                  data: {x-backup: daily}
                """, Map.of())).isEmpty();
    }

    @Test
    void listOrMappingGivenAStringShowsBothForms() throws IOException {
        at(onlyError(WEB + "    environment: DEBUG=1\n"), 4, 18,
                "`environment` in service `web` must be a mapping or a list, not a string",
                "e.g. `environment: [\"DEBUG=1\"]`");
    }

    @Test
    void droppedQuotesAroundAUserAreExplained() throws IOException {
        at(onlyError(WEB + "    user: 1000\n"), 4, 11, "must be a string, not a number", "`user: \"1000\"`");
    }

    @Test
    void aBooleanWhereAListIsExpected() throws IOException {
        at(onlyError(WEB + "    cap_add: true\n"), 4, 14, "`cap_add` in service `web` must be a list, not a boolean");
    }

    @Test
    void dependsOnConditionSuggestsTheClosestValue() throws IOException {
        at(onlyError("services:\n  db:\n    image: postgres\n  web:\n    image: nginx\n    depends_on:\n"
                + "      db:\n        condition: service_healty\n"), 8, 20, "did you mean `service_healthy`?");
    }

    @Test
    void dependsOnLongFormNeedsACondition() throws IOException {
        at(onlyError("services:\n  db:\n    image: postgres\n  web:\n    image: nginx\n    depends_on:\n"
                + "      db:\n        restart: true\n"), 7, 7, "`db` under `depends_on` in service `web` needs `condition:`");
    }

    @Test
    void restartPolicyTypoSuggestsTheValue() throws IOException {
        at(onlyError(WEB + "    restart: allways\n"), 4, 14, "invalid restart policy \"allways\"", "did you mean `always`?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "always", "on-failure", "on-failure:3", "unless-stopped"})
    void everyRestartPolicyIsAccepted(String policy) throws IOException {
        assertThat(errors(WEB + "    restart: \"" + policy + "\"\n", Map.of())).isEmpty();
    }

    @Test
    void serviceNameWithASpaceIsReportedAtTheName() throws IOException {
        List<Diagnostic> all = errors("services:\n  web app:\n    image: nginx\n", Map.of());
        assertThat(all).anySatisfy(d -> at(d, 2, 3, "\"web app\" is not a valid name", "letters, digits"));
    }

    @Test
    void networkNameWithASpaceIsAWarningAsTheSchemaLeavesItOpen() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), WEB + "networks:\n  my net: {}\n");
        List<Diagnostic> all = ComposeLoader.load(LoadOptions.builder(dir).file(dir.resolve("compose.yaml"))
                .projectName("test").environment(Map.of()).build()).diagnostics();
        assertThat(all).singleElement().satisfies(d -> {
            assertThat(d.isError()).isFalse();
            at(d, 5, 3, "\"my net\" is not a valid name under top-level `networks`");
        });
    }

    @Test
    void repeatedPortIsReportedAtTheRepeat() throws IOException {
        at(onlyError(WEB + "    ports:\n      - \"80:80\"\n      - \"80:80\"\n"), 6, 9, "repeats item 1 (line 5)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"80\"", "\"8080:80\"", "\"127.0.0.1:8080:80/udp\"", "\"[::1]:80:80\"", "\"8000-8005:80-85\"", "443"})
    void shortPortsThatComposeAccepts(String port) throws IOException {
        assertThat(errors(WEB + "    ports:\n      - " + port + "\n", Map.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"8080:0\"", "\"99999\"", "\"80:70000\"", "\"80/xtp\""})
    void shortPortsThatAreWrong(String port) throws IOException {
        at(onlyError(WEB + "    ports:\n      - " + port + "\n"), 5, 9, "invalid port");
    }

    @Test
    void longPortTargetOutOfRange() throws IOException {
        at(onlyError(WEB + "    ports:\n      - target: 0\n"), 5, 17, "container port \"0\" is out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1m30s", "10s", "1h", "500ms", "2us", "1.5h"})
    void goDurationsAreAccepted(String duration) throws IOException {
        assertThat(errors(WEB + "    stop_grace_period: " + duration + "\n", Map.of())).isEmpty();
    }

    @Test
    void aDurationWithASpaceIsNotOne() throws IOException {
        at(onlyError(WEB + "    stop_grace_period: 10 seconds\n"), 4, 24, "\"10 seconds\" is not a duration", "1m30s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"128m", "1gb", "1073741824", "64M", "2g", "1.5g"})
    void byteSizesAreAccepted(String size) throws IOException {
        assertThat(errors(WEB + "    shm_size: " + size + "\n", Map.of())).isEmpty();
    }

    @Test
    void aByteSizeWithAnUnknownUnit() throws IOException {
        at(onlyError(WEB + "    mem_limit: 2 gigs\n"), 4, 16, "\"2 gigs\" is not a size", "512m");
    }

    @Test
    void valuesAreCheckedAfterInterpolationAndReportedWhereWritten() throws IOException {
        at(onlyError(WEB + "    restart: ${POLICY}\n", Map.of("POLICY", "sometimes")), 4, 14,
                "invalid restart policy \"sometimes\"");
        assertThat(errors(WEB + "    restart: ${POLICY}\n", Map.of("POLICY", "always"))).isEmpty();
    }

    @Test
    void pullPolicyTypoAndPeriodicForm() throws IOException {
        at(onlyError(WEB + "    pull_policy: misisng\n"), 4, 18, "did you mean `missing`?");
        assertThat(errors(WEB + "    pull_policy: every_12h\n", Map.of())).isEmpty();
        // the schema's pattern finds `always` inside; the value is still not a policy
        at(onlyError(WEB + "    pull_policy: alwaysx\n"), 4, 18, "invalid pull_policy \"alwaysx\"", "did you mean `always`?");
    }

    @Test
    void namespaceModesNeedANameAfterServiceOrContainer() throws IOException {
        at(onlyError(WEB + "    ipc: \"service:\"\n"), 4, 10, "not a valid mode");
        at(onlyError(WEB + "    pid: hots\n"), 4, 10, "did you mean `host`?");
        assertThat(errors(WEB + "    network_mode: my-network\n", Map.of())).isEmpty();
    }

    @Test
    void ulimitWithOnlyASoftLimitNeedsTheHardOne() throws IOException {
        at(onlyError(WEB + "    ulimits:\n      nofile:\n        soft: 1024\n"), 5, 7, "needs `hard:`");
    }

    @Test
    void cpusMustBeANumber() throws IOException {
        at(onlyError(WEB + "    cpus: two\n"), 4, 11, "cpus \"two\" must be a non-negative number");
    }

    @Test
    void cpuPercentIsBounded() throws IOException {
        at(onlyError(WEB + "    cpu_percent: 150\n"), 4, 18, "is 150 but must be between 0 and 100");
    }

    @Test
    void volumeTypeOutsideTheSet() throws IOException {
        at(onlyError(WEB + "    volumes:\n      - type: bnd\n        source: ./a\n        target: /a\n"), 5, 15,
                "did you mean `bind`?");
    }

    @Test
    void unknownKeyInATopLevelNetworkAndItsIpam() throws IOException {
        List<Diagnostic> all = errors("networks:\n  front:\n    ipam:\n      config:\n        - subnet: 10.0.0.0/24\n"
                + "          gatway: 10.0.0.1\n", Map.of());
        assertThat(all).singleElement().satisfies(d -> at(d, 6, 11, "in an `ipam.config` entry of network `front`",
                "did you mean `gateway`?"));
    }
}
