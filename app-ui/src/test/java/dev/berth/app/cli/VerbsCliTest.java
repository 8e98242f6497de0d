package dev.berth.app.cli;

import static dev.berth.app.cli.TrainingWheelsCliTest.berth;
import static dev.berth.app.cli.TrainingWheelsCliTest.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.cli.TrainingWheelsCliTest.Run;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The verbs beyond up/ps/logs/down through the real command on a real file, in order on one project; the docker
 * CLI witnesses each result. The project is removed afterwards even when a test failed.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerbsCliTest {
    final String project = "berthit-" + UUID.randomUUID().toString().substring(0, 8);
    String compose;
    int port;

    @BeforeAll
    void writeProject() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("berthit-cli");
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, """
                name: %s
                services:
                  web:
                    image: berth-sample/busybox:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; mkdir -p /www; echo hi > /www/index.html; httpd -f -p 8080 -h /www & wait"]
                    ports: ["127.0.0.1:%d:8080"]
                  worker:
                    image: berth-sample/busybox:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"]
                    environment:
                      ROLE: helper
                    depends_on: [web]
                """.formatted(project, port));
        compose = file.toString();
    }

    @AfterAll
    void removeProject() {
        berth("-f", compose, "down", "-v", "--remove-orphans", "-t", "0");
        for (String left : docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + project).split("\\s+")) {
            if (!left.isBlank()) {
                docker("rm", "-f", left);
            }
        }
    }

    Run ok(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-f";
        all[1] = compose;
        System.arraycopy(args, 0, all, 2, args.length);
        Run run = berth(all);
        assertThat(run.exitCode()).as("berth %s; out: %s; err: %s", String.join(" ", args), run.out(), run.err())
                .isZero();
        return run;
    }

    String state(String container) {
        return docker("inspect", "-f", "{{.State.Status}}", container);
    }

    @Test
    @Order(1)
    void createThenStart() {
        ok("create");
        assertThat(state(project + "-web-1")).isEqualTo("created");
        ok("start");
        assertThat(state(project + "-web-1")).isEqualTo("running");
        assertThat(state(project + "-worker-1")).isEqualTo("running");
    }

    @Test
    @Order(2)
    void psAsJsonAndLs() {
        Run ps = ok("ps", "--format", "json");
        assertThat(ps.out().lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"ID\":"));
        assertThat(ps.out()).contains("\"Name\":\"" + project + "-web-1\"").contains("\"State\":\"running\"")
                .contains("\"PublishedPort\":" + port);
        Run ls = berth("ls", "--format", "json");
        assertThat(ls.exitCode()).as(ls.err()).isZero();
        assertThat(ls.out()).contains("{\"Name\":\"" + project + "\",\"Status\":\"running(2)\"");
        Run bad = berth("-f", compose, "ps", "--format", "yaml");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("--format takes table or json");
    }

    @Test
    @Order(3)
    void portTopImages() {
        assertThat(ok("port", "web", "8080").out().strip()).isEqualTo("127.0.0.1:" + port)
                .isEqualTo(docker("port", project + "-web-1", "8080/tcp"));
        assertThat(ok("top", "web").out()).contains(project + "-web-1").contains("httpd");
        assertThat(ok("images").out()).contains("berth-sample/busybox").contains(project + "-worker-1");
        Run unpublished = berth("-f", compose, "port", "web", "9");
        assertThat(unpublished.exitCode()).isNotZero();
        assertThat(unpublished.err()).contains("is not published");
    }

    @Test
    @Order(4)
    void pauseUnpauseStopKillRm() {
        ok("pause", "worker");
        assertThat(state(project + "-worker-1")).isEqualTo("paused");
        ok("unpause", "worker");
        assertThat(state(project + "-worker-1")).isEqualTo("running");
        ok("kill", "-s", "SIGKILL", "worker");
        assertThat(docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", project + "-worker-1"))
                .isEqualTo("exited 137");
        ok("restart", "worker");
        assertThat(state(project + "-worker-1")).isEqualTo("running");
        ok("stop", "-t", "5", "worker");
        assertThat(state(project + "-worker-1")).isEqualTo("exited");
        ok("rm", "-f");
        assertThat(docker("ps", "-a", "--format", "{{.Names}}", "--filter",
                "label=com.docker.compose.project=" + project)).isEqualTo(project + "-web-1");
    }

    @Test
    @Order(5)
    void execAndRun() {
        ok("up", "-d");
        Run exec = berth("-f", compose, "exec", "-T", "worker", "sh", "-c", "echo $ROLE; exit 7");
        assertThat(exec.exitCode()).isEqualTo(7);
        assertThat(exec.out()).isEqualTo("helper\n");

        Run run = berth("-f", compose, "run", "--rm", "worker", "sh", "-c", "echo once $ROLE");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("once helper\n");
        assertThat(docker("ps", "-a", "--format", "{{.Names}}", "--filter", "label=com.docker.compose.oneoff=True",
                "--filter", "label=com.docker.compose.project=" + project)).as("--rm removed it").isEmpty();
    }

    @Test
    @Order(6)
    void upScale() {
        ok("up", "-d", "--scale", "worker=2");
        assertThat(state(project + "-worker-2")).isEqualTo("running");
    }
}
