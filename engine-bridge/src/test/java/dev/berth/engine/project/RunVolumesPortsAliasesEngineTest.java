package dev.berth.engine.project;

import static dev.berth.engine.project.DockerWitness.docker;
import static dev.berth.engine.project.DockerWitness.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.VolumeMountSpec;
import dev.berth.engine.api.ProgressListener;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code run -v}, {@code run -p} and {@code run --use-aliases}, as v2 reads them: extra mounts beside the service's
 * (one on a target the service mounts takes its place), the given ports instead of none, and the service's network
 * aliases only when asked, so that a one-off container takes no traffic meant for the service.
 */
@Tag("engine")
class RunVolumesPortsAliasesEngineTest extends FreshProject {

    @Test
    void runMountsPublishesAndAnswersToTheServiceAliasesOnlyWhenAsked() throws Exception {
        ComposeProject project = ComposeText.load(dir, name, """
                services:
                  app:
                    image: %s
                    command: ["sleep", "600"]
                    volumes: ["data:/data", "./conf:/conf"]
                    networks:
                      default:
                        aliases: [backend]
                volumes:
                  data: {}
                """.formatted(TestImage.NAME));
        Files.createDirectories(dir.resolve("extra"));
        Files.writeString(dir.resolve("extra/hello.txt"), "hello from the host");
        RunOptions detached = new RunOptions(List.of("sleep", "600"), null, Map.of(), null, null, false, true,
                true, false);

        ComposeRuntime.RunResult run = runtime.run(project, "app", detached.with(
                List.of(new PortSpec("127.0.0.1", null, 8080, "tcp", null)),
                List.of(new VolumeMountSpec("bind", dir.resolve("extra").toString(), "/extra", true, null),
                        new VolumeMountSpec("bind", dir.resolve("other").toString(), "/conf", false, null),
                        new VolumeMountSpec("volume", "data", "/data2", false, null),
                        new VolumeMountSpec("volume", name + "-scratch", "/scratch", false, null),
                        new VolumeMountSpec("volume", null, "/anon", false, null)), true),
                null, ProgressListener.NONE);

        String mounts = inspect(run.container(), "{{range .Mounts}}{{.Destination}}={{.Type}}:{{if .Name}}{{.Name}}"
                + "{{else}}{{.Source}}{{end}}:{{.RW}} {{end}}");
        List<String> named = java.util.Arrays.stream(mounts.split(" ")).filter(m -> !m.startsWith("/anon=")).toList();
        assertThat(named).containsExactlyInAnyOrder(
                "/data=volume:" + name + "_data:true",
                "/extra=bind:" + dir.resolve("extra") + ":false",
                "/conf=bind:" + dir.resolve("other") + ":true",
                "/data2=volume:" + name + "_data:true",
                "/scratch=volume:" + name + "-scratch:true");
        assertThat(mounts).as("a target alone is a new anonymous volume").containsPattern("/anon=volume:[0-9a-f]{64}:true");
        assertThat(Files.isDirectory(dir.resolve("other"))).as("a missing bind source is created, as for up").isTrue();
        assertThat(docker("exec", run.container(), "cat", "/extra/hello.txt")).isEqualTo("hello from the host");
        assertThat(docker("port", run.container(), "8080/tcp")).startsWith("127.0.0.1:");
        assertThat(aliases(run.container())).contains("app", "backend", run.container());

        ComposeRuntime.RunResult plain = runtime.run(project, "app", detached, null, ProgressListener.NONE);
        assertThat(aliases(plain.container())).doesNotContain("app", "backend");
        assertThat(inspect(plain.container(), "{{.HostConfig.PortBindings}}")).isEqualTo("map[]");
        assertThat(inspect(plain.container(), "{{range .Mounts}}{{.Destination}} {{end}}").split(" "))
                .containsExactlyInAnyOrder("/data", "/conf");
    }

    @Test
    void aOneOffContainerLeavesTheServiceItsFixedAddressOnEveryNetwork() throws Exception {
        int octet = 100 + new java.util.Random().nextInt(100);
        ComposeProject project = ComposeText.load(dir, name, """
                services:
                  app:
                    image: %1$s
                    command: ["sleep", "600"]
                    networks:
                      front: {}
                      back:
                        ipv4_address: 10.213.%2$d.10
                networks:
                  front: {}
                  back:
                    ipam:
                      config:
                        - subnet: 10.213.%2$d.0/24
                """.formatted(TestImage.NAME, octet));
        runtime.up(project, UpOptions.defaults(), ProgressListener.NONE);

        ComposeRuntime.RunResult run = runtime.run(project, "app", new RunOptions(List.of("sleep", "600"), null,
                Map.of(), null, null, false, true, true, false), null, ProgressListener.NONE);

        assertThat(inspect(name + "-app-1", "{{(index .NetworkSettings.Networks \"" + name + "_back\").IPAddress}}"))
                .isEqualTo("10.213." + octet + ".10");
        assertThat(inspect(run.container(), "{{(index .NetworkSettings.Networks \"" + name + "_back\").IPAddress}}"))
                .startsWith("10.213." + octet + ".").isNotEqualTo("10.213." + octet + ".10");
    }

    static List<String> aliases(String container) throws Exception {
        return List.of(inspect(container, "{{range .NetworkSettings.Networks}}{{range .Aliases}}{{.}} {{end}}{{end}}")
                .strip().split(" "));
    }

    @Override
    void cleanUp() throws Exception {
        for (String c : DockerWitness.names(name)) {
            docker("rm", "-f", "-v", c);
        }
        docker("volume", "rm", "-f", name + "-scratch");
    }
}
