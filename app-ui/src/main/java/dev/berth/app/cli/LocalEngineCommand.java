package dev.berth.app.cli;

import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.local.EngineContext;
import dev.berth.engine.local.LocalEngine;
import dev.berth.engine.local.LocalEngineLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code berth engine start|status|stop}: Berth's own Linux engine, a dockerd of its own beside the system's,
 * reached by any docker or berth command through the docker context {@code berth}.
 */
@Command(name = "engine", description = {"Berth's own container engine on Linux: a dockerd of its own, beside the "
        + "system's, that Berth starts, watches and restarts.",
        "Commands reach it through the docker context 'berth': `DOCKER_CONTEXT=berth berth up -d`, or "
                + "`docker context use berth` for every command."},
        subcommands = {LocalEngineCommand.Start.class, LocalEngineCommand.Status.class, LocalEngineCommand.Stop.class})
final class LocalEngineCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    static LocalEngineLayout layout() {
        return LocalEngineLayout.of(System.getenv());
    }

    @Command(name = "start", description = {"Start Berth's engine and watch it until Ctrl+C (or `berth engine stop`),"
            + " which stops its containers and then the engine.",
            "It needs root (dockerd sets up networks, mounts and cgroups): `sudo berth engine start`."})
    static final class Start implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
                description = "How long to wait for the engine to answer (default: ${DEFAULT-VALUE})")
        int timeout;

        @Override
        public Integer call() throws EngineException, InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            LocalEngineLayout layout = layout();
            err.println("berth: starting Berth's engine (" + layout.dockerd() + ", data in " + layout.dataDir()
                    + ", log " + layout.log() + ")");
            err.flush();
            // SIGTERM (`berth engine stop`) and Ctrl+C end the JVM; the hook stops the engine in order first, also
            // while it is still starting
            Runtime.getRuntime().addShutdownHook(new Thread(LocalEngine::closeTheOneSupervisedHere,
                    "berth-engine-stop"));
            LocalEngine engine = LocalEngine.start(layout, Duration.ofSeconds(timeout), (state, detail) -> {
                err.println("berth: engine " + state.name().toLowerCase(java.util.Locale.ROOT)
                        + (detail.isEmpty() ? "" : ": " + detail));
                err.flush();
            });
            if (!engine.supervises()) {
                err.println("berth: another Berth already runs this engine at " + engine.endpoint().uri()
                        + "; nothing to do");
                return 0;
            }
            saveContext(engine, err);
            err.println("berth: Berth's engine is running at " + engine.endpoint().uri());
            err.println("  use it:  DOCKER_CONTEXT=" + LocalEngineLayout.CONTEXT + " berth up -d   (or `docker context"
                    + " use " + LocalEngineLayout.CONTEXT + "` for every docker and berth command; as root or a"
                    + " member of the docker group)");
            err.println("  stop it: Ctrl+C here, or `berth engine stop`");
            err.flush();
            engine.awaitState(LocalEngine.State.FAILED, Duration.ofDays(36_500));
            return 1;
        }

        /**
         * The docker context {@code berth}, for this user and, under {@code sudo}, for the user who ran it (whose
         * terminal is where `DOCKER_CONTEXT=berth` will be typed).
         */
        private static void saveContext(LocalEngine engine, PrintWriter err) {
            saveContext(engine, EndpointResolver.dockerConfigDir(System.getenv(),
                    Path.of(System.getProperty("user.home"))), null, err);
            String sudoUser = System.getenv("SUDO_USER");
            if (sudoUser == null || sudoUser.isBlank() || sudoUser.equals("root")) {
                return;
            }
            try {
                Path home = homeOf(sudoUser);
                if (home != null) {
                    saveContext(engine, home.resolve(".docker"), java.nio.file.FileSystems.getDefault()
                            .getUserPrincipalLookupService().lookupPrincipalByName(sudoUser), err);
                }
            } catch (IOException e) {
                err.println("berth: could not write the docker context for " + sudoUser + " (" + e.getMessage()
                        + "); they reach the engine with DOCKER_HOST=" + engine.endpoint().uri());
            }
        }

        private static void saveContext(LocalEngine engine, Path dockerConfig,
                                        java.nio.file.attribute.UserPrincipal owner, PrintWriter err) {
            try {
                if (EngineContext.save(dockerConfig, LocalEngineLayout.CONTEXT, engine.endpoint(), owner)
                        == EngineContext.Saved.KEPT_THE_USERS) {
                    err.println("berth: " + dockerConfig + " has a docker context named '" + LocalEngineLayout.CONTEXT
                            + "' of the user's own; it was left as it is, so reach the engine with DOCKER_HOST="
                            + engine.endpoint().uri());
                }
            } catch (IOException e) {
                err.println("berth: could not write the docker context '" + LocalEngineLayout.CONTEXT + "' in "
                        + dockerConfig + " (" + e.getMessage() + "); reach the engine with DOCKER_HOST="
                        + engine.endpoint().uri());
            }
        }

        /** A user's home folder, from /etc/passwd (the sixth field), or null. */
        private static Path homeOf(String user) throws IOException {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length > 5 && fields[0].equals(user)) {
                    return Path.of(fields[5]);
                }
            }
            return null;
        }
    }

    @Command(name = "status", description = "Say whether Berth's engine runs, where, and who supervises it.")
    static final class Status implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            LocalEngineLayout layout = layout();
            LocalEngine.Status status = LocalEngine.status(layout);
            out.println("engine:     " + (status.answers() ? "running, answering at " + layout.endpoint().uri()
                    : status.dockerd().isPresent() ? "running, but this user gets no answer: " + status.whyNot()
                    : "not running"));
            status.dockerd().ifPresent(pid -> out.println("dockerd:    pid " + pid));
            status.supervisor().ifPresent(pid -> out.println("supervisor: pid " + pid));
            out.println("data:       " + layout.dataDir());
            out.println("log:        " + layout.log());
            out.println("context:    " + LocalEngineLayout.CONTEXT + " (DOCKER_CONTEXT=" + LocalEngineLayout.CONTEXT
                    + ")");
            return status.answers() ? 0 : 3;
        }
    }

    @Command(name = "stop", description = "Stop Berth's engine: its containers first, then dockerd.")
    static final class Stop implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--timeout", defaultValue = "90", paramLabel = "SECONDS",
                description = "How long to wait for it to stop (default: ${DEFAULT-VALUE})")
        int timeout;

        @Override
        public Integer call() throws EngineException {
            PrintWriter err = spec.commandLine().getErr();
            err.println("berth: " + LocalEngine.stop(layout(), Duration.ofSeconds(timeout)));
            return 0;
        }
    }
}
