package dev.berth.compose.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.knowledge.CaretContext.Role;
import dev.berth.compose.rules.ComposeKeys;
import dev.berth.compose.rules.ComposeKeys.Scope;
import dev.berth.compose.rules.KeyDoc;
import org.junit.jupiter.api.Test;

/** The caret is written as {@code |} in each fixture. */
class EditorKnowledgeTest {

    private static final String PROJECT = """
            services:
              web:
                image: nginx
                restart: RESTART
                ports:
                  - "80:80"
                  - target: 443
                    protocol: PROTO
                depends_on:
                  db:
                    condition: COND
                networks: [NETS]
                volumes:
                  - VOL
                init: INIT
              db:
                image: postgres
            networks:
              front: {}
              back:
            volumes:
              data:
            """;

    private static CaretContext at(String textWithCaret) {
        int caret = textWithCaret.indexOf('|');
        assertThat(caret).as("fixture has a | caret").isNotNegative();
        String text = textWithCaret.substring(0, caret) + textWithCaret.substring(caret + 1);
        String before = textWithCaret.substring(0, caret);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = caret - (before.lastIndexOf('\n') + 1) + 1;
        return EditorKnowledge.at(text, line, column);
    }

    private static CaretContext inProject(String placeholder, String withCaret) {
        return at(PROJECT.replace(placeholder, withCaret));
    }

    @Test
    void restartPolicyValuesAtTheRestartValue() {
        CaretContext c = inProject("RESTART", "|");
        assertThat(c.path()).hasToString("services.web.restart");
        assertThat(c.role()).isEqualTo(Role.VALUE);
        assertThat(c.knownValues()).containsExactly("no", "always", "on-failure", "unless-stopped");
    }

    @Test
    void hoverOnAKeyGivesItsDescriptionFromTheKeyTable() {
        CaretContext c = at(PROJECT.replace("    image: nginx", "    ima|ge: nginx"));
        assertThat(c.path()).hasToString("services.web.image");
        assertThat(c.role()).isEqualTo(Role.KEY);
        assertThat(c.hover()).map(KeyDoc::description).contains(ComposeKeys.lookup(Scope.SERVICE, "image").orElseThrow().description());
    }

    @Test
    void keysAllowedOnANewLineOfAServiceAreTheServiceKeysNotYetPresent() {
        CaretContext c = at(PROJECT.replace("    init: INIT\n", "    init: true\n    |\n"));
        assertThat(c.path()).hasToString("services.web");
        assertThat(c.role()).isEqualTo(Role.KEY);
        assertThat(c.scope()).contains(Scope.SERVICE);
        assertThat(c.allowedKeys()).extracting(KeyDoc::name).contains("healthcheck", "command", "user")
                .doesNotContain("image", "ports", "restart", "depends_on", "init");
    }

    @Test
    void aPartlyTypedKeyIsCompletedFromItsScope() {
        CaretContext c = at("services:\n  web:\n    image: a\n    heal|\n");
        assertThat(c.scope()).contains(Scope.SERVICE);
        assertThat(c.allowedKeys()).extracting(KeyDoc::name).contains("healthcheck").doesNotContain("image");
    }

    @Test
    void topLevelKeysAtColumnOne() {
        CaretContext c = at(PROJECT + "|\n");
        assertThat(c.path().isRoot()).isTrue();
        assertThat(c.allowedKeys()).extracting(KeyDoc::name).contains("secrets", "configs", "name").doesNotContain("services", "volumes");
    }

    @Test
    void dependsOnConditionValues() {
        CaretContext c = inProject("COND", "service_|");
        assertThat(c.path()).hasToString("services.web.depends_on.db.condition");
        assertThat(c.knownValues()).containsExactly("service_started", "service_healthy", "service_completed_successfully");
    }

    @Test
    void dependsOnKeysAreOtherServices() {
        CaretContext c = at(PROJECT.replace("      db:\n        condition", "      |\n      db:\n        condition"));
        assertThat(c.path()).hasToString("services.web.depends_on");
        assertThat(c.scope()).isEmpty();
        assertThat(c.knownValues()).containsExactly("db");
    }

    @Test
    void portItemInLongSyntax() {
        CaretContext c = inProject("PROTO", "|");
        assertThat(c.path()).hasToString("services.web.ports[1].protocol");
        assertThat(c.knownValues()).containsExactly("tcp", "udp", "sctp");
        CaretContext keys = at(PROJECT.replace("        protocol: PROTO", "        protocol: tcp\n        |"));
        assertThat(keys.scope()).contains(Scope.PORT);
        assertThat(keys.allowedKeys()).extracting(KeyDoc::name).contains("published", "mode").doesNotContain("target", "protocol");
    }

    @Test
    void networksInAFlowListOfferDefinedNetworks() {
        CaretContext c = inProject("NETS", "front, |");
        assertThat(c.path()).hasToString("services.web.networks");
        assertThat(c.knownValues()).containsExactly("front", "back");
    }

    @Test
    void volumeSourcesAreTheDefinedVolumes() {
        CaretContext c = inProject("VOL", "|");
        assertThat(c.path()).hasToString("services.web.volumes[0]");
        assertThat(c.knownValues()).containsExactly("data");
        assertThat(c.scope()).contains(Scope.SERVICE_VOLUME);
    }

    @Test
    void booleanKeysOfferTrueAndFalse() {
        assertThat(inProject("INIT", "|").knownValues()).containsExactly("true", "false");
    }

    @Test
    void secondListItemIndexCounts() {
        CaretContext c = at(PROJECT.replace("      - target: 443", "      - tar|get: 443"));
        assertThat(c.path()).hasToString("services.web.ports[1].target");
        assertThat(c.hover()).map(KeyDoc::name).contains("target");
    }

    @Test
    void worksInAFileThatDoesNotParse() {
        String broken = "services:\n  web:\n    image: [nginx\n    restart: |\n  db:\n    image: \"x\n";
        CaretContext c = at(broken);
        assertThat(c.path()).hasToString("services.web.restart");
        assertThat(c.knownValues()).contains("unless-stopped");
    }

    @Test
    void compactListsAtTheParentsIndentation() {
        CaretContext c = at("services:\n  web:\n    depends_on:\n    - db\n    - |\n  db:\n    image: x\n");
        assertThat(c.path()).hasToString("services.web.depends_on[1]");
        assertThat(c.knownValues()).containsExactly("db");
    }

    @Test
    void aCommentHasNoKnowledge() {
        assertThat(at("services: # the | services\n").role()).isEqualTo(Role.COMMENT);
    }

    @Test
    void crlfTextIsReadLikeLf() {
        CaretContext c = at("services:\r\n  web:\r\n    restart: |\r\n");
        assertThat(c.path()).hasToString("services.web.restart");
    }

    @Test
    void everyEnumeratedKeyIsAKeyOfTheTable() {
        KnownValues.ENUMS.keySet().forEach(k ->
                assertThat(ComposeKeys.lookup(k.scope(), k.name())).as(k.toString()).isPresent());
    }
}
