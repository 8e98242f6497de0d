package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.compose.print.ServiceHash;
import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.engine.api.ContainerCreateSpec;
import dev.berth.engine.api.EngineException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names, labels and container plans as docker compose v2 makes them; no engine needed. */
class ComposeLabelsTest {
    private static final Path DIR = Path.of("/home/me/shop");

    private static ComposeProject shop() {
        return new ProjectFixture("shop", DIR).volume("data").network("back")
                .service(ProjectFixture.service("redis").image("redis:7"))
                .service(ProjectFixture.service("web").build(DIR).dependsOn("redis", "service_started")
                        .dependsOn("db", "service_healthy").env("MODE", "dev").port("127.0.0.1", 8000, 80)
                        .volume("data", "/data").network("back", "api").label("team", "core"))
                .service(ProjectFixture.service("db").image("postgres:16"))
                .build();
    }

    @Test
    void containerAndImageNamesFollowV2() {
        ComposeProject p = shop();
        assertThat(ComposeLabels.containerName(p, p.service("web"), 2)).isEqualTo("shop-web-2");
        assertThat(ComposeLabels.imageName(p, p.service("web"))).isEqualTo("shop-web");
        assertThat(ComposeLabels.imageName(p, p.service("redis"))).isEqualTo("redis:7");
        ServiceSpec named = ProjectFixture.service("x").image("a").containerName("my-x").spec();
        assertThat(ComposeLabels.containerName(p, named, 1)).isEqualTo("my-x");
    }

    @Test
    void dependsOnLabelUsesV2Format() {
        assertThat(ComposeLabels.dependsOn(shop().service("web")))
                .isEqualTo("redis:service_started:false,db:service_healthy:false");
    }

    @Test
    void containerLabelsAreExactlyV2sPlusTheServicesOwn() {
        ComposeProject p = shop();
        Map<String, String> labels = ComposeLabels.containerLabels(p, p.service("web"), 1, "abc", "sha256:123");
        assertThat(labels).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("team", "core"),
                Map.entry("com.docker.compose.project", "shop"),
                Map.entry("com.docker.compose.service", "web"),
                Map.entry("com.docker.compose.container-number", "1"),
                Map.entry("com.docker.compose.oneoff", "False"),
                Map.entry("com.docker.compose.config-hash", "abc"),
                Map.entry("com.docker.compose.project.working_dir", "/home/me/shop"),
                Map.entry("com.docker.compose.project.config_files", "/home/me/shop/compose.yaml"),
                Map.entry("com.docker.compose.version", ComposeLabels.COMPOSE_VERSION),
                Map.entry("com.docker.compose.depends_on", "redis:service_started:false,db:service_healthy:false"),
                Map.entry("com.docker.compose.image", "sha256:123")));
    }

    @Test
    void serviceLabelsCannotOverrideComposeLabels() {
        ComposeProject p = new ProjectFixture("shop", DIR)
                .service(ProjectFixture.service("web").image("x").label("com.docker.compose.project", "other")).build();
        assertThat(ComposeLabels.containerLabels(p, p.service("web"), 1, "h", "i"))
                .containsEntry("com.docker.compose.project", "shop");
    }

    @Test
    void networkAndVolumeLabels() {
        ComposeProject p = shop();
        assertThat(ComposeLabels.networkLabels(p, p.networks().get("default"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("com.docker.compose.network", "default", "com.docker.compose.project", "shop",
                        "com.docker.compose.version", ComposeLabels.COMPOSE_VERSION));
        assertThat(ComposeLabels.volumeLabels(p, p.volumes().get("data"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("com.docker.compose.volume", "data", "com.docker.compose.project", "shop",
                        "com.docker.compose.version", ComposeLabels.COMPOSE_VERSION));
    }

    @Test
    void planJoinsTheFirstNetworkAtCreateAndTheOthersAfterWithV2Aliases() throws Exception {
        ComposeProject p = shop();
        ContainerPlan plan = ContainerPlan.of(p, p.service("web"), 1, "h", "sha256:1", null);
        ContainerCreateSpec c = plan.create();
        assertThat(c.name()).isEqualTo("shop-web-1");
        assertThat(c.image()).isEqualTo("shop-web");
        assertThat(c.firstNetwork()).isEqualTo(new ContainerCreateSpec.NetworkAttachment("shop_default",
                List.of("shop-web-1", "web"), null));
        assertThat(plan.laterNetworks()).containsExactly(new ContainerCreateSpec.NetworkAttachment("shop_back",
                List.of("shop-web-1", "web", "api"), null));
        assertThat(c.env()).containsExactly("MODE=dev");
        assertThat(c.ports()).containsExactly(new ContainerCreateSpec.PortBinding("127.0.0.1", 8000, 80, "tcp"));
        assertThat(c.mounts()).containsExactly(new ContainerCreateSpec.Mount(ContainerCreateSpec.Mount.Type.VOLUME,
                "shop_data", "/data", false));
        assertThat(c.entrypoint()).isNull();
        assertThat(c.command()).isNull();
    }

    @Test
    void undeclaredVolumeIsNamedWithAFix() {
        ComposeProject p = new ProjectFixture("shop", DIR)
                .service(ProjectFixture.service("web").image("x").volume("cache", "/cache")).build();
        assertThatThrownBy(() -> ContainerPlan.of(p, p.service("web"), 1, "h", "i", null))
                .isInstanceOf(EngineException.class).hasMessageContaining("web").hasMessageContaining("'cache'")
                .hasMessageContaining("top-level volumes");
    }

    @Test
    void configHashIgnoresScaleAndDependsOnButNotEnvironment() {
        ServiceSpec base = ProjectFixture.service("web").image("x").env("A", "1").spec();
        String hash = ServiceHash.of(base);
        assertThat(ServiceHash.of(ProjectFixture.service("web").image("x").env("A", "1").scale(3)
                .dependsOn("db", "service_started").spec())).isEqualTo(hash);
        assertThat(ServiceHash.of(ProjectFixture.service("web").image("x").env("A", "2").spec()))
                .isNotEqualTo(hash);
    }

    @Test
    void dependencyLevelsStartDependenciesFirst() throws Exception {
        assertThat(ComposeRuntime.startLevels(shop())).containsExactly(List.of("db", "redis"), List.of("web"));
    }

    @Test
    void dependencyCycleIsNamed() {
        ComposeProject p = new ProjectFixture("c", DIR)
                .service(ProjectFixture.service("a").image("x").dependsOn("b", "service_started"))
                .service(ProjectFixture.service("b").image("x").dependsOn("a", "service_started")).build();
        assertThatThrownBy(() -> ComposeRuntime.startLevels(p)).isInstanceOf(EngineException.class)
                .hasMessageContaining("a -> b -> a");
    }

    @Test
    void portInUseBecomesAHintNamingThePort() {
        ServiceSpec web = ProjectFixture.service("web").image("x").spec();
        EngineException engine = new EngineException("could not start container abc: driver failed programming"
                + " external connectivity on endpoint shop-web-1: Bind for 127.0.0.1:8000 failed: port is already"
                + " allocated", null);
        EngineException e = ComposeRuntime.startFailure(web, "shop-web-1", engine);
        assertThat(e.getMessage()).contains("127.0.0.1:8000").contains("already in use");
        assertThat(e.hint()).contains("8000").contains("8001");
        assertThat(e.service()).isEqualTo("web");
    }
}
