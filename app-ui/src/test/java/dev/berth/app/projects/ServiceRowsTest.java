package dev.berth.app.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.model.ComposeProject;
import dev.berth.app.engine.VmPortSync;
import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.PublishedPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table's rows: a container of a service whose profile is not enabled is no orphan, as in v2. */
class ServiceRowsTest {

    @Test
    void containersOfDisabledServicesAndOfRemovedOnesAreToldApart(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web:
                    image: nginx
                  debug:
                    image: busybox
                    profiles: [debug]
                """);
        ComposeProject p = ComposeLoader.load(LoadOptions.discover(dir, Map.of())).project();
        List<ServiceRow> rows = ServiceRows.of(p, List.of(container(p, "web"), container(p, "debug"),
                container(p, "gone")), Map.of());
        assertThat(rows).extracting(ServiceRow::service, ServiceRow::state).containsExactly(
                tuple("web", "running"),
                tuple("debug", "running (profile not enabled)"),
                tuple("gone", "running (orphan)"));
    }

    @Test
    void aPortOfBerthsVmThatCannotBeForwardedMarksItsOwnContainerOnly(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), """
                name: marks
                services:
                  web:
                    image: nginx
                    ports: ["127.0.0.1:8080:80", "127.0.0.1:8443:443"]
                  api:
                    image: nginx
                    ports: ["127.0.0.1:9000:9000"]
                """);
        ComposeProject p = ComposeLoader.load(LoadOptions.discover(dir, Map.of())).project();
        PublishedPort web80 = new PublishedPort("127.0.0.1", 8080, 80, "tcp");
        PublishedPort web443 = new PublishedPort("127.0.0.1", 8443, 443, "tcp");
        ContainerInfo web = new ContainerInfo("id-web", "marks-web-1", "marks", "web", 1, "nginx", "running", "",
                "Up", List.of(web80, web443), Map.of());
        ContainerInfo api = new ContainerInfo("id-api", "marks-api-1", "marks", "api", 1, "nginx", "running", "",
                "Up", List.of(new PublishedPort("127.0.0.1", 9000, 9000, "tcp")), Map.of());
        List<ServiceRow> rows = ServiceRows.of(p, List.of(web, api), Map.of(), List.of(
                new VmPortSync.Refused("marks-web-1", "127.0.0.1", 8080, "tcp", "it is taken here"),
                new VmPortSync.Refused("other-api-1", "127.0.0.1", 9000, "tcp", "another project's")));
        ServiceRow webRow = rows.stream().filter(r -> r.service().equals("web")).findFirst().orElseThrow();
        assertThat(webRow.whyUnreachable(web80)).isEqualTo("it is taken here");
        assertThat(webRow.whyUnreachable(web443)).isNull();
        assertThat(rows.stream().filter(r -> r.service().equals("api")).findFirst().orElseThrow().unreachable())
                .as("the same port of another project's container").isEmpty();
    }

    private static ContainerInfo container(ComposeProject p, String service) {
        return new ContainerInfo("id-" + service, p.name() + "-" + service + "-1", p.name(), service, 1, "busybox",
                "running", "", "Up 1 second", List.of(), Map.of());
    }
}
