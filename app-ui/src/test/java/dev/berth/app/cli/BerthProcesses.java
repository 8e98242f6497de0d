package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** {@code berth} commands in JVMs of their own, as a user runs them from a terminal. */
final class BerthProcesses {

    private BerthProcesses() {
    }

    record Ran(int code, String output) {
    }

    /** A command that keeps running (a supervisor), and what it has said so far. */
    record Running(Process process, List<String> said) {
    }

    static ProcessBuilder own(Map<String, String> env, String... args) {
        ProcessBuilder builder = TrainingWheelsCliTest.berthInItsOwnJvm(args).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder;
    }

    /** Runs a command to its end (at most five minutes). */
    static Ran ran(Map<String, String> env, String... args) throws Exception {
        Process p = own(env, args).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("berth %s ended", String.join(" ", args)).isTrue();
        return new Ran(p.exitValue(), output);
    }

    /** Starts a command and returns once a line of its output contains {@code marker}, it ended, or time is up. */
    static Running startUntil(Map<String, String> env, String marker, Duration limit, String... args)
            throws Exception {
        List<String> said = new CopyOnWriteArrayList<>();
        Process process = own(env, args).start();
        Thread.ofVirtual().start(() -> new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)).lines().forEach(said::add));
        long deadline = System.nanoTime() + limit.toNanos();
        while (said.stream().noneMatch(l -> l.contains(marker)) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return new Running(process, said);
    }
}
