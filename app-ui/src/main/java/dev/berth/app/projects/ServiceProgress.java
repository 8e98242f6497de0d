package dev.berth.app.projects;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One service's line in the progress view of Up: the step it is at, what the engine last said about it,
 * a pull's share done, and its build output (the last {@link #BUILD_LINES_KEPT} lines). Touched on the FX thread only.
 */
public final class ServiceProgress {
    static final int BUILD_LINES_KEPT = 2_000;

    /** What a person calls the steps; the engine's finer steps map onto these. */
    public enum Phase {
        QUEUED("waiting to start"), BUILDING("building"), BUILT("built"), PULLING("pulling"), PULLED("pulled"),
        CREATING("creating"), STARTING("starting"), WAITING("waiting until healthy"), DONE("done"), FAILED("failed");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String service;
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.QUEUED);
    /** The phase the service was in when it failed. */
    private final ObjectProperty<Phase> failedIn = new SimpleObjectProperty<>();
    private final StringProperty detail = new SimpleStringProperty("");
    /** 0–1 while pulling with a known size, -1 while a step runs without a measure, 0 otherwise. */
    private final DoubleProperty fraction = new SimpleDoubleProperty(0);
    private final ObservableList<String> buildLog = FXCollections.observableArrayList();

    ServiceProgress(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }

    public ObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    public Phase phase() {
        return phase.get();
    }

    public ObjectProperty<Phase> failedInProperty() {
        return failedIn;
    }

    public StringProperty detailProperty() {
        return detail;
    }

    public DoubleProperty fractionProperty() {
        return fraction;
    }

    public ObservableList<String> buildLog() {
        return buildLog;
    }

    void moveTo(Phase next, String text) {
        if (phase.get() == Phase.FAILED) {
            return;
        }
        if (next == Phase.FAILED) {
            failedIn.set(phase.get());
        }
        phase.set(next);
        detail.set(text);
        fraction.set(next == Phase.DONE || next == Phase.BUILT || next == Phase.PULLED ? 1
                : next == Phase.FAILED || next == Phase.QUEUED ? 0 : -1);
    }

    void pulled(double share, String text) {
        if (phase.get() != Phase.PULLING) {
            moveTo(Phase.PULLING, text);
        }
        detail.set(text);
        fraction.set(share);
    }

    void addBuildLines(java.util.List<String> lines) {
        int overflow = buildLog.size() + lines.size() - BUILD_LINES_KEPT;
        if (overflow > 0) {
            buildLog.remove(0, Math.min(overflow, buildLog.size()));
        }
        buildLog.addAll(lines.size() > BUILD_LINES_KEPT ? lines.subList(lines.size() - BUILD_LINES_KEPT, lines.size())
                : lines);
    }
}
