package dev.berth.app.projects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.common.InlineTasks;
import dev.berth.app.engine.OwnEngine;
import dev.berth.app.engine.OwnEngineFixture;
import dev.berth.compose.LoadOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * When no engine answers, the project view offers Berth's own engine (Linux); started, the project comes up on
 * it, and it ends with the app.
 */
@Tag("engine")
class OwnEngineViewModelTest {
    final String project = "berthit-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void withNoEngineItOffersBerthsOwnAndTheProjectComesUpThere() throws Exception {
        OwnEngineFixture.assumeItCanStartOne();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DOCKER_HOST", "unix://" + dir.resolve("nothing-here.sock"));
        env.put("BERTH_ENGINE_DATA", dir.resolve("data").toString());
        env.put("BERTH_ENGINE_RUN", dir.resolve("run").toString());
        env.put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
        OwnEngineFixture.busyboxImage(dir);   // build: ./image
        Path compose = Files.writeString(dir.resolve("compose.yaml"), """
                name: %s
                services:
                  web:
                    build: ./image
                    image: berthit/own-engine-ui:test
                    command: ["sleep", "600"]
                """.formatted(project));
        LoadOptions options = new LoadOptions(List.of(compose), dir, null, List.of(), Set.of(), env, dir);
        ProjectViewModel vm = new ProjectViewModel(options, new InlineTasks(), env, dir);
        try {
            vm.open();
            assertThat(vm.engineProperty().get()).startsWith("No engine: ").contains("nothing-here.sock");
            assertThat(vm.ownEngineOfferedProperty().get()).isTrue();
            assertThat(vm.ownEngineActionProperty().get()).as("as root, with a dockerd").isEqualTo("Start Berth's engine");

            vm.startOwnEngine();

            assertThat(vm.ownEngineOfferedProperty().get()).isFalse();
            assertThat(vm.statusProperty().get()).isEqualTo("Ready");
            assertThat(vm.engineProperty().get()).contains("unix://" + dir.resolve("run/docker.sock"));
            vm.up();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!docker("-H", "unix://" + dir.resolve("run/docker.sock"), "ps", "--format", "{{.Names}}")
                    .contains(project + "-web-1") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(docker("-H", "unix://" + dir.resolve("run/docker.sock"), "ps", "--format", "{{.Names}}"))
                    .as("status: %s", vm.statusProperty().get()).contains(project + "-web-1");
        } finally {
            vm.close();
            OwnEngine.stop();
        }
        assertThat(dir.resolve("run/docker.sock")).doesNotExist();
    }

    @Test
    @Tag("vm")
    @Timeout(900)
    void withNoEngineItCanOfferBerthsVmAndTheProjectAnswersOnThisMachine() throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DOCKER_HOST", "unix://" + dir.resolve("nothing-here.sock"));
        env.put("BERTH_OWN_ENGINE", "vm");   // what a user without root, or on macOS or Windows, is offered
        env.put("BERTH_VM_DIR", dir.resolve("vm").toString());
        env.put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        int heldPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            heldPort = probe.getLocalPort();
        }
        java.net.ServerSocket held = null;
        Path work = Files.createDirectories(dir.resolve("work"));
        OwnEngineFixture.busyboxImage(work);
        Files.createDirectories(work.resolve("site"));
        Files.writeString(work.resolve("site/index.html"), "from the window's VM\n");
        Path compose = Files.writeString(work.resolve("compose.yaml"), """
                name: %s
                services:
                  web:
                    build: ./image
                    image: berthit/own-vm-ui:test
                    command: ["httpd", "-f", "-p", "80", "-h", "/site"]
                    volumes: ["./site:/site:ro"]
                    ports: ["127.0.0.1:%d:80"]
                  second:
                    build: ./image
                    image: berthit/own-vm-ui:second
                    depends_on: [web]
                    command: ["httpd", "-f", "-p", "80", "-h", "/site"]
                    volumes: ["./site:/site:ro"]
                    ports: ["127.0.0.1:%d:80"]
                """.formatted(project, port, heldPort));
        LoadOptions options = new LoadOptions(List.of(compose), work, null, List.of(), Set.of(), env, work);
        // the window's home folder is the one the VM shares
        InlineTasks tasks = new InlineTasks();
        ProjectViewModel vm = new ProjectViewModel(options, tasks, env, dir);
        try {
            vm.open();
            assertThat(vm.ownEngineOfferedProperty().get()).isTrue();
            assertThat(vm.ownEngineActionProperty().get()).isEqualTo("Start Berth's VM");
            assertThat(vm.statusProperty().get()).contains("or start Berth's VM");

            vm.startOwnEngine();

            assertThat(vm.statusProperty().get()).isEqualTo("Ready");
            assertThat(vm.engineProperty().get()).contains("tcp://127.0.0.1:");
            vm.up();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String page = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (!page.contains("from the window's VM") && System.nanoTime() < deadline) {
                try {
                    page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                            + "/")).timeout(java.time.Duration.ofSeconds(5)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                } catch (java.io.IOException e) {
                    Thread.sleep(500);
                }
            }
            assertThat(page).as("status: %s", vm.statusProperty().get()).isEqualTo("from the window's VM\n");

            // Up checks the host's ports first; a container started some other way (a terminal, a restart policy)
            // may find its port taken here: stopped, its port held by another program, started from a terminal
            String second = project + "-second-1";
            assertThat(dockerVm(env, "stop", "-t", "1", second)).contains(second);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (held == null && System.nanoTime() < deadline) {
                try {
                    held = new java.net.ServerSocket(heldPort, 1, java.net.InetAddress.getLoopbackAddress());
                } catch (java.io.IOException stillForwarded) {
                    Thread.sleep(500);
                }
            }
            assertThat(held).as("the stopped container's port is no longer forwarded").isNotNull();
            assertThat(dockerVm(env, "start", second)).contains(second);
            // marked in the Ports column and said on the status line, naming container and address
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (unreachable(tasks, vm, "second").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(500);   // the VM's port watch refreshes the view-model, not the test
            }
            assertThat(unreachable(tasks, vm, "second")).as("status: %s", vm.statusProperty().get())
                    .containsKey(heldPort + "/tcp");
            assertThat(unreachable(tasks, vm, "second").get(heldPort + "/tcp")).as("this test's JVM holds it")
                    .startsWith("process " + ProcessHandle.current().pid() + " (java) holds that port on this machine");
            assertThat(unreachable(tasks, vm, "web")).isEmpty();
            assertThat(vm.statusProperty().get()).startsWith("Not reachable on this machine: container " + project
                    + "-second-1 publishes 127.0.0.1:" + heldPort + "/tcp, but process ");
            // a window that reaches this VM through its docker context (DOCKER_CONTEXT=berth-vm) marks it too
            Map<String, String> contextEnv = new HashMap<>(env);
            contextEnv.remove("DOCKER_HOST");
            contextEnv.put("DOCKER_CONTEXT", "berth-vm");
            ProjectViewModel viaContext = new ProjectViewModel(new LoadOptions(List.of(compose), work, null,
                    List.of(), Set.of(), contextEnv, work), tasks, contextEnv, dir);
            try {
                viaContext.open();
                assertThat(viaContext.engineProperty().get()).contains("tcp://127.0.0.1:");
                assertThat(unreachable(tasks, viaContext, "second")).containsKey(heldPort + "/tcp");
                assertThat(unreachable(tasks, viaContext, "web")).isEmpty();
            } finally {
                viaContext.close();
            }
            // freed, the port is forwarded at the next try (every 5 s) and the mark goes
            held.close();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!unreachable(tasks, vm, "second").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(500);   // the VM's port watch refreshes the view-model, not the test
            }
            assertThat(unreachable(tasks, vm, "second")).isEmpty();
            assertThat(vm.statusProperty().get()).isEqualTo("Forwarded to this machine now: container " + project
                    + "-second-1 publishes 127.0.0.1:" + heldPort + "/tcp");
            assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + heldPort + "/")).timeout(java.time.Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("from the window's VM\n");
        } finally {
            if (held != null) {
                held.close();
            }
            vm.close();
            OwnEngine.stop();
        }
        assertThat(ProcessHandle.current().children().filter(p -> p.info().command().orElse("").contains("qemu")))
                .as("QEMU ends with the app").isEmpty();
    }

    /** The row's ports that are not reachable on this machine, read while no refresh runs. */
    static Map<String, String> unreachable(InlineTasks tasks, ProjectViewModel vm, String service) {
        synchronized (tasks) {
            return List.copyOf(vm.services()).stream().filter(r -> r.service().equals(service)).findFirst()
                    .map(ServiceRow::unreachable).orElse(Map.of());
        }
    }

    /** The docker CLI on the VM's engine, through the context the window wrote. */
    private static String dockerVm(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker", "--context", "berth-vm"));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().remove("DOCKER_HOST");
        b.environment().put("DOCKER_CONFIG", env.get("DOCKER_CONFIG"));
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
