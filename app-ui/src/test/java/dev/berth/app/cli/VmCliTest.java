package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.common.InlineTasks;
import dev.berth.app.engine.OwnEngine;
import dev.berth.app.engine.OwnEngineFixture;
import dev.berth.app.projects.ProjectViewModel;
import dev.berth.app.projects.ServiceRow;
import dev.berth.compose.LoadOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth vm start|status|stop} with a real QEMU booting Berth's real guest (under TCG here: KVM is present but
 * cannot run guests on this machine, which also exercises the fall-back): a compose project in a shared folder is
 * built and brought up in the VM through the docker context {@code berth-vm}, its bind mount shows the host's file
 * (and its later change), its published port answers on this machine's 127.0.0.1, everything ends with
 * {@code berth vm stop}, and the next boot still has the image and the volume on the VM's disk. On the way, the
 * container is started from a terminal while the test holds its port: {@code vm start} names the holder, and a
 * window (its view-model) using this VM marks the port until it is freed. The guest comes from {@code vm-launcher/guest/build.sh} ({@code ./test} builds it).
 */
@Tag("vm")
class VmCliTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(900)
    void aProjectInASharedFolderRunsInTheVmAndAnswersOnThisMachine() throws Exception {
        Path share = Files.createDirectories(dir.resolve("work"));
        Map<String, String> env = new HashMap<>(Map.of(
                "BERTH_VM_DIR", dir.resolve("vm").toString(),
                "DOCKER_CONFIG", dir.resolve("docker-config").toString(),
                "BERTH_RESIDENT", "0"));
        int port = freeLoopbackPort();
        Path project = Files.createDirectories(share.resolve("project"));
        Files.createDirectories(project.resolve("site"));
        Files.writeString(project.resolve("site/index.html"), "served from the host's folder\n");
        Path image = OwnEngineFixture.busyboxImage(project);
        Files.writeString(project.resolve("compose.yaml"), """
                name: berthvm
                services:
                  web:
                    build: %s
                    image: berthit/vm-web:test
                    command: ["sh", "-c", "echo up >> /data/ups && exec httpd -f -p 8080 -h /site"]
                    volumes:
                      - ./site:/site:ro
                      - data:/data
                    ports:
                      - "127.0.0.1:%d:8080"
                volumes:
                  data:
                """.formatted(project.relativize(image), port));

        BerthProcesses.Running vm = BerthProcesses.startUntil(env, "Berth's VM runs", Duration.ofSeconds(600), "vm",
                "start", "--share", share.toString(), "--memory", "1536");
        Process start = vm.process();
        List<String> said = vm.said();
        try {
            assertThat(said).as("what `berth vm start` said").anyMatch(l -> l.contains("Berth's VM runs; its engine"
                    + " answers at tcp://127.0.0.1:")).anyMatch(l -> l.contains("guest: shared " + share));

            BerthProcesses.Ran status = BerthProcesses.ran(env, "vm", "status");
            assertThat(status.code()).as(status.output()).isZero();
            assertThat(status.output()).contains("running, engine Docker").contains("supervisor: pid " + start.pid());

            Map<String, String> viaContext = new HashMap<>(env);
            viaContext.put("DOCKER_CONTEXT", "berth-vm");
            BerthProcesses.Ran up = BerthProcesses.ran(viaContext, "-f", project.resolve("compose.yaml").toString(), "up", "-d", "--wait");
            assertThat(up.code()).as(up.output()).isZero();
            assertThat(docker("ps", "-a", "--filter", "label=com.docker.compose.project=berthvm", "--format",
                    "{{.Names}}")).as("the system engine's containers").isEmpty();

            String url = "http://127.0.0.1:" + port + "/index.html";
            assertThat(getWithin(url, "served from the host's folder", Duration.ofSeconds(60)))
                    .as("the container's port, forwarded to this machine, serving the shared folder")
                    .isEqualTo("served from the host's folder\n");
            Files.writeString(project.resolve("site/index.html"), "changed on the host\n");
            assertThat(getWithin(url, "changed on the host", Duration.ofSeconds(30))).isEqualTo("changed on the host\n");

            // started from a terminal while another program holds its port: `vm start` says so, and a window
            // that uses this VM marks the port (what the supervisor writes into the VM's folder)
            portRefusedWhileHeld(env, project, port, said);
            assertThat(getWithin(url, "changed on the host", Duration.ofSeconds(30))).as("forwarded once freed")
                    .isEqualTo("changed on the host\n");

            BerthProcesses.Ran down = BerthProcesses.ran(viaContext, "-f", project.resolve("compose.yaml").toString(), "down");
            assertThat(down.code()).as(down.output()).isZero();
            assertThat(refusedWithin(port, Duration.ofSeconds(30))).as("the forward ends with the container").isTrue();

            BerthProcesses.Ran stop = BerthProcesses.ran(env, "vm", "stop");
            assertThat(stop.code()).as(stop.output()).isZero();
            assertThat(stop.output()).contains("stopped the Berth VM");
            assertThat(start.waitFor(60, TimeUnit.SECONDS)).as("`berth vm start` ended").isTrue();
            assertThat(start.exitValue()).as("`vm start` ends when its VM was stopped").isZero();
            assertThat(said).anyMatch(l -> l.contains("the VM was stopped (`berth vm stop`)"));
            assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                    .contains(dir.resolve("vm").toString()) && p.info().command().orElse("").contains("qemu")))
                    .as("QEMU processes left").isEmpty();
            BerthProcesses.Ran after = BerthProcesses.ran(env, "vm", "status");
            assertThat(after.code()).isEqualTo(3);
            assertThat(after.output()).contains("vm:         not running");
        } finally {
            if (start.isAlive()) {
                start.destroy();
                start.waitFor(60, TimeUnit.SECONDS);
            }
        }

        // the next boot finds the image built and the volume written on the VM's disk
        BerthProcesses.Running again = BerthProcesses.startUntil(env, "Berth's VM runs", Duration.ofSeconds(600), "vm",
                "start", "--share", share.toString(), "--memory", "1536");
        try {
            assertThat(again.said()).anyMatch(l -> l.contains("guest: data on disk"))
                    .noneMatch(l -> l.contains("formatting the data disk"));
            assertThat(docker(env, "--context", "berth-vm", "run", "--rm", "-v", "berthvm_data:/data",
                    "berthit/vm-web:test", "cat", "/data/ups")).as("one line per start: up, then the terminal's start")
                    .isEqualTo("up\nup");
        } finally {
            assertThat(BerthProcesses.ran(env, "vm", "stop").code()).isZero();
            again.process().waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(600)
    void aVmWhoseSupervisorWasKilledIsStoppedByTheNextStop() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("BERTH_VM_DIR", dir.resolve("vm").toString(),
                "DOCKER_CONFIG", dir.resolve("docker-config").toString(), "BERTH_RESIDENT", "0"));
        BerthProcesses.Running vm = BerthProcesses.startUntil(env, "Berth's VM runs", Duration.ofSeconds(600), "vm",
                "start", "--share", dir.toString(), "--memory", "1024");
        Process start = vm.process();
        try {
            assertThat(vm.said()).anyMatch(l -> l.contains("Berth's VM runs"));
            List<ProcessHandle> qemu = start.toHandle().children().toList();
            assertThat(qemu).as("QEMU, the supervisor's child").hasSize(1);

            start.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // kill -9: no shutdown hook runs
            assertThat(qemu.getFirst().isAlive()).as("QEMU outlives a killed supervisor").isTrue();
            BerthProcesses.Ran status = BerthProcesses.ran(env, "vm", "status");
            assertThat(status.code()).isEqualTo(3);
            assertThat(status.output()).contains("running without the Berth that started it (pid " + start.pid());

            BerthProcesses.Ran stop = BerthProcesses.ran(env, "vm", "stop");
            assertThat(stop.code()).as(stop.output()).isZero();
            assertThat(stop.output()).contains("stopped the VM's QEMU (pid " + qemu.getFirst().pid()
                    + "), which its supervisor had left running");
            assertThat(qemu.getFirst().onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            start.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            start.destroyForcibly();
        }
    }

    @Test
    void aMissingGuestOrAnUnknownAcceleratorIsSaidPlainly() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("BERTH_VM_DIR", dir.resolve("vm").toString(),
                "BERTH_GUEST_DIR", dir.resolve("no-guest").toString(), "BERTH_RESIDENT", "0"));
        BerthProcesses.Ran missing = BerthProcesses.ran(env, "vm", "start");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.output()).contains("error: Berth's VM guest is not built: " + dir.resolve("no-guest/vmlinuz")
                + " is missing").contains("vm-launcher/guest/build.sh").doesNotContain("Exception");

        BerthProcesses.Ran stop = BerthProcesses.ran(env, "vm", "stop");
        assertThat(stop.code()).as(stop.output()).isZero();
        assertThat(stop.output()).contains("no Berth VM runs from " + dir.resolve("vm"));

        env.remove("BERTH_GUEST_DIR");
        BerthProcesses.Ran accel = BerthProcesses.ran(env, "vm", "start", "--accel", "hvf");
        assertThat(accel.code()).isEqualTo(1);
        assertThat(accel.output()).contains("error: --accel hvf is a hypervisor of another system; on linux")
                .contains("use kvm or tcg");

        BerthProcesses.Ran system = BerthProcesses.ran(env, "vm", "start", "--share", "/etc");
        assertThat(system.code()).isEqualTo(1);
        assertThat(system.output()).contains("error: shared folder /etc would cover the VM's own system folders");
    }

    private static String getWithin(String url, String expected, Duration limit) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (last.contains(expected)) {
                    return last;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(300);
        }
        return last;
    }

    private void portRefusedWhileHeld(Map<String, String> env, Path project, int port, List<String> said)
            throws Exception {
        String web = "berthvm-web-1";
        assertThat(docker(env, "--context", "berth-vm", "stop", "-t", "1", web)).isEqualTo(web);
        ServerSocket held = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (held == null && System.nanoTime() < deadline) {
            try {
                held = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress());
            } catch (IOException stillForwarded) {
                Thread.sleep(300);
            }
        }
        assertThat(held).as("the stopped container's port is no longer forwarded").isNotNull();
        Map<String, String> windowEnv = new HashMap<>(System.getenv());
        windowEnv.putAll(env);
        windowEnv.put("DOCKER_HOST", "unix://" + dir.resolve("nothing-here.sock"));
        windowEnv.put("BERTH_OWN_ENGINE", "vm");
        InlineTasks tasks = new InlineTasks();
        ProjectViewModel window = new ProjectViewModel(new LoadOptions(List.of(project.resolve("compose.yaml")),
                project, null, List.of(), Set.of(), windowEnv, project), tasks, windowEnv, dir);
        // a second window reaches the VM through its docker context, as a terminal's DOCKER_CONTEXT=berth-vm does
        Map<String, String> contextEnv = new HashMap<>(System.getenv());
        contextEnv.remove("DOCKER_HOST");
        contextEnv.putAll(env);
        contextEnv.put("DOCKER_CONTEXT", "berth-vm");
        ProjectViewModel viaContext = new ProjectViewModel(new LoadOptions(List.of(project.resolve("compose.yaml")),
                project, null, List.of(), Set.of(), contextEnv, project), tasks, contextEnv, dir);
        try {
            viaContext.open();   // first: its watch of the VM's folder is its own, not the other window's
            window.open();
            window.startOwnEngine();   // the VM `vm start` runs, not a second one
            for (ProjectViewModel w : List.of(window, viaContext)) {
                assertThat(w.statusProperty().get()).isEqualTo("Ready");
            }
            assertThat(docker(env, "--context", "berth-vm", "start", web)).isEqualTo(web);

            String holds = "publishes 127.0.0.1:" + port + "/tcp, but process " + ProcessHandle.current().pid()
                    + " (java) holds that port on this machine";
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((unreachable(tasks, window).isEmpty() || unreachable(tasks, viaContext).isEmpty()
                    || said.stream().noneMatch(l -> l.contains(holds))) && System.nanoTime() < deadline) {
                Thread.sleep(300);   // the windows learn it from their watch on the VM's folder, not from the test
            }
            assertThat(said).as("what `vm start` said").anyMatch(l -> l.contains("container " + web + " " + holds));
            for (ProjectViewModel w : List.of(window, viaContext)) {
                assertThat(unreachable(tasks, w)).containsOnlyKeys(port + "/tcp");
                assertThat(w.statusProperty().get()).isEqualTo("Not reachable on this machine: container " + web
                        + " " + holds + "; stop it or publish another port; Berth tries again every 5 s");
            }

            held.close();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((!unreachable(tasks, window).isEmpty() || !unreachable(tasks, viaContext).isEmpty())
                    && System.nanoTime() < deadline) {
                Thread.sleep(300);
            }
            for (ProjectViewModel w : List.of(window, viaContext)) {
                assertThat(unreachable(tasks, w)).isEmpty();
                assertThat(w.statusProperty().get()).isEqualTo("Forwarded to this machine now: container " + web
                        + " publishes 127.0.0.1:" + port + "/tcp");
            }
        } finally {
            held.close();
            window.close();
            viaContext.close();
            OwnEngine.stop();   // the window's own engines only: the VM `vm start` runs goes on
        }
    }

    /** The web row's ports that are not reachable on this machine, read while no refresh runs. */
    private static Map<String, String> unreachable(InlineTasks tasks, ProjectViewModel window) {
        synchronized (tasks) {
            return List.copyOf(window.services()).stream().filter(r -> r.service().equals("web")).findFirst()
                    .map(ServiceRow::unreachable).orElse(Map.of());
        }
    }

    private static boolean refusedWithin(int port, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2_000);
            } catch (IOException e) {
                return true;
            }
            Thread.sleep(300);
        }
        return false;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static String docker(String... args) throws Exception {
        return docker(Map.of(), args);
    }

    private static String docker(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
