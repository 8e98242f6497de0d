package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The walking skeleton end to end through the real command: {@code berth -f samples/trainingwheels/compose.yaml up -d},
 * two requests to 127.0.0.1:8000 with a growing count, docker compose v2's names and labels, then
 * {@code down -v} leaves no container, network or volume of the project.
 */
@Tag("engine")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainingWheelsCliTest {
    static final Path SAMPLE = Path.of(System.getProperty("berth.repo.root", "..")).resolve("samples/trainingwheels")
            .toAbsolutePath().normalize();
    static final String COMPOSE = SAMPLE.resolve("compose.yaml").toString();
    static final Pattern COUNT = Pattern.compile("seen (\\d+) times");

    record Run(int exitCode, String out, String err) {
    }

    /** {@code berth args} as a JVM of its own (for signals, or an environment of its own), not yet started. */
    static ProcessBuilder berthInItsOwnJvm(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "dev.berth.app.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    static Run berth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BerthCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @AfterAll
    static void downEvenWhenATestFailed() {
        berth("-f", COMPOSE, "down", "-v");
    }

    @Test
    @Order(1)
    void upServesAGrowingCount() throws Exception {
        Run up = berth("-f", COMPOSE, "up", "-d");
        assertThat(up.exitCode()).as("up -d exit code; err: %s", up.err()).isZero();

        int first = hitCount();
        int second = hitCount();
        assertThat(second).isGreaterThan(first);
    }

    @Test
    @Order(2)
    void containersCarryDockerComposeNamesAndLabels() {
        Run ps = berth("-f", COMPOSE, "ps");
        assertThat(ps.exitCode()).as(ps.err()).isZero();
        assertThat(ps.out()).contains("trainingwheels-web-1").contains("trainingwheels-store-1")
                .contains("127.0.0.1:8000->5000/tcp");

        Map<String, String> labels = inspectLabels("trainingwheels-web-1");
        assertThat(labels)
                .containsEntry("com.docker.compose.project", "trainingwheels")
                .containsEntry("com.docker.compose.service", "web")
                .containsEntry("com.docker.compose.container-number", "1")
                .containsEntry("com.docker.compose.oneoff", "False")
                .containsEntry("com.docker.compose.project.working_dir", SAMPLE.toString())
                .containsEntry("com.docker.compose.project.config_files", COMPOSE)
                .containsKey("com.docker.compose.config-hash");
        assertThat(labels.get("com.docker.compose.config-hash")).matches("[0-9a-f]{64}");
        assertThat(docker("inspect", "-f", "{{.Config.User}} {{range .Config.Env}}{{.}} {{end}}", "trainingwheels-web-1"))
                .startsWith("nobody ").contains("DEBUG=1");
        assertThat(docker("network", "ls", "-q", "--filter", "name=trainingwheels_default")).isNotBlank();
    }

    @Test
    @Order(3)
    void downWithVolumesLeavesNothingBehind() {
        Run down = berth("-f", COMPOSE, "down", "-v");
        assertThat(down.exitCode()).as(down.err()).isZero();
        String label = "label=com.docker.compose.project=trainingwheels";
        assertThat(docker("ps", "-aq", "--filter", label)).isBlank();
        assertThat(docker("network", "ls", "-q", "--filter", label)).isBlank();
        assertThat(docker("volume", "ls", "-q", "--filter", label)).isBlank();
    }

    /** GETs the page until the store answers (the web container may be a moment ahead of it). */
    static int hitCount() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(60);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8000/"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = COUNT.matcher(body);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
                last = body;
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("http://127.0.0.1:8000/ gave no count within 60 s; last answer: " + last);
    }

    static Map<String, String> inspectLabels(String container) {
        String raw = docker("inspect", "-f", "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}\n{{end}}", container);
        Map<String, String> labels = new java.util.HashMap<>();
        for (String line : raw.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                labels.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return labels;
    }

    /** The docker CLI as an independent witness of what Berth did. */
    static String docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return output.trim();
        } catch (Exception e) {
            throw new AssertionError("could not run " + command + ": " + e.getMessage(), e);
        }
    }
}
