package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident process as the launcher uses it: a real JVM on a real socket, a client that is a shell with socat
 * whose stdout and stderr are files, commands on a real project and engine.
 */
@Tag("engine")
class ResidentCliTest {
    final String project = "berthit-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    Path socket;
    Process resident;

    @BeforeEach
    void startIt() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  idle:
                    image: berth-sample/busybox:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"]
                  never:
                    image: berth-sample/busybox:1
                    command: ["sleep", "600"]
                    healthcheck: {test: ["CMD", "false"], interval: 1s, retries: 1000}
                    profiles: [never]
                """.formatted(project));
        socket = dir.resolve("r.sock");
        resident = resident(socket, "3");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(socket) && resident.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(socket).as("the resident process serves").exists();
    }

    @AfterEach
    void stopIt() {
        TrainingWheelsCliTest.berth("-f", dir.resolve("compose.yaml").toString(), "--profile", "never", "down",
                "-t", "0");
        resident.destroyForcibly();
    }

    Process resident(Path socket, String idleSeconds) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dberth.resident.idle=" + idleSeconds, "-cp", System.getProperty("java.class.path"),
                ResidentCli.class.getName(), socket.toString()));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("resident.log").toFile()).start();
    }

    /** What a client got: the resident's replies, and what it wrote to the client's stdout and stderr. */
    record Answer(String reply, String out, String err) {
    }

    /** A client as the launcher is: a shell whose stdout and stderr are files (appended to), talking through socat. */
    Process client(String name, String... args) throws Exception {
        return client(name, true, args);
    }

    Process client(String name, boolean append, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                "printf '%s\\0' \"$$\" '' \"$@\" | socat -t 600 - UNIX-CONNECT:" + socket + " > " + dir.resolve(name
                        + ".reply"), "client"));
        command.addAll(List.of(args));
        java.io.File out = dir.resolve(name + ".out").toFile();
        java.io.File err = dir.resolve(name + ".err").toFile();
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(out) : ProcessBuilder.Redirect.to(out))
                .redirectError(append ? ProcessBuilder.Redirect.appendTo(err) : ProcessBuilder.Redirect.to(err))
                .start();
    }

    Answer ask(String name, String... args) throws Exception {
        Process client = client(name, args);
        assertThat(client.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Answer(Files.readString(dir.resolve(name + ".reply")),
                Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(300)
    void runsCommandsIntoTheClientsOwnOutputsAndAnswersTheirExitCodes() throws Exception {
        Answer up = ask("up", "up", "-d");
        assertThat(up.reply()).isEqualTo("started\n0\n");
        assertThat(TrainingWheelsCliTest.docker("inspect", "-f", "{{.State.Running}}", project + "-idle-1"))
                .isEqualTo("true");

        Answer ps = ask("ps", "ps", "--services");
        assertThat(ps.reply()).isEqualTo("started\n0\n");
        assertThat(ps.out()).isEqualTo("idle\n");

        Answer wrong = ask("wrong", "down", "nosuch");
        assertThat(wrong.reply()).isEqualTo("started\n1\n");
        assertThat(wrong.err()).contains("no such service: nosuch");
        assertThat(TrainingWheelsCliTest.docker("inspect", "-f", "{{.State.Running}}", project + "-idle-1"))
                .isEqualTo("true");

        // what needs input or a terminal is not its to run: the launcher runs it itself
        assertThat(ask("exec", "exec", "idle", "true").reply()).isEqualTo("fallback\n");
        assertThat(ask("attached", "up").reply()).isEqualTo("fallback\n");
        // nor an output that is a file written from its start (`> log`): only the launcher's own descriptor moves
        // that file's offset, so what it wrote would be overwritten by the launcher's next write
        Process truncating = client("truncating", false, "ps", "--services");
        assertThat(truncating.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("truncating.reply"))).isEqualTo("fallback\n");
        assertThat(dir.resolve("truncating.out")).isEmptyFile();
    }

    @Test
    @Timeout(300)
    void commandsOfTwoTerminalsRunSideBySideAndAClientThatGoesStopsItsCommand() throws Exception {
        Process waiting = client("wait", "--profile", "never", "up", "-d", "--wait", "--wait-timeout", "300");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path reply = dir.resolve("wait.reply");
        while (!(Files.exists(reply) && Files.readString(reply).startsWith("started"))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(2_000);   // into the wait for `never` to get healthy, which it never does
        // another terminal's command meanwhile is answered at once, not after the wait
        Answer beside = ask("beside", "ps", "--services");
        assertThat(beside.reply()).isEqualTo("started\n0\n");
        assertThat(waiting.isAlive()).as("the first command still waits").isTrue();

        waiting.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        waiting.destroyForcibly();

        Answer next = ask("next", "ps", "--services");
        assertThat(next.reply()).isEqualTo("started\n0\n");
        assertThat(next.out()).contains("idle");
    }

    @Test
    @Timeout(120)
    void itEndsAfterItsIdleTimeAndTakesItsSocketAlong() throws Exception {
        assertThat(resident.waitFor(60, TimeUnit.SECONDS)).as("ended after 3 idle seconds").isTrue();
        assertThat(socket).doesNotExist();
    }
}
