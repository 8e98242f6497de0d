package dev.berth.app.cli;

import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EngineEvent;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressListener;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.ProjectEvents;
import dev.berth.engine.project.LogOptions;
import dev.berth.engine.project.UpOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "up", description = "Create and start containers: build or pull images, networks and volumes as needed.")
final class UpCommand extends EngineCommand {

    @Mixin
    ConvergeOptions converge;

    @Mixin
    LogLook look;

    @Option(names = {"-d", "--detach"}, description = "Run in the background; without it, follow the logs (Ctrl+C stops the containers, a second one kills them)")
    boolean detach;

    @Option(names = "--wait", description = "Wait for services to be running|healthy (implies --detach)")
    boolean await;

    @Option(names = "--wait-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Maximum seconds to wait with --wait (default: ${DEFAULT-VALUE})")
    long waitTimeoutSeconds;

    @Option(names = "--no-deps", description = "With SERVICE names: leave the services they depend on alone")
    boolean noDeps;

    @Parameters(paramLabel = "SERVICE", arity = "0..*",
            description = "Only these services (and what they depend on); default: all")
    List<String> services = new ArrayList<>();

    @Option(names = "--abort-on-container-exit", description = "Stop all containers when one of them stops (not with -d)")
    boolean abortOnExit;

    @Option(names = "--abort-on-container-failure",
            description = "Stop all containers when one of them fails: exits with a code other than 0 (not with -d)")
    boolean abortOnFailure;

    @Option(names = "--exit-code-from", paramLabel = "SERVICE",
            description = "Return the exit code of this service's container; implies --abort-on-container-exit")
    String exitCodeFrom;

    @Option(names = "--no-start", description = "Create the containers without starting them")
    boolean noStart;

    @Mixin
    StopTimeout timeout;   // -t: how long the containers may take to stop after Ctrl+C

    @Option(names = {"-V", "--renew-anon-volumes"},
            description = "Recreate anonymous volumes instead of taking the data of the previous containers")
    boolean renewAnonymousVolumes;

    @Option(names = "--quiet-pull", description = "Pull without printing progress")
    boolean quietPull;

    @Option(names = "--timestamps", description = "Show timestamps in the followed logs")
    boolean timestamps;

    @Override
    int run(ComposeRuntime runtime, ComposeProject p) throws EngineException {
        ProgressPrinter printer = new ProgressPrinter(out());
        // --quiet-pull: the pulls' progress goes, their failures stay
        ProgressListener progress = !quietPull ? printer : e -> {
            if (e.step() != ProgressEvent.Step.PULLING) {
                printer.onEvent(e);
            }
        };
        boolean abort = abortOnExit || abortOnFailure || exitCodeFrom != null;
        ConvergeOptions.refuse(noStart && (await || abort),
                "--no-start and --wait (or the --abort/--exit-code-from options)");
        if (abort && (detach || await)) {
            throw new UserFacingException("--abort-on-container-exit, --abort-on-container-failure and --exit-code-from"
                    + " follow the containers: leave out --detach and --wait");
        }
        if (exitCodeFrom != null && !p.services().containsKey(exitCodeFrom)) {
            throw new UserFacingException("--exit-code-from " + exitCodeFrom + ": no such service (the project's"
                    + " services are: " + String.join(", ", p.services().keySet()) + ")");
        }
        UpOptions options = converge.toUpOptions(await, Duration.ofSeconds(waitTimeoutSeconds), this)
                .withNewAnonymousVolumes(renewAnonymousVolumes);
        if (noStart) {
            runtime.create(p, services, !noDeps, options, progress);
            return 0;
        }
        // watching from before up: a container that ends at once must not be missed
        try (ProjectEvents events = abort ? runtime.events(p.name()) : null) {
            runtime.up(p, services, !noDeps, options, progress);
            if (detach || await) {
                return 0;
            }
            LogOptions logs = new LogOptions(true, timestamps, -1, services);
            // as v2: Ctrl+C while following stops the containers (a second one kills them), not just the logs
            try (CtrlC ctrlC = CtrlC.catchInterrupts(err())) {
                if (!abort) {
                    LogsCommand.follow(runtime, p.name(), logs, out(), ctrlC::caught, !look.noColor, !look.noPrefix);
                    return ctrlC.caught() ? stopAfterCtrlC(runtime, p, ctrlC) : 0;
                }
                return followUntilOneEnds(runtime, p, events, logs, ctrlC);
            }
        }
    }

    /** After Ctrl+C: this up's containers stop (a second Ctrl+C kills them); exit code 130, as for SIGINT. */
    private int stopAfterCtrlC(ComposeRuntime runtime, ComposeProject p, CtrlC ctrlC) throws EngineException {
        Set<String> only = ComposeRuntime.chosen(p, services, !noDeps);   // null: all
        List<String> chosen = only == null ? List.of() : List.copyOf(only);
        ctrlC.onSecond(() -> {
            try {
                runtime.kill(p, chosen, "SIGKILL", ProgressListener.NONE);
            } catch (EngineException e) {
                err().println("error: " + e.describe());
                err().flush();
            }
        });
        runtime.stop(p, chosen, timeout.duration(), new ProgressPrinter(out()));
        return 130;
    }

    /**
     * Follows the logs until a container of this run ends (with --abort-on-container-failure: fails; with
     * --exit-code-from: also when that service's container ends, whatever its code), then stops the others, as v2.
     * Returns the exit code of --exit-code-from's container, else of the container that ended.
     */
    private int followUntilOneEnds(ComposeRuntime runtime, ComposeProject p, ProjectEvents events, LogOptions logs,
                                   CtrlC ctrlC) throws EngineException {
        Set<String> ours = new HashSet<>();
        runtime.ps(p.name(), true).forEach(c -> ours.add(c.id()));   // not the containers that up replaced
        AtomicReference<EngineEvent> ended = new AtomicReference<>();
        Thread watcher = Thread.ofVirtual().name("berth-up-abort").start(() -> {
            while (ended.get() == null && !events.isClosed() && !Thread.currentThread().isInterrupted()) {
                EngineEvent e = events.poll(Duration.ofMillis(200));
                if (e == null || !"container".equals(e.type()) || !"die".equals(e.action())
                        || !ours.contains(e.actorId())) {
                    continue;
                }
                boolean failed = !"0".equals(e.attributes().getOrDefault("exitCode", "0"));
                boolean chosen = exitCodeFrom != null
                        && exitCodeFrom.equals(e.attributes().get(dev.berth.engine.project.ComposeLabels.SERVICE));
                if (!abortOnFailure || failed || chosen) {
                    ended.set(e);
                }
            }
        });
        try {
            LogsCommand.follow(runtime, p.name(), logs, out(), () -> ended.get() != null || ctrlC.caught(),
                    !look.noColor, !look.noPrefix);
        } finally {
            watcher.interrupt();
        }
        EngineEvent e = ended.get();
        if (e == null && ctrlC.caught()) {
            return stopAfterCtrlC(runtime, p, ctrlC);
        }
        if (e == null) {
            return 0;   // the logs ended first (interrupted)
        }
        String code = e.attributes().getOrDefault("exitCode", "0");
        out().println(e.attributes().getOrDefault("name", e.actorId()) + " exited with code " + code);
        out().println("Aborting on container exit...");
        out().flush();
        runtime.stop(p, List.of(), null, new ProgressPrinter(out()));
        if (exitCodeFrom == null) {
            return parseCode(code);
        }
        return (int) runtime.exitCode(p, exitCodeFrom).orElse(0);
    }

    private static int parseCode(String code) {
        try {
            return Integer.parseInt(code.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
