package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.BuildSpec;
import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.DependencySpec;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.ServiceNetwork;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMountSpec;
import dev.berth.compose.source.Position;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeLoaderTest {

    @Test
    void loadsTheTrainingWheelsProjectIntoTheFullModel() {
        Path dir = Projects.testCase("trainingwheels");
        String file = dir.resolve("compose.yaml").toString();

        LoadResult result = Projects.load(dir);

        assertThat(result.diagnostics()).isEmpty();
        ComposeProject p = result.project();
        assertThat(p.name()).isEqualTo("trainingwheels");
        assertThat(p.workingDir()).isEqualTo(dir);
        assertThat(p.configFiles()).containsExactly(dir.resolve("compose.yaml"));
        assertThat(p.services().keySet()).containsExactly("web", "redis");
        assertThat(p.volumes()).isEmpty();
        assertThat(p.networks().keySet()).containsExactly("default");
        assertThat(p.networks().get("default").name()).isEqualTo("trainingwheels_default");

        ServiceSpec web = p.service("web");
        assertThat(web.settings().positions()).containsKeys("build", "ports", "volumes", "user");
        assertThat(web).usingRecursiveComparison().ignoringFields("settings.positions").isEqualTo(new ServiceSpec("web", null,
                new BuildSpec(dir, "Dockerfile", Map.of(), null),
                null, null,
                Map.of("DEBUG", "1"),
                List.of(new PortSpec("127.0.0.1", 8000, 5000, "tcp", new Position(file, 5, 9))),
                List.of(new VolumeMountSpec("bind", dir.toString(), "/code", false, new Position(file, 7, 9))),
                "nobody", null,
                List.of(new DependencySpec("redis", "service_started", false, true)),
                Map.of("default", new ServiceNetwork(List.of(), null)),
                null, Map.of(), null, null, null, 1, List.of(),
                new Position(file, 2, 3)));

        ServiceSpec redis = p.service("redis");
        assertThat(redis.image()).isEqualTo("berth-test/redis:1");
        assertThat(redis.build()).isNull();
        assertThat(redis.networks()).containsOnlyKeys("default");
        assertThat(redis.position()).isEqualTo(new Position(file, 13, 3));
    }
}
