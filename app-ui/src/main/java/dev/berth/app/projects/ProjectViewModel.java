package dev.berth.app.projects;

import dev.berth.app.common.TaskExecutor;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.LoadResult;
import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.model.ComposeProject;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.LogLine;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.DownOptions;
import dev.berth.engine.project.LogOptions;
import dev.berth.engine.project.LogStream;
import dev.berth.engine.project.UpOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The state of one open project and the commands on it, with no node in sight: the view binds to the
 * properties and calls the commands; the engine work runs through the {@link TaskExecutor}.
 * Streams (logs, progress) land in bounded queues that {@link #drainPulse()} empties once per frame.
 */
public final class ProjectViewModel implements AutoCloseable {
    /** Lines the log pane keeps; older ones scroll away. */
    static final int LOG_LINES_KEPT = 100_000;
    private static final int PULSE_BATCH = 5_000;

    private final LoadOptions options;
    private final TaskExecutor tasks;

    private final StringProperty projectName = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("Opening…");
    private final StringProperty engine = new SimpleStringProperty("Connecting to the engine…");
    private final BooleanProperty busy = new SimpleBooleanProperty(true);
    private final BooleanProperty ready = new SimpleBooleanProperty(false);
    private final ObservableList<ServiceRow> services = FXCollections.observableArrayList();
    private final ObservableList<Diagnostic> problems = FXCollections.observableArrayList();
    private final ObservableList<LogLine> logLines = FXCollections.observableArrayList();

    private final BlockingQueue<ProgressEvent> progressQueue = new ArrayBlockingQueue<>(10_000);
    private final Map<String, String> progressByService = new HashMap<>();
    private final List<LogLine> logBatch = new ArrayList<>(PULSE_BATCH);

    private ComposeProject project;
    private volatile ComposeRuntime runtime;
    private volatile LogStream logStream;
    private volatile AutoCloseable watch;

    public ProjectViewModel(LoadOptions options, TaskExecutor tasks) {
        this.options = options;
        this.tasks = tasks;
    }

    private record Opened(LoadResult load, ComposeRuntime runtime, EngineException engineFailure) {
    }

    /** Loads the compose files and connects to the engine, off the UI thread. */
    public void open() {
        busy.set(true);
        tasks.run(() -> {
            LoadResult load = ComposeLoader.load(options);
            try {
                return new Opened(load, ComposeRuntime.connect(
                        EndpointResolver.resolve(System.getenv(), Path.of(System.getProperty("user.home")))), null);
            } catch (EngineException e) {
                return new Opened(load, null, e);
            }
        }, this::opened, this::failed);
    }

    private void opened(Opened opened) {
        problems.setAll(opened.load().diagnostics());
        project = opened.load().project();
        runtime = opened.runtime();
        busy.set(false);
        if (project == null) {
            status.set("The compose file has errors: see Problems");
            return;
        }
        projectName.set(project.name());
        services.setAll(ServiceRows.of(project, List.of(), progressByService));
        if (runtime == null) {
            engine.set("No engine: " + opened.engineFailure().describe());
            status.set("Start a container engine, then reopen the project");
            return;
        }
        engine.set(runtime.engineDescription());
        ready.set(!opened.load().hasErrors());
        status.set(opened.load().hasErrors() ? "Fix the errors in Problems before Up" : "Ready");
        refresh();
        String name = project.name();
        tasks.run(() -> {
            watch = runtime.watch(name, this::refresh);
            logStream = runtime.logs(name, new LogOptions(true, false, 500, List.of()));
            return null;
        }, ignored -> { }, this::failed);
    }

    /** Re-reads the project's containers from the engine. Safe to call from any thread. */
    public void refresh() {
        ComposeRuntime rt = runtime;
        ComposeProject p = project;
        if (rt == null || p == null) {
            return;
        }
        tasks.run(() -> rt.ps(p.name(), true),
                containers -> services.setAll(ServiceRows.of(p, containers, progressByService)),
                this::failed);
    }

    public void up() {
        if (!canAct()) {
            return;
        }
        runOnProject("Starting " + project.name() + "…", "Up: all services started",
                () -> runtime.up(project, UpOptions.defaults(), this::offerProgress));
    }

    public void down(boolean removeVolumes) {
        if (!canAct()) {
            return;
        }
        runOnProject("Stopping " + project.name() + "…",
                removeVolumes ? "Down: containers, networks and volumes removed" : "Down: containers and networks removed",
                () -> runtime.down(project, new DownOptions(removeVolumes, false, Duration.ofSeconds(10)), this::offerProgress));
    }

    private interface EngineAction {
        void run() throws EngineException;
    }

    private boolean canAct() {
        return ready.get() && !busy.get();
    }

    private void runOnProject(String running, String done, EngineAction action) {
        busy.set(true);
        status.set(running);
        progressByService.clear();
        tasks.run(() -> {
            action.run();
            return null;
        }, ignored -> {
            finishProgress();
            busy.set(false);
            status.set(done);
            refresh();
        }, e -> {
            finishProgress();
            failed(e);
            refresh();
        });
    }

    private void failed(Exception e) {
        busy.set(false);
        status.set(e instanceof EngineException ee ? "Failed: " + ee.describe() : "Failed: " + e.getMessage());
    }

    private void offerProgress(ProgressEvent event) {
        // Never block an engine thread on the UI: when the UI is this far behind, a step line can go.
        progressQueue.offer(event);
    }

    /** Called once per frame on the UI thread: moves what the streams produced into the observable state. */
    public void drainPulse() {
        LogStream stream = logStream;
        if (stream != null) {
            logBatch.clear();
            stream.drainTo(logBatch, PULSE_BATCH);
            if (!logBatch.isEmpty()) {
                int overflow = logLines.size() + logBatch.size() - LOG_LINES_KEPT;
                if (overflow > 0) {
                    logLines.remove(0, Math.min(overflow, logLines.size()));
                }
                logLines.addAll(logBatch);
            }
        }
        drainProgress();
    }

    /** Every step was reported before the operation returned: show none of them as still going on. */
    private void finishProgress() {
        progressQueue.clear();
        progressByService.clear();
        services.replaceAll(row -> row.withProgress(""));
    }

    private void drainProgress() {
        if (progressQueue.isEmpty()) {
            return;
        }
        List<ProgressEvent> events = new ArrayList<>();
        progressQueue.drainTo(events);
        for (ProgressEvent e : events) {
            if (!e.service().isEmpty() && !(e.step() == ProgressEvent.Step.BUILDING && !e.detail().isEmpty())) {
                progressByService.put(e.service(), e.step().name().toLowerCase(Locale.ROOT));
            }
        }
        ProgressEvent last = events.getLast();
        status.set(last.resource() + ": " + last.step().name().toLowerCase(Locale.ROOT)
                + (last.detail().isEmpty() ? "" : " — " + last.detail()));
        services.replaceAll(row -> row.withProgress(progressByService.getOrDefault(row.service(), "")));
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {logStream, watch, runtime}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing on the way out: nothing left to tell the user
                }
            }
        }
    }

    public ReadOnlyStringProperty projectNameProperty() {
        return projectName;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty engineProperty() {
        return engine;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready;
    }

    public ObservableList<ServiceRow> services() {
        return services;
    }

    public ObservableList<Diagnostic> problems() {
        return problems;
    }

    public ObservableList<LogLine> logLines() {
        return logLines;
    }
}
