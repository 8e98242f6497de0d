package dev.berth.app.projects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.model.PortSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-click remap changes the host port's digits in the file and nothing else, or says why it cannot. */
class PortRemapTest {
    @TempDir
    Path dir;

    static final String COMPOSE = """
            # ports of every spelling\r
            services:\r
              web:\r
                image: nginx\r
                ports:\r
                  - '127.0.0.1:8000:80/tcp'   # single quotes\r
                  - 9000:90\r
                  - target: 5000\r
                    published: "7000"   # a quoted string\r
              api:\r
                image: nginx\r
                ports:\r
                  - target: 6000\r
                    published: 6000\r
                  - "${API_PORT:-3000}:3000"\r
            """;

    private List<PortSpec> ports(String service) throws Exception {
        var load = ComposeLoader.load(new LoadOptions(List.of(dir.resolve("compose.yaml")), null, "remap", List.of(),
                Set.of(), Map.of(), dir));
        return load.project().service(service).ports();
    }

    @Test
    void everySpellingKeepsItsQuotingCommentsAndLineEnds() throws Exception {
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, COMPOSE);
        List<PortSpec> web = ports("web");
        List<PortSpec> api = ports("api");

        String failure = PortRemap.apply(List.of(new PortRemap.Change(web.get(0), 8001),
                new PortRemap.Change(web.get(1), 9001), new PortRemap.Change(web.get(2), 7001),
                new PortRemap.Change(api.get(0), 6001)));

        assertThat(failure).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(COMPOSE.replace("'127.0.0.1:8000:80/tcp'", "'127.0.0.1:8001:80/tcp'")
                .replace("- 9000:90", "- 9001:90").replace("\"7000\"", "\"7001\"")
                .replace("published: 6000", "published: 6001"));
    }

    @Test
    void aPortFromAVariableIsLeftAloneWithAReason() throws Exception {
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, COMPOSE);
        PortSpec variable = ports("api").get(1);

        String failure = PortRemap.apply(List.of(new PortRemap.Change(variable, 3001)));

        assertThat(failure).contains("${API_PORT:-3000}:3000").contains("change it where it is set");
        assertThat(Files.readString(file)).isEqualTo(COMPOSE);
    }

    @Test
    void aFileChangedOnDiskSinceItWasLoadedIsNotOverwritten() throws Exception {
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, COMPOSE);
        PortSpec web = ports("web").get(1);
        String edited = COMPOSE.replace("# ports of every spelling", "# edited elsewhere");
        Files.writeString(file, edited);

        String failure = PortRemap.apply(List.of(new PortRemap.Change(web, 9001)));

        // the entry still sits where the model saw it, so the edit applies to the newest text: no change is lost
        assertThat(failure).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(edited.replace("- 9000:90", "- 9001:90"));
    }

    @Test
    void theHostPortOfAShortSpecIsFoundInEachForm() {
        assertThat(PortRemap.withHostPort("8000:80", 8000, 8001)).isEqualTo("8001:80");
        assertThat(PortRemap.withHostPort("[::1]:8000:80/udp", 8000, 8001)).isEqualTo("[::1]:8001:80/udp");
        assertThat(PortRemap.withHostPort("80", 8000, 8001)).isNull();
        assertThat(PortRemap.withHostPort("8000-8002:80", 8000, 8001)).isNull();
    }
}
