package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ExecRequest;
import dev.berth.engine.api.OutputSink;
import dev.berth.engine.api.ProcessList;
import dev.berth.engine.api.ProgressListener;
import dev.berth.engine.api.TerminalResizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** {@code exec -d} and {@code run --service-ports} on a real engine. */
@Tag("engine")
class ExecAndRunOptionsEngineTest {

    @Test
    void execDetachedLeavesTheCommandRunningAndRunServicePortsPublishes() throws Exception {
        String name = "heng-exec-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createTempDirectory("heng-exec");
        ComposeProject project = ComposeText.load(dir, name, """
                services:
                  app:
                    image: berth-sample/busybox:1
                    command: ["sleep", "600"]
                    ports: ["127.0.0.1:18420:8080"]
                  tool:
                    image: berth-sample/busybox:1
                    command: ["sleep", "600"]
                    ports: ["127.0.0.1:18421:8081"]
                """);
        ComposeRuntime runtime = null;
        try {
            runtime = ComposeRuntime.connect(EndpointResolver.resolve());
            runtime.up(project, UpOptions.defaults(), ProgressListener.NONE);

            AtomicBoolean output = new AtomicBoolean();
            long code = runtime.exec(project, "app", 1, new ExecRequest(List.of("sh", "-c",
                    "echo never shown; exec sleep 321"), null, false, null, null, List.of(), true), new OutputSink() {
                        @Override
                        public void onOutput(boolean stderr, byte[] bytes) {
                            output.set(true);
                        }

                        @Override
                        public void onEnd(Throwable error) {
                        }
                    });
            assertThat(code).isZero();
            // a foreground exec would only return after sleep 321 ended; detached, it is still running now
            ProcessList processes = runtime.top(project, List.of("app")).get(name + "-app-1");
            assertThat(processes.processes()).anyMatch(row -> String.join(" ", row).contains("sleep 321"));
            assertThat(output).isFalse();

            // a terminal of the caller's size, not the engine's 80x24: full-screen programs draw to fit
            java.io.ByteArrayOutputStream shown = new java.io.ByteArrayOutputStream();
            long sized = runtime.exec(project, "app", 1, new ExecRequest(List.of("sh", "-c",
                    // the resize lands a moment after the start: look for up to 5 s
                    "for i in $(seq 50); do s=$(stty size 2>/dev/null); case $s in '37 123') break;; esac; sleep 0.1; done;"
                            + " echo $s"),
                    null, true, null, null, List.of(), false, new ExecRequest.TerminalSize(37, 123)), into(shown));
            assertThat(sized).isZero();
            assertThat(shown.toString().trim()).isEqualTo("37 123");

            // the caller's terminal resized while the command runs: the container's terminal follows
            java.io.ByteArrayOutputStream followed = new java.io.ByteArrayOutputStream();
            long resized = runtime.exec(project, "app", 1, new ExecRequest(List.of("sh", "-c",
                    "for i in $(seq 50); do s=$(stty size 2>/dev/null); case $s in '41 97') break;; esac; sleep 0.1; done;"
                            + " echo $s"),
                    null, true, null, null, List.of(), false, new ExecRequest.TerminalSize(37, 123), false,
                    resizedAfter(700, new ExecRequest.TerminalSize(41, 97))),
                    into(followed));
            assertThat(resized).isZero();
            assertThat(followed.toString().trim()).isEqualTo("41 97");

            // run on a terminal: keys reach it, it has the caller's size, its exit code comes back
            java.io.PipedOutputStream keys = new java.io.PipedOutputStream();
            java.io.PipedInputStream stdin = new java.io.PipedInputStream(keys);
            java.io.ByteArrayOutputStream screen = new java.io.ByteArrayOutputStream();
            Thread typist = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(1500);
                    keys.write("hello\r".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    keys.flush();
                } catch (Exception e) {
                    // the assertion below says what was missing
                }
            });
            ComposeRuntime.RunResult onTerminal = runtime.run(project, "app", new RunOptions(List.of("sh", "-c",
                    "read line; echo \"got:$line\"; for i in $(seq 50); do s=$(stty size 2>/dev/null);"
                            + " case $s in '33 111') break;; esac; sleep 0.1; done; echo \"size:$s\";"
                            + " for i in $(seq 50); do s=$(stty size 2>/dev/null); case $s in '29 88') break;; esac;"
                            + " sleep 0.1; done; echo \"resized:$s\"; exit 7"),
                    null, Map.of(), null, null, true, false, true, false,
                    new RunOptions.Terminal(stdin, new ExecRequest.TerminalSize(33, 111),
                            resizedAfter(2500, new ExecRequest.TerminalSize(29, 88)))), into(screen),
                    ProgressListener.NONE);
            typist.join();
            keys.close();
            assertThat(onTerminal.exitCode()).isEqualTo(7);
            assertThat(screen.toString()).contains("got:hello").contains("size:33 111").contains("resized:29 88");

            // the running tool replica holds 18421: stop it, then a one-off container may publish the same port
            runtime.stop(project, List.of("tool"), Duration.ZERO, ProgressListener.NONE);
            ComposeRuntime.RunResult published = runtime.run(project, "tool", new RunOptions(List.of("sleep", "600"),
                    null, Map.of(), null, null, false, true, true, true), null, ProgressListener.NONE);
            assertThat(DockerWitness.docker("port", published.container(), "8081/tcp")).isEqualTo("127.0.0.1:18421");
            ComposeRuntime.RunResult plain = runtime.run(project, "app", new RunOptions(List.of("sleep", "600"),
                    null, Map.of(), null, null, false, true, true), null, ProgressListener.NONE);
            assertThat(DockerWitness.inspect(plain.container(), "{{.HostConfig.PortBindings}}")).isEqualTo("map[]");
        } catch (EngineException e) {
            fail(e.describe());
        } finally {
            if (runtime != null) {
                runtime.down(project, new DownOptions(true, true, Duration.ZERO), ProgressListener.NONE);
                for (String c : DockerWitness.names(name)) {
                    DockerWitness.docker("rm", "-f", c);
                }
                runtime.close();
            }
        }
    }

    /** An output sink that keeps everything in {@code bytes}. */
    private static OutputSink into(java.io.ByteArrayOutputStream bytes) {
        return new OutputSink() {
            @Override
            public void onOutput(boolean stderr, byte[] chunk) {
                bytes.writeBytes(chunk);
            }

            @Override
            public void onEnd(Throwable error) {
            }
        };
    }

    /** The caller's terminal takes {@code size} {@code millis} after the command starts (unless it ended first). */
    private static TerminalResizes resizedAfter(long millis, ExecRequest.TerminalSize size) {
        return onResize -> {
            Thread resizer = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(millis);
                    onResize.accept(size);
                } catch (InterruptedException stopped) {
                    // the command ended first
                }
            });
            return resizer::interrupt;
        };
    }
}
