package dev.berth.app.projects;

import dev.berth.app.projects.ServiceProgress.Phase;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.ProgressEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The progress view's state while Up (or Rebuild, Restart) runs: one {@link ServiceProgress} per service, fed by
 * the runtime's {@link ProgressEvent}s in per-pulse batches, and when it fails, what failed, where, and the fix.
 * FX thread only; no node in sight.
 */
public final class UpProgress {
    /** PullProgress.describe(): "layer: status 42%". */
    private static final Pattern LAYER_PERCENT = Pattern.compile("^(?:([^:]+): )?.*?(\\d{1,3})%$");

    /** What failed: the service, the step it was at, the engine's words and what to do. */
    public record Failure(String service, String step, String message, String hint) {
        /** e.g. "web failed while starting". */
        public String headline() {
            return service.isEmpty() ? "Up failed" : service + " failed while " + step;
        }
    }

    private final ObservableList<ServiceProgress> rows = FXCollections.observableArrayList();
    private final Map<String, ServiceProgress> byService = new HashMap<>();
    private final Map<String, Map<String, Integer>> layerPercents = new HashMap<>();
    private final Set<String> waitingOnDependency = new HashSet<>();
    private final ObjectProperty<Failure> failure = new SimpleObjectProperty<>();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty shown = new SimpleBooleanProperty(false);
    private final StringProperty title = new SimpleStringProperty("");
    private String what = "";

    /** Starts a new run over these services (in the file's order); the previous run's state goes. */
    void begin(String what, List<String> services) {
        rows.clear();
        byService.clear();
        layerPercents.clear();
        waitingOnDependency.clear();
        failure.set(null);
        for (String s : services) {
            ServiceProgress row = new ServiceProgress(s);
            byService.put(s, row);
            rows.add(row);
        }
        this.what = what;
        title.set(what + " …");
        running.set(true);
        shown.set(true);
    }

    /** One pulse's events, in the order the runtime sent them. */
    void apply(List<ProgressEvent> events) {
        Map<String, List<String>> buildLines = new LinkedHashMap<>();
        for (ProgressEvent e : events) {
            if (e.service().isEmpty()) {
                continue;
            }
            ServiceProgress row = byService.computeIfAbsent(e.service(), s -> {
                ServiceProgress added = new ServiceProgress(s);
                rows.add(added);
                return added;
            });
            String detail = e.detail();
            switch (e.step()) {
                case BUILDING -> {
                    if (row.phase() != Phase.BUILDING) {
                        flush(buildLines);
                        row.moveTo(Phase.BUILDING, detail);
                    } else if (!detail.isBlank()) {
                        buildLines.computeIfAbsent(e.service(), s -> new ArrayList<>()).add(detail);
                        row.detailProperty().set(detail.strip());
                    }
                }
                case PULLING -> pulling(row, detail);
                case DONE -> {
                    flush(buildLines);
                    row.moveTo(row.phase() == Phase.BUILDING ? Phase.BUILT : row.phase() == Phase.PULLING
                            ? Phase.PULLED : waitingOnDependency.remove(e.service()) ? Phase.QUEUED : Phase.DONE,
                            detail);
                }
                case CREATING -> row.moveTo(Phase.CREATING, "creating " + e.resource());
                case CREATED -> row.moveTo(Phase.CREATING, detail.equals("exists") ? e.resource() + " exists"
                        : "created " + e.resource());
                case STARTING -> row.moveTo(Phase.STARTING, detail.isEmpty() ? "starting " + e.resource() : detail);
                case STARTED -> row.moveTo(Phase.STARTING, "started " + e.resource());
                case WAITING -> {
                    if (detail.isEmpty()) {
                        row.moveTo(Phase.WAITING, e.resource() + " is starting");
                    } else {
                        waitingOnDependency.add(e.service());
                        // waiting for a dependency: the service itself has not started yet
                        row.moveTo(Phase.QUEUED, "until " + e.resource() + " is " + switch (detail) {
                            case "service_healthy" -> "healthy";
                            case "service_completed_successfully" -> "done";
                            default -> "started";
                        });
                    }
                }
                case HEALTHY, RUNNING -> {
                    if (waitingOnDependency.remove(e.service())) {
                        row.moveTo(Phase.QUEUED, e.resource() + " is " + (e.step() == ProgressEvent.Step.HEALTHY
                                ? "healthy" : "running"));
                    } else {
                        row.moveTo(Phase.DONE, detail.isEmpty() ? e.step().name().toLowerCase(java.util.Locale.ROOT)
                                : detail.toLowerCase(java.util.Locale.ROOT));
                    }
                }
                case STOPPING, STOPPED, REMOVING, REMOVED -> row.moveTo(Phase.CREATING,
                        e.step().name().toLowerCase(java.util.Locale.ROOT) + " " + e.resource());
                case FAILED -> {
                    flush(buildLines);
                    row.moveTo(Phase.FAILED, detail);
                }
                case WARNING -> row.detailProperty().set("warning: " + detail);
            }
        }
        flush(buildLines);
    }

