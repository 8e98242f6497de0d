package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.ProgressListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The check before Up names who holds a host port, on the real engine and this host's /proc. */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortCheckEngineTest {
    final String name = "berthit-portcheck-" + UUID.randomUUID().toString().substring(0, 8);
    final List<String> projects = new ArrayList<>();
    Path dir;
    ComposeRuntime runtime;

    @BeforeAll
    void connect() throws Exception {
        runtime = TestEngine.connect();
        dir = Files.createTempDirectory("berthit");
        TestImage.build(runtime, dir, name);
    }

    @AfterAll
    void removeEverything() throws Exception {
        if (runtime == null) {
            return;
        }
        try {
            for (String project : projects) {
                runtime.down(new ProjectFixture(project, dir).build(), new DownOptions(true, true, Duration.ZERO),
                        ProgressListener.NONE);
            }
        } finally {
            runtime.close();
        }
    }

    ComposeProject publishing(String project, String hostIp, int port) {
        projects.add(project);
        return new ProjectFixture(project, dir).service(ProjectFixture.service("web").image(TestImage.NAME)
                .command("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done")
                .port(hostIp, port, 8080)).build();
    }

    @Test
    void aPortHeldByAHostProcessNamesThisProcessAndAFreePortAboveIt() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            // published on all interfaces: a listener on 127.0.0.1 alone is enough to make Up fail
            ComposeProject project = publishing(name + "-host", "", port);

            List<PortCheck.Conflict> conflicts = runtime.portCheck().conflicts(project);

            assertThat(conflicts).singleElement().satisfies(c -> {
                assertThat(c.service()).isEqualTo("web");
                assertThat(c.index()).isZero();
                assertThat(c.port().published()).isEqualTo(port);
                assertThat(c.holderIsContainer()).isFalse();
                assertThat(c.holder()).isEqualTo("process " + ProcessHandle.current().pid() + " (java)");
                assertThat(c.describe()).isEqualTo("web: host port " + port + " is held by " + c.holder());
            });
            int free = runtime.portCheck().nextFreePort(project, "", port);
            assertThat(free).isGreaterThan(port);
            try (ServerSocket probe = new ServerSocket(free)) {
                assertThat(probe.isBound()).isTrue();
            }
        }
    }

    @Test
    void aPortPublishedByAnotherProjectsContainerNamesThatContainerButOwnContainersDoNotCount() throws Exception {
        int port = freePort();
        ComposeProject other = publishing(name + "-other", "127.0.0.1", port);
        runtime.up(other, UpOptions.defaults(), ProgressListener.NONE);

        List<PortCheck.Conflict> conflicts = runtime.portCheck().conflicts(publishing(name + "-mine", "127.0.0.1",
                port));

        assertThat(conflicts).singleElement().satisfies(c -> {
            assertThat(c.holderIsContainer()).isTrue();
            assertThat(c.holder()).isEqualTo("container " + name + "-other-web-1 (project " + name + "-other)");
        });
        assertThat(runtime.portCheck().conflicts(other)).as("Up keeps or replaces its own containers").isEmpty();
        assertThat(runtime.portCheck().nextFreePort(other, "127.0.0.1", port - 1)).isNotEqualTo(port);
    }

    @Test
    void freePortsAndPortsTheEnginePicksAreNoConflict() throws Exception {
        ComposeProject project = new ProjectFixture(name + "-free", dir).service(ProjectFixture.service("web")
                .image(TestImage.NAME).port("", freePort(), 80).port("", null, 81)).build();

        assertThat(runtime.portCheck().conflicts(project)).isEmpty();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
    @Test
    void twoServicesOnOneHostPortAreRefusedBeforeAnythingIsCreatedAndEachComesUpAlone() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        String project = name + "-twice";
        projects.add(project);
        String serve = "command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done\"]";
        ComposeProject twice = ComposeText.load(dir.resolve("twice"), project, """
                services:
                  web1:
                    image: %1$s
                    %2$s
                    ports: ["127.0.0.1:%3$d:8080"]
                  web2:
                    image: %1$s
                    %2$s
                    ports: ["127.0.0.1:%3$d:8080"]
                """.formatted(TestImage.NAME, serve, port));

        assertThatThrownBy(() -> runtime.up(twice, UpOptions.defaults(), ProgressListener.NONE))
                .isInstanceOfSatisfying(dev.berth.engine.api.EngineException.class, e -> {
                    assertThat(e.service()).isEqualTo("web2");
                    assertThat(e.getMessage()).contains("\"web1\" and \"web2\" both publish host port 127.0.0.1:"
                            + port + "/tcp").contains("pick another host port");
                    assertThat(e.hint()).contains("`up web1`").contains("`up web2`");
                });
        assertThat(DockerWitness.names(project)).isEmpty();
        assertThat(DockerWitness.docker("network", "ls", "-q", "--filter", "name=" + project + "_")).isBlank();

        // either one alone is fine: the file is valid, only both at once cannot work
        runtime.up(twice, List.of("web2"), UpOptions.defaults(), ProgressListener.NONE);
        assertThat(DockerWitness.names(project)).containsExactly(project + "-web2-1");
    }
}
