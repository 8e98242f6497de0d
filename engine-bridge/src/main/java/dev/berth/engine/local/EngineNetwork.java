package dev.berth.engine.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host networking Berth's engine needs and does not make itself, since it runs without iptables beside the
 * system's engine: its default bridge {@value #BRIDGE} (dockerd creates no bridge but {@code docker0}, and with
 * {@code --bridge none} it would delete the system engine's {@code docker0}), and a chain {@value #CHAIN} in the
 * filter table's FORWARD that lets its containers' traffic through (the system engine sets FORWARD's policy to
 * DROP) plus one MASQUERADE rule that takes them to the outside. Everything it adds is matched by
 * {@value #ADDRESS_POOL}, the engine's own addresses, so it never touches another engine's traffic.
 */
final class EngineNetwork {
    static final String BRIDGE = "berth0";
    static final String CHAIN = "BERTH";
    static final String ADDRESS_POOL = "10.214.0.0/16";

    private static final List<List<String>> CHAIN_RULES = List.of(
            List.of("-s", ADDRESS_POOL, "-j", "ACCEPT"),
            List.of("-d", ADDRESS_POOL, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"));
    private static final List<String> FORWARD_JUMP = List.of("FORWARD", "-j", CHAIN);
    private static final List<String> MASQUERADE = List.of("POSTROUTING", "-s", ADDRESS_POOL, "!", "-d",
            ADDRESS_POOL, "-j", "MASQUERADE");

    private EngineNetwork() {
    }

    /**
     * Adds what is missing (each step checks first, so a second call changes nothing).
     *
     * @return what could not be set up, in words for the user, or "" when all is in place
     */
    static String setUp() {
        List<String> missing = new ArrayList<>();
        if (!Files.exists(Path.of("/sys/class/net", BRIDGE))) {
            Result bridge = run("ip", "link", "add", "name", BRIDGE, "type", "bridge");
            if (!bridge.ok() && !Files.exists(Path.of("/sys/class/net", BRIDGE))) {
                // without it dockerd refuses to start, and says so in its log
                missing.add("the bridge " + BRIDGE + " (`ip link add name " + BRIDGE + " type bridge`: "
                        + bridge.output() + ")");
            }
        }
        if (!run("iptables", "-w", "10", "-n", "-L", CHAIN).ok()) {
            run("iptables", "-w", "10", "-N", CHAIN);
        }
        for (List<String> rule : CHAIN_RULES) {
            missing.addAll(ensure(List.of(), prepend(CHAIN, rule), "-A"));
        }
        missing.addAll(ensure(List.of(), FORWARD_JUMP, "-I"));
        missing.addAll(ensure(List.of("-t", "nat"), MASQUERADE, "-A"));
        return missing.isEmpty() ? "" : "Berth's engine could not set up " + String.join("; ", missing)
                + ": its containers may not reach each other or the outside";
    }

    /** Takes out what {@link #setUp} added; what is already gone is fine. */
    static void tearDown() {
        iptables(List.of("-t", "nat"), "-D", MASQUERADE);
        iptables(List.of(), "-D", FORWARD_JUMP);
        run("iptables", "-w", "10", "-F", CHAIN);
        run("iptables", "-w", "10", "-X", CHAIN);
        if (Files.exists(Path.of("/sys/class/net", BRIDGE))) {
            run("ip", "link", "delete", BRIDGE);
        }
    }

    private static List<String> ensure(List<String> table, List<String> rule, String add) {
        if (iptables(table, "-C", rule).ok()) {
            return List.of();
        }
        Result added = iptables(table, add, rule);
        return added.ok() ? List.of() : List.of("the iptables rule `iptables " + String.join(" ", table)
                + (table.isEmpty() ? "" : " ") + add + " " + String.join(" ", rule) + "` (" + added.output() + ")");
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static Result iptables(List<String> table, String action, List<String> rule) {
        // -w: wait for the xtables lock that the system's dockerd may hold, instead of failing at once
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "10"));
        command.addAll(table);
        command.add(action);
        command.addAll(rule);
        return run(command.toArray(String[]::new));
    }

    /** How a host command ended: whether it succeeded, and what it printed (stdout and stderr). */
    record Result(boolean ok, String output) {
    }

    /** Runs a host command ({@code ip}, {@code iptables}, {@code umount}) and waits up to 30 s for it. */
    static Result run(String... command) {
        Path output = null;
        try {
            // the output goes to a file, so that a command that hangs cannot hold up the wait for it
            output = Files.createTempFile("berth-engine-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                            "/dev/null"))).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(false, command[0] + " did not finish within 30 s");
            }
            return new Result(process.exitValue() == 0, Files.readString(output, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Result(false, command[0] + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temporary file left behind
                }
            }
        }
    }
}