    private void flush(Map<String, List<String>> buildLines) {
        buildLines.forEach((service, lines) -> byService.get(service).addBuildLines(lines));
        buildLines.clear();
    }

    /** A pull reports per layer; the bar shows the mean of the layers that gave a percentage. */
    private void pulling(ServiceProgress row, String detail) {
        Matcher m = LAYER_PERCENT.matcher(detail);
        Map<String, Integer> layers = layerPercents.computeIfAbsent(row.service(), s -> new HashMap<>());
        if (m.matches()) {
            layers.put(m.group(1) == null ? "" : m.group(1), Integer.parseInt(m.group(2)));
        }
        double share = layers.isEmpty() ? -1
                : layers.values().stream().mapToInt(Integer::intValue).average().orElse(0) / 100.0;
        row.pulled(share, detail.isEmpty() ? "pulling" : detail);
    }

    /** The run ended well: whatever did not say so is done. */
    void succeeded(String finalTitle) {
        for (ServiceProgress row : rows) {
            if (row.phase() != Phase.FAILED && row.phase() != Phase.DONE) {
                row.moveTo(Phase.DONE, row.detailProperty().get());
            }
        }
        title.set(finalTitle);
        running.set(false);
    }

    /** The run failed: name the service, the step it was at, the engine's message and the fix. */
    void failed(Exception e) {
        String service = e instanceof EngineException ee ? ee.service() : "";
        String hint = e instanceof EngineException ee ? ee.hint() : "";
        ServiceProgress row = byService.get(service);
        if (row == null) {
            row = rows.stream().filter(r -> r.phase() == Phase.FAILED).findFirst()
                    .or(() -> rows.stream().filter(r -> r.phase() == Phase.WAITING).findFirst()).orElse(null);
        }
        String step = "";
        if (row != null) {
            if (row.phase() != Phase.FAILED) {
                row.moveTo(Phase.FAILED, firstLine(e.getMessage()));
            }
            step = row.failedInProperty().get() == null ? "" : row.failedInProperty().get().label();
            service = row.service();
        }
        for (ServiceProgress r : rows) {
            if (r.fractionProperty().get() < 0) {
                r.fractionProperty().set(0); // nothing runs any more: no bar may pretend it does
            }
        }
        failure.set(new Failure(service, step, e.getMessage() == null ? e.toString() : e.getMessage(), hint));
        title.set(what + " failed");
        running.set(false);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** The user closed the view. */
    public void dismiss() {
        if (!running.get()) {
            shown.set(false);
        }
    }

    public ObservableList<ServiceProgress> rows() {
        return rows;
    }

    public ObjectProperty<Failure> failureProperty() {
        return failure;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public BooleanProperty shownProperty() {
        return shown;
    }

    public StringProperty titleProperty() {
        return title;
    }
}
