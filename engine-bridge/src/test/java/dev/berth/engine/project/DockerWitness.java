package dev.berth.engine.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI as an independent witness of what the engine shows: the tests never ask Berth about Berth. */
public final class DockerWitness {
    private DockerWitness() {
    }

    /** Runs {@code docker args...}; returns its trimmed stdout; fails the test when docker fails. */
    public static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("`" + String.join(" ", command) + "` failed: "
                    + new String(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8).strip();
    }

    /** {@code docker inspect -f FORMAT name}. */
    static String inspect(String container, String format) throws IOException, InterruptedException {
        return docker("inspect", "-f", format, container);
    }

    /** Names of the project's containers (one-off ones included), sorted. */
    static List<String> names(String project) throws IOException, InterruptedException {
        String out = docker("ps", "-a", "--filter", "label=com.docker.compose.project=" + project,
                "--format", "{{.Names}}");
        return out.isEmpty() ? List.of() : out.lines().sorted().toList();
    }
}
