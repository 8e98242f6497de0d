package dev.berth.app.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.ContainerInfo;
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

    private static ContainerInfo container(ComposeProject p, String service) {
        return new ContainerInfo("id-" + service, p.name() + "-" + service + "-1", p.name(), service, 1, "busybox",
                "running", "", "Up 1 second", List.of(), Map.of());
    }
}
