package dev.berth.compose.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeDocumentTest {

    private static String edited(EditResult result) {
        assertThat(result).as("edit result").isInstanceOf(EditResult.Applied.class);
        EditResult.Applied applied = (EditResult.Applied) result;
        return applied.document().text();
    }

    private static EditResult.Applied applied(EditResult result) {
        assertThat(result).as("edit result").isInstanceOf(EditResult.Applied.class);
        return (EditResult.Applied) result;
    }

    @Test
    void setKeepsDoubleQuotesAndTheCommentAfterIt() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        String after = edited(doc.set("services.web.ports[0]", "8001:80"));
        assertThat(after).isEqualTo(doc.text().replace("- \"8000:80\"   # public", "- \"8001:80\"   # public"));
    }

    @Test
    void setKeepsSingleQuotesAndPlainStyle() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        assertThat(edited(doc.set("services.web.ports[1]", "9443:443"))).contains("- '9443:443'\n");
        assertThat(edited(doc.set("services.db.image", "postgres:17"))).contains("    image: postgres:17\n");
    }

    @Test
    void aPlainStringThatWouldReadAsANumberGetsQuoted() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        assertThat(edited(doc.set("services.db.image", "123"))).contains("    image: \"123\"\n");
        assertThat(edited(doc.set("services.db.image", "yes: no"))).contains("    image: \"yes: no\"\n");
    }

    @Test
    void theEditIsExactlyTheReturnedTextEdits() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        EditResult.Applied a = applied(doc.set("services.web.ports[0]", "8001:80"));
        assertThat(a.edits()).hasSize(1);
        TextEdit e = a.edits().getFirst();
        assertThat(doc.text().substring(e.offset(), e.end())).isEqualTo("\"8000:80\"");
        assertThat(e.replacement()).isEqualTo("\"8001:80\"");
        assertThat(TextEdit.apply(doc.text(), a.edits())).isEqualTo(a.document().text());
    }

    @Test
    void setInsideAFlowMappingKeepsItFlow() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        assertThat(edited(doc.set("services.web.environment.MODE", "dev")))
                .contains("environment: {LOG_LEVEL: info, MODE: dev}");
        assertThat(edited(doc.set("services.web.environment.MODE", "a, b")))
                .contains("environment: {LOG_LEVEL: info, MODE: \"a, b\"}");
    }

    @Test
    void setOfAMissingKeyAddsIt() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        assertThat(edited(doc.set("services.cache.restart", "always")))
                .contains("    image: redis\t# tab before this comment\n    restart: always\nvolumes:");
    }

    @Test
    void setReplacesABlockListWithAnotherAtTheSameIndentation() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        String after = edited(doc.set("services.db.volumes", List.of("data:/data", "./conf:/etc/pg")));
        assertThat(after).contains("    volumes:\n      - data:/data\n      - ./conf:/etc/pg\n    command: |");
    }

    @Test
    void addKeyAppendsWithTheSiblingsIndentation() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        Map<String, Object> hc = new LinkedHashMap<>();
        hc.put("test", List.of("CMD", "pg_isready"));
        hc.put("interval", "5s");
        String after = edited(doc.addKey("services.db", "healthcheck", hc));
        assertThat(after).contains("      -c max_connections=200\n    healthcheck:\n      test:\n        - CMD\n        - pg_isready\n"
                + "      interval: 5s\n\n  cache:");
    }

    @Test
    void addKeyToAFlowMapping() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        assertThat(edited(doc.addKey("services.web.environment", "TZ", "UTC")))
                .contains("environment: {LOG_LEVEL: info, MODE: prod, TZ: UTC}");
        assertThat(edited(doc.addKey("volumes.data", "driver", "local"))).endsWith("  data: {driver: local}\n");
    }

    @Test
    void addKeyThatExistsIsRefused() {
        EditResult r = Fixtures.doc("commented.yaml").addKey("services.web", "image", "x");
        assertThat(r).isInstanceOfSatisfying(EditResult.Refused.class,
                f -> assertThat(f.reason()).contains("services.web.image").contains("already exists").contains("line 7"));
    }

    @Test
    void removeTakesTheKeysOwnCommentAndNoOtherAndLeavesNoDoubleBlankLine() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        String after = edited(doc.remove("services.db"));
        assertThat(after).doesNotContain("# the database").doesNotContain("postgres");
        assertThat(after).contains("    depends_on: [db, cache]\n\n  cache:\n");
        assertThat(after).contains("  # the web front end\n");
    }

    @Test
    void removeAListItemWithItsTrailingComment() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        assertThat(edited(doc.remove("services.web.ports[0]")))
                .contains("    ports:\n      - '8443:443'\n    environment:");
    }

    @Test
    void removeFromFlowCollections() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        assertThat(edited(doc.remove("services.web.depends_on[0]"))).contains("depends_on: [cache]\n");
        assertThat(edited(doc.remove("services.web.depends_on[1]"))).contains("depends_on: [db]\n");
        assertThat(edited(doc.remove("services.web.environment.LOG_LEVEL"))).contains("environment: {MODE: prod}\n");
    }

    @Test
    void addListItemToBlockAndFlowLists() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        assertThat(edited(doc.addListItem("services.web.ports", "9000:9000")))
                .contains("      - '8443:443'\n      - 9000:9000\n    environment:");
        assertThat(edited(doc.addListItem("services.web.depends_on", "queue"))).contains("depends_on: [db, cache, queue]");
        assertThat(edited(doc.addListItem("services.cache.ports", "6379:6379")))
                .contains("    image: redis\t# tab before this comment\n    ports:\n      - 6379:6379\nvolumes:");
    }

    @Test
    void renameKeyForADidYouMeanFix() {
        ComposeDocument doc = ComposeDocument.of("c.yaml", "services:\n  web:\n    imgae: nginx  # typo\n");
        assertThat(edited(doc.renameKey("services.web.imgae", "image"))).isEqualTo("services:\n  web:\n    image: nginx  # typo\n");
        assertThat(doc.renameKey("services.web.imgae", "imgae")).isInstanceOf(EditResult.Refused.class);
    }

    @Test
    void addServiceAndTopLevelSections() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        String after = edited(doc.addService("queue", Map.of("image", "rabbitmq:3")));
        assertThat(after).contains("    image: redis\t# tab before this comment\n  queue:\n    image: rabbitmq:3\nvolumes:");
        assertThat(edited(doc.addTopLevel("volumes", "logs", Map.of()))).endsWith("  data: {}\n  logs: {}\n");
        assertThat(edited(doc.addTopLevel("networks", "back", Map.of("driver", "bridge"))))
                .endsWith("  data: {}\nnetworks:\n  back:\n    driver: bridge\n");
        assertThat(edited(ComposeDocument.of("c.yaml", "").addService("web", Map.of("image", "nginx"))))
                .isEqualTo("services:\n  web:\n    image: nginx\n");
    }

    @Test
    void crlfStaysCrlf() {
        ComposeDocument doc = Fixtures.doc("crlf.yaml");
        assertThat(doc.lineEnding()).isEqualTo(LineEnding.CRLF);
        assertThat(edited(doc.addListItem("services.web.ports", "81:81")))
                .isEqualTo("services:\r\n  web:\r\n    image: nginx\r\n    ports:\r\n      - \"80:80\"\r\n      - 81:81\r\n");
        assertThat(edited(doc.addKey("services.web", "restart", "always")))
                .endsWith("      - \"80:80\"\r\n    restart: always\r\n");
        assertThat(edited(doc.remove("services.web.ports"))).isEqualTo("services:\r\n  web:\r\n    image: nginx\r\n");
    }

    @Test
    void aMissingFinalNewlineStaysMissing() {
        ComposeDocument doc = Fixtures.doc("no-final-newline.yaml");
        assertThat(edited(doc.set("services.web.restart", "no"))).isEqualTo("services:\n  web:\n    image: nginx\n    restart: \"no\"");
        assertThat(edited(doc.addKey("services.web", "init", true))).endsWith("restart: always\n    init: true");
        assertThat(edited(doc.remove("services.web.restart"))).isEqualTo("services:\n  web:\n    image: nginx");
    }

    @Test
    void editsThroughAnAliasOrOfAMergedKeyOrOfAnAliasedAnchorAreRefused() {
        ComposeDocument doc = Fixtures.doc("anchors.yaml");
        assertThat(doc.set("services.web.restart", "no")).isInstanceOfSatisfying(EditResult.Refused.class,
                r -> assertThat(r.reason()).contains("merge").contains("line 7"));
        assertThat(doc.set("services.copy.restart", "no")).isInstanceOfSatisfying(EditResult.Refused.class,
                r -> assertThat(r.reason()).contains("alias *base"));
        assertThat(doc.set("x-base.restart", "no")).isInstanceOfSatisfying(EditResult.Refused.class,
                r -> assertThat(r.reason()).contains("anchor &base").contains("3 aliases"));
        // an explicit key beats a merged one, and other values are editable
        assertThat(edited(doc.set("services.web.image", "nginx:2"))).contains("    <<: *base\n    image: nginx:2\n");
        assertThat(edited(doc.addKey("services.web", "hostname", "w"))).contains("    image: nginx\n    hostname: w\n");
    }

    @Test
    void aBrokenFileIsNotEditedAndTheReasonNamesTheLine() {
        ComposeDocument doc = ComposeDocument.of("c.yaml", "services:\n  web:\n    image: [nginx\n");
        assertThat(doc.set("services.web.image", "x")).isInstanceOfSatisfying(EditResult.Refused.class,
                r -> assertThat(r.reason()).contains("YAML error at line"));
    }

    @Test
    void aMissingPathIsRefusedWithItsName() {
        assertThat(Fixtures.doc("commented.yaml").remove("services.nope.image")).isInstanceOfSatisfying(EditResult.Refused.class,
                r -> assertThat(r.reason()).contains("services.nope.image"));
    }

    @Test
    void keyPathsQuoteKeysWithDots() {
        KeyPath p = KeyPath.parse("services.\"my.app\".ports[2]");
        assertThat(p.segments()).containsExactly(new KeyPath.Key("services"), new KeyPath.Key("my.app"),
                new KeyPath.Key("ports"), new KeyPath.Index(2));
        assertThat(p).hasToString("services.\"my.app\".ports[2]");
        assertThat(KeyPath.parse(p.toString())).isEqualTo(p);
        ComposeDocument doc = ComposeDocument.of("c.yaml", "services:\n  my.app:\n    image: a\n");
        assertThat(edited(doc.set(p.parent().parent().key("image"), "b"))).isEqualTo("services:\n  my.app:\n    image: b\n");
    }

    @Test
    void removeAFirstKeyOfAListItemMapping() {
        ComposeDocument doc = ComposeDocument.of("c.yaml",
                "services:\n  web:\n    image: a\n    ports:\n      - target: 80\n        published: 8080\n");
        assertThat(edited(doc.remove("services.web.ports[0].target")))
                .isEqualTo("services:\n  web:\n    image: a\n    ports:\n      - published: 8080\n");
        assertThat(edited(doc.addKey("services.web.ports[0]", "protocol", "udp")))
                .endsWith("        published: 8080\n        protocol: udp\n");
    }

    @Test
    void aMalformedPathIsRefusedNotThrown() {
        assertThat(Fixtures.doc("commented.yaml").set("services..web", "x")).isInstanceOfSatisfying(EditResult.Refused.class,
                r -> assertThat(r.reason()).contains("services..web").contains("column 10"));
    }

    @Test
    void aBlockScalarIsReplacedByAQuotedOneAndTheRestStays() {
        ComposeDocument doc = Fixtures.doc("commented.yaml");
        String after = edited(doc.set("services.db.command", "postgres -c fsync=off"));
        assertThat(after).isEqualTo(doc.text().replace("command: |\n      postgres\n      -c max_connections=200",
                "command: postgres -c fsync=off"));
    }

    @Test
    void anchorsElsewhereAndTabsInCommentsStayByteForByte() {
        ComposeDocument doc = Fixtures.doc("anchors.yaml");
        String after = edited(doc.set("services.worker.image", "busybox:1.36"));
        assertThat(after).isEqualTo(doc.text().replace("image: busybox", "image: busybox:1.36"));
        ComposeDocument tabs = Fixtures.doc("commented.yaml");
        assertThat(edited(tabs.set("services.cache.image", "valkey"))).contains("    image: valkey\t# tab before this comment\n");
    }

    @Test
    void aCommentSeparatedByABlankLineStaysWhenTheKeyBelowIsRemoved() {
        ComposeDocument doc = ComposeDocument.of("c.yaml", "services:\n  a:\n    image: a\n\n  # section b\n\n  b:\n    image: b\n");
        assertThat(edited(doc.remove("services.b"))).isEqualTo("services:\n  a:\n    image: a\n\n  # section b\n");
    }
}
