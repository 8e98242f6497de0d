package dev.berth.app.projects;

import dev.berth.app.common.TaskExecutor;
import dev.berth.app.engine.OwnEngine;
import dev.berth.app.engine.VmPortSync;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.LoadResult;
import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.model.ComposeProject;
import dev.berth.app.projects.UpQuestions.PortFix;
import dev.berth.app.terminal.ShellSession;
import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.ContainerStats;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.LogLine;
import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.DownOptions;
import dev.berth.engine.project.LogOptions;
import dev.berth.engine.project.LogStream;
import dev.berth.engine.project.PortCheck;
import dev.berth.engine.project.ProjectStats;
import dev.berth.engine.project.UpOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.transformation.FilteredList;

/**
 * The state of one open project and the commands on it, with no node in sight: the view binds to the
 * properties and calls the commands; the engine work runs through the {@link TaskExecutor}.
 * Streams (logs, progress) land in bounded queues that {@link #drainPulse()} empties once per frame.
 */
public final class ProjectViewModel implements AutoCloseable {
    /** Lines the log pane keeps; older ones scroll away. */
    static final int LOG_LINES_KEPT = 100_000;
    private static final int PULSE_BATCH = 5_000;
    /** How the status line begins when it tells of a port of Berth's VM that this machine refuses. */
    private static final String NOT_REACHABLE = "Not reachable on this machine: ";

    private final LoadOptions options;
    private final TaskExecutor tasks;
    private final Map<String, String> environment;
    private final Path home;

    private final StringProperty projectName = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("Opening…");
    private final StringProperty engine = new SimpleStringProperty("Connecting to the engine…");
    private final BooleanProperty busy = new SimpleBooleanProperty(true);
    private final BooleanProperty ready = new SimpleBooleanProperty(false);
    private final BooleanProperty ownEngineOffered = new SimpleBooleanProperty(false);
    private final StringProperty ownEngineAction = new SimpleStringProperty("");
    private OwnEngine.Kind ownEngineKind;
    private final ObservableList<ServiceRow> services = FXCollections.observableArrayList();
    private final ObservableList<Diagnostic> problems = FXCollections.observableArrayList();
    private final ObservableList<LogLine> logLines = FXCollections.observableArrayList();
    private final FilteredList<LogLine> shownLogLines = new FilteredList<>(logLines);
    private final StringProperty logFilter = new SimpleStringProperty("");
    /** The newest sample per container id. */
    private final ObservableMap<String, ContainerStats> stats = FXCollections.observableHashMap();
    private final UpProgress upProgress = new UpProgress();
    private UpQuestions questions = UpQuestions.NONE;

    private final BlockingQueue<ProgressEvent> progressQueue = new ArrayBlockingQueue<>(10_000);
    private final Map<String, String> progressByService = new HashMap<>();
    private final List<LogLine> logBatch = new ArrayList<>(PULSE_BATCH);
    private final List<ContainerStats> statsBatch = new ArrayList<>();
    private final List<ProgressEvent> progressBatch = new ArrayList<>();
    /** Running containers that the stats stream covers; a change restarts it. */
    private Set<String> statsCovers = Set.of();

    /** Set on the FX thread, read by engine work that runs elsewhere. */
    private volatile ComposeProject project;
    private volatile ComposeRuntime runtime;
    private volatile LogStream logStream;
    private volatile AutoCloseable watch;
    private volatile ProjectStats statsStream;
    /** Set when the project runs in the VM the window started: its ports are forwarded to this machine. */
    private volatile boolean onOwnVm;
    private volatile AutoCloseable portWatch;
    private volatile boolean closed;
    /** The VM's refused ports the status line has told of ("container address"), so each is told once. */
    private Set<String> toldRefusals = Set.of();
    /** What the status line said last of refused ports, and of a failure: a refusal never covers a failure. */
    private String refusalStatus;
    private String failureStatus;
    /** Refreshes run side by side; only a newer list than the one shown replaces it. */
    private final AtomicLong refreshes = new AtomicLong();
    private long shownRefresh;

