package dev.berth.app.cli;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadResult;
import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.source.ProjectLocator;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A verb that talks to the engine: loads the project, connects, runs, and always closes the connection. */
abstract class EngineCommand implements Callable<Integer> {

    @ParentCommand
    BerthCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Whether the project was read from its files (false: known by name alone, from its containers). */
    boolean fromFiles;

    /** The project's environment (the process's with .env), or the process's for a project known by name alone. */
    Map<String, String> variables = System.getenv();

    @Override
    public final Integer call() throws EngineException {
        long started = System.nanoTime();
        // Connecting (the client's classes, a ping) and reading the files overlap; the files still speak first:
        // a project with errors is refused with its errors, whatever the engine answered.
        CompletableFuture<ComposeRuntime> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return ComposeRuntime.connect(EndpointResolver.resolve(System.getenv(),
                        Path.of(System.getProperty("user.home"))));
            } catch (EngineException e) {
                throw new CompletionException(e);
            }
        }, Thread.ofVirtual()::start);
        ComposeProject project;
        String byName;
        try {
            byName = worksByNameAlone() ? parent.project.nameAlone() : null;
            if (byName != null) {
                project = null;
            } else {
                LoadResult result = ComposeLoader.load(parent.project.toLoadOptions());
                if (!result.variables().isEmpty()) {
                    variables = result.variables();
                }
                byName = worksByNameAlone() && result.hasErrors() ? nameFromEnvironment(result) : null;
                project = byName != null ? null : ProjectOptions.reportOrFail(result, err()).project();
            }
        } catch (RuntimeException e) {
            connecting.thenAccept(ComposeRuntime::close);
            throw e;
        }
        long loaded = System.nanoTime();
        long connected = loaded;
        fromFiles = project != null;
        try (ComposeRuntime runtime = connected(connecting)) {
            connected = System.nanoTime();
            return run(runtime, project != null ? project : runtime.projectOnEngine(byName));
        } finally {
            reportTiming(started, loaded, connected);
        }
    }

    /**
     * Whether this verb also works on a project known only by its name, from its containers' labels (as
     * {@code docker compose} v2's down, ps, logs, stop, start, restart, kill, rm, pause, unpause, top, port, images
     * and events do): with {@code -p NAME} and no {@code -f} no file is read, and when the files cannot be loaded
     * COMPOSE_PROJECT_NAME names the project.
     */
    boolean worksByNameAlone() {
        return false;
    }

    /** COMPOSE_PROJECT_NAME when it is a valid name (saying so, since the files' errors are set aside), else null. */
    private String nameFromEnvironment(LoadResult failed) {
        String name = System.getenv("COMPOSE_PROJECT_NAME");
        if (name == null || !ProjectLocator.isValidProjectName(name)) {
            return null;
        }
        String first = failed.diagnostics().stream().filter(Diagnostic::isError).findFirst()
                .map(Diagnostic::format).orElse("");
        err().println("berth: the compose files could not be loaded (" + first + "); working on project " + name
                + " (COMPOSE_PROJECT_NAME) from its containers");
        err().flush();
        return name;
    }

    private static ComposeRuntime connected(CompletableFuture<ComposeRuntime> connecting) throws EngineException {
        try {
            return connecting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof EngineException engine) {
                throw engine;
            }
            throw e;
        }
    }

    /** With BERTH_TIMINGS set, says how long the verb took inside the JVM (scripts/bench-up.sh reads it). */
    private void reportTiming(long started, long loaded, long connected) {
        Timings.report(err(), spec.name(), "%d ms in process (load %d, connect %d, run %d)".formatted(
                Timings.since(started), (loaded - started) / 1_000_000, (connected - loaded) / 1_000_000,
                Timings.since(connected)));
    }

    abstract int run(ComposeRuntime runtime, ComposeProject project) throws EngineException;

    /**
     * A Compose setting of the project's environment (the process's with .env, as v2's
     * {@code COMPOSE_IGNORE_ORPHANS}), or of the process's alone ({@code processOnly}, as v2's
     * {@code COMPOSE_REMOVE_ORPHANS}), read as Go's {@code strconv.ParseBool}: 1, t, true (any case) are true;
     * anything else, or unset, is false.
     */
    boolean setting(String name, boolean processOnly) {
        String value = (processOnly ? System.getenv() : variables).get(name);
        return value != null && List.of("1", "t", "true").contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * {@code --remove-orphans} when given ({@code --remove-orphans=false} too), else {@code COMPOSE_REMOVE_ORPHANS}
     * from the process environment, as v2 reads it.
     */
    boolean removeOrphans(boolean flag) {
        return spec.commandLine().getParseResult().hasMatchedOption("--remove-orphans") ? flag
                : setting("COMPOSE_REMOVE_ORPHANS", true);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