    public ProjectViewModel(LoadOptions options, TaskExecutor tasks) {
        this(options, tasks, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** With the environment and home that choose the engine (DOCKER_HOST, contexts, Berth's own engine's folders). */
    public ProjectViewModel(LoadOptions options, TaskExecutor tasks, Map<String, String> environment, Path home) {
        this.environment = environment;
        this.home = home;
        this.options = options;
        this.tasks = tasks;
        logFilter.addListener((obs, old, service) -> shownLogLines.setPredicate(service.isEmpty() ? null
                : line -> line.service().equals(service)));
    }

    /** Who answers Up's questions (errors, warnings, taken ports); the view sets itself. */
    public void setQuestions(UpQuestions questions) {
        this.questions = questions;
    }

    /** @param onBerthVm whether the engine that answered is the one in Berth's VM (its refused ports are shown) */
    private record Opened(LoadResult load, ComposeRuntime runtime, EngineException engineFailure,
                          Optional<OwnEngine.Kind> ownEnginePossible, boolean onBerthVm) {
    }

    /** Loads the compose files and connects to the engine, off the UI thread. */
    public void open() {
        busy.set(true);
        tasks.run(() -> {
            LoadResult load = ComposeLoader.load(options);
            try {
                EngineEndpoint endpoint = EndpointResolver.resolve(environment, home);
                ComposeRuntime connected = ComposeRuntime.connect(endpoint);
                boolean onBerthVm;
                try {
                    onBerthVm = OwnEngine.isBerthVm(endpoint, environment, home);
                } catch (RuntimeException e) {
                    onBerthVm = false;   // a VM folder that cannot be read: the project works, without port marks
                }
                return new Opened(load, connected, null, Optional.empty(), onBerthVm);
            } catch (EngineException e) {
                // whether Berth's own engine could run here: looked up here, off the FX thread (it reads files)
                return new Opened(load, null, e, OwnEngine.available(environment), false);
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
        if (opened.onBerthVm() && !closed) {   // reached through its docker context, say
            followBerthVm();
        }
        if (runtime == null) {
            engine.set("No engine: " + opened.engineFailure().describe());
            ownEngineKind = opened.ownEnginePossible().orElse(null);
            ownEngineOffered.set(ownEngineKind != null);
            ownEngineAction.set(ownEngineKind == null ? "" : ownEngineKind.action());
            status.set(ownEngineKind == OwnEngine.Kind.LOCAL
                    ? "Start a container engine and reopen the project, or start Berth's own engine"
                    : ownEngineKind == OwnEngine.Kind.VM
                    ? "Start a container engine and reopen the project, or start Berth's VM (it has an engine inside)"
                    : "Start a container engine, then reopen the project");
            return;
        }
        connected(opened.load().hasErrors());
    }

    /** Shows the ports of Berth's VM that this machine refuses beside their containers, and follows them. */
    private void followBerthVm() {
        onOwnVm = true;
        if (portWatch == null) {
            portWatch = OwnEngine.onRefusedPortsChange(this::refresh);
        }
    }

    /**
     * Starts Berth's own engine (Linux) and works with the project there: offered when no engine answered. The
     * engine runs until the app ends.
     */
    public void startOwnEngine() {
        if (project == null || runtime != null || ownEngineKind == null) {
            return;
        }
        OwnEngine.Kind kind = ownEngineKind;
        ownEngineOffered.set(false);
        busy.set(true);
        engine.set("Starting " + kind.displayName() + "…");
        tasks.run(() -> ComposeRuntime.connect(OwnEngine.start(kind, environment, home)), started -> {
            runtime = started;
            busy.set(false);
            if (kind == OwnEngine.Kind.VM && !closed) {   // closed while the VM booted: nothing to tell
                followBerthVm();
            }
            connected(problems.stream().anyMatch(Diagnostic::isError));
        }, e -> {
            busy.set(false);
            ownEngineOffered.set(true);
            engine.set(kind.displayName() + " did not start");
            status.set(e instanceof EngineException ee ? kind.displayName() + " did not start: " + ee.describe()
                    : kind.displayName() + " did not start: " + e.getMessage());
        });
    }

    /** The engine answered: show what runs and follow it. */
    private void connected(boolean hasErrors) {
        engine.set(runtime.engineDescription());
        ready.set(!hasErrors);
        status.set(hasErrors ? "Fix the errors in Problems before Up" : "Ready");
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
        long number = refreshes.incrementAndGet();
        tasks.run(() -> rt.ps(p.name(), true), containers -> {
            if (number < shownRefresh) {
                return;   // a later refresh was quicker: its list is the newer one
            }
            shownRefresh = number;
            // read here, not with the list: a port refused after an older read must not vanish from the marks
            List<VmPortSync.Refused> refused = onOwnVm ? OwnEngine.refusedPorts() : List.of();
            List<ServiceRow> rows = ServiceRows.of(p, containers, progressByService, refused);
            if (!rows.equals(services)) { // an event that changed nothing shown leaves the table (and its menus) be
                services.setAll(rows);
            }
            followStats(rt, p.name(), containers);
            tellRefusals(containers, refused);
        }, this::failed);
    }

    /**
     * A port of the project's that the VM cannot forward here (another program holds it) is said on the status line
     * once, when nothing else runs and no failure is shown; the Ports column marks it for as long as it lasts. When
     * the port is forwarded after all, the status line says so.
     */
    private void tellRefusals(List<ContainerInfo> containers, List<VmPortSync.Refused> allRefused) {
        if (busy.get() || status.get().equals(failureStatus)) {
            return;   // Up's progress, or its failure, owns the status line; the next refresh tells them
        }
        Set<String> ours = new TreeSet<>(containers.stream().map(ContainerInfo::name).toList());
        List<VmPortSync.Refused> refused = allRefused.stream().filter(r -> ours.contains(r.container())).toList();
        Set<String> now = new TreeSet<>(refused.stream().map(ProjectViewModel::refusalKey).toList());
        List<VmPortSync.Refused> fresh = refused.stream().filter(r -> !toldRefusals.contains(refusalKey(r))).toList();
        // gone from the list because it is forwarded now, not because its container stopped
        List<String> forwarded = containers.stream().filter(c -> c.state().equals("running"))
                .flatMap(c -> c.ports().stream().map(VmPortSync::forwardedAddress).filter(Objects::nonNull)
                        .map(address -> c.name() + " " + address))
                .filter(key -> toldRefusals.contains(key) && !now.contains(key)).distinct().toList();
        boolean anyCleared = toldRefusals.stream().anyMatch(key -> !now.contains(key));
        toldRefusals = now;
        boolean toldOnLine = status.get().equals(refusalStatus);
        if (!fresh.isEmpty()) {
            refusalStatus = refusalText(fresh);
        } else if (anyCleared && toldOnLine) {
            // what the status line told of is over: say how, or tell of what is left
            refusalStatus = !refused.isEmpty() ? refusalText(refused)
                    : !forwarded.isEmpty() ? "Forwarded to this machine now: " + forwarded.stream()
                    .map(key -> "container " + key.replace(" ", " publishes ")).collect(Collectors.joining(", "))
                    : "Ready";
        } else {
            return;
        }
        status.set(refusalStatus);
    }

    private static String refusalKey(VmPortSync.Refused r) {
        return r.container() + " " + r.address();
    }

    private static String refusalText(List<VmPortSync.Refused> refused) {
        VmPortSync.Refused first = refused.getFirst();
        return NOT_REACHABLE + "container " + first.container() + " publishes " + first.address() + ", but "
                + first.reason() + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more port(s): see Ports)"
                : "");
    }

    /** One stats stream over the running containers; when they change, the stream is replaced. */
    private void followStats(ComposeRuntime rt, String name, List<ContainerInfo> containers) {
        Set<String> running = new TreeSet<>(containers.stream().filter(c -> c.state().equals("running"))
                .map(ContainerInfo::id).toList());
        if (running.equals(statsCovers)) {
            return;
        }
        statsCovers = running;
        stats.keySet().retainAll(running);
        ProjectStats old = statsStream;
        statsStream = null;
        tasks.run(() -> {
            if (old != null) {
                old.close();
            }
            return running.isEmpty() ? null : rt.stats(name);
        }, started -> {
            if (statsCovers == running) {
                statsStream = started;
            } else if (started != null) {
                Thread.ofVirtual().start(started::close);
            }
        }, e -> status.set("No resource figures: " + (e instanceof EngineException ee ? ee.describe() : e.getMessage())));
    }

    /** How long Up waits for the services to run and be healthy before it calls the run failed. */
    static final Duration UP_WAIT = Duration.ofMinutes(5);

    /** Up: check the files and the host ports, then create and start every service, showing each one's progress. */
    public void up() {
        safely("Up", false);
    }

    /** Rebuild: as Up, but every image with {@code build:} is built again and every container recreated. */
    public void rebuild() {
        safely("Rebuild", true);
    }

    private record Checked(LoadResult load, List<PortFix> fixes) {
    }

    private void safely(String verb, boolean rebuild) {
        if (!canAct()) {
            return;
        }
        busy.set(true);
        check(verb, rebuild, false);
    }

    /** Re-reads the files (they may have changed) and checks the host ports, off the FX thread. */
    private void check(String verb, boolean rebuild, boolean warningsAccepted) {
        status.set("Checking the compose files and the host ports…");
        ComposeRuntime rt = runtime;
        tasks.run(() -> {
            LoadResult load = ComposeLoader.load(options);
            if (load.project() == null || load.hasErrors()) {
                return new Checked(load, List.of());
            }
            PortCheck ports = rt.portCheck();
            List<PortFix> fixes = new ArrayList<>();
            Set<Integer> given = new java.util.HashSet<>();
            for (PortCheck.Conflict c : ports.conflicts(load.project())) {
                int free = ports.nextFreePort(load.project(), c.port().hostIp(), c.port().published());
                while (given.contains(free)) {
                    free = ports.nextFreePort(load.project(), c.port().hostIp(), free);
                }
                given.add(free);
                fixes.add(new PortFix(c, free));
            }
            return new Checked(load, List.copyOf(fixes));
        }, checked -> checked(verb, rebuild, warningsAccepted, checked), this::failed);
    }

    private void checked(String verb, boolean rebuild, boolean warningsAccepted, Checked checked) {
        LoadResult load = checked.load();
        problems.setAll(load.diagnostics());
        if (load.project() == null || load.hasErrors()) {
            busy.set(false);
            status.set(verb + " did not run: the compose files have " + load.errors().size() + " error"
                    + (load.errors().size() == 1 ? "" : "s") + "; fix them first");
            questions.showErrors(load.errors());
            return;
        }
        project = load.project();
        if (!warningsAccepted && !load.warnings().isEmpty() && !questions.acceptWarnings(load.warnings())) {
            busy.set(false);
            status.set(verb + " cancelled: see the warnings in Problems");
            return;
        }
        if (!checked.fixes().isEmpty()) {
            if (!questions.acceptRemap(checked.fixes())) {
                busy.set(false);
                status.set(verb + " cancelled: " + checked.fixes().getFirst().conflict().describe());
                return;
            }
            status.set("Changing the host ports in the compose file…");
            List<PortRemap.Change> changes = checked.fixes().stream()
                    .map(f -> new PortRemap.Change(f.conflict().port(), f.newPort())).toList();
            tasks.run(() -> PortRemap.apply(changes), failure -> {
                if (failure.isEmpty()) {
                    check(verb, rebuild, true); // reload the changed file; the ports are checked again
                } else {
                    busy.set(false);
                    status.set("The ports were not changed: " + failure);
                    questions.showRemapFailure(failure);
                }
            }, this::failed);
            return;
        }
        ComposeProject p = project;
        services.setAll(ServiceRows.of(p, List.of(), progressByService));
        refresh();
        UpOptions o = new UpOptions(rebuild, rebuild, false, true, UP_WAIT);
        withProgress(verb, p.services().keySet().stream().toList(), verb + ": every service is running",
                () -> runtime.up(p, o, this::offerProgress));
    }

    /** Restarts every service's containers. */
    public void restart() {
        if (!canAct()) {
            return;
        }
        ComposeProject p = project;
        withProgress("Restart", p.services().keySet().stream().toList(), "Restart: every service restarted",
                () -> runtime.restart(p, List.of(), Duration.ofSeconds(10), this::offerProgress));
    }

    // ---------------------------------------------------------------- one service

    public void startService(String service) {
        onService(service, "Starting", "started", () -> runtime.start(project, List.of(service), this::offerProgress));
    }

    public void stopService(String service) {
        onService(service, "Stopping", "stopped", () -> runtime.stop(project, List.of(service), Duration.ofSeconds(10),
                this::offerProgress));
    }

    public void restartService(String service) {
        onService(service, "Restarting", "restarted", () -> runtime.restart(project, List.of(service),
                Duration.ofSeconds(10), this::offerProgress));
    }

    /** Builds the service's image again and replaces its containers; the services it needs are brought up. */
    public void rebuildService(String service) {
        if (!canAct()) {
            return;
        }
        ComposeProject p = project;
        withProgress("Rebuild " + service, List.of(service), service + " rebuilt and running", () -> {
            runtime.build(p, List.of(service), this::offerProgress);
            runtime.remove(p, List.of(service), true, false, this::offerProgress);
            runtime.up(p, List.of(service), new UpOptions(false, false, false, true, UP_WAIT), this::offerProgress);
        });
    }

    /** Shows only this service's lines in the log pane ("" shows all). */
    public void filterLogs(String service) {
        logFilter.set(service == null ? "" : service);
    }

    /** A shell in the service's first container; the caller shows it and closes it. */
    public ShellSession openShell(String service) {
        ShellSession session = new ShellSession(service);
        session.start(runtime, project);
        return session;
    }

    private void onService(String service, String doing, String done, EngineAction action) {
        if (!canAct()) {
            return;
        }
        runOnProject(doing + " " + service + "…", service + " " + done, action);
    }

    /** Runs an action with the progress view open; on failure it stays, naming the service, the step and the fix. */
    private void withProgress(String verb, List<String> serviceNames, String done, EngineAction action) {
        upProgress.begin(verb + ": " + project.name(), serviceNames);
        busy.set(true);
        status.set(verb + " " + project.name() + "…");
        progressByService.clear();
        tasks.run(() -> {
            action.run();
            return null;
        }, ignored -> {
            drainProgress();
            upProgress.succeeded(done);
            finishProgress();
            busy.set(false);
            status.set(done);
            refresh();
        }, e -> {
            drainProgress();
            upProgress.failed(e);
            finishProgress();
            failed(e);
            refresh();
        });
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
        failureStatus = e instanceof EngineException ee ? "Failed: " + ee.describe() : "Failed: " + e.getMessage();
        status.set(failureStatus);
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
        ProjectStats st = statsStream;
        if (st != null) {
            statsBatch.clear();
            st.drainTo(statsBatch, 1_000);
            for (ContainerStats sample : statsBatch) {
                if (statsCovers.contains(sample.containerId())) {
                    stats.put(sample.containerId(), sample);
                }
            }
        }
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
        List<ProgressEvent> events = progressBatch;
        events.clear();
        progressQueue.drainTo(events);
        if (upProgress.runningProperty().get()) {
            upProgress.apply(events);
        }
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
        closed = true;
        for (AutoCloseable c : new AutoCloseable[] {portWatch, logStream, watch, statsStream, runtime}) {
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

    /** Whether the view offers to start Berth's own engine: no engine answered, and this machine can run it. */
    public ReadOnlyBooleanProperty ownEngineOfferedProperty() {
        return ownEngineOffered;
    }

    /** The words of the button that starts the engine Berth offers ("Start Berth's engine", "Start Berth's VM"). */
    public ReadOnlyStringProperty ownEngineActionProperty() {
        return ownEngineAction;
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

    /** The log lines the pane shows: all, or one service's when {@link #filterLogs} chose one. */
    public ObservableList<LogLine> shownLogLines() {
        return shownLogLines;
    }

    public StringProperty logFilterProperty() {
        return logFilter;
    }

    /** The newest resource figures per container id. */
    public ObservableMap<String, ContainerStats> stats() {
        return stats;
    }

    public UpProgress upProgress() {
        return upProgress;
    }
}
