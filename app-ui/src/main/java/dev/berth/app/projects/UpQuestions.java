package dev.berth.app.projects;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.engine.project.PortCheck;
import java.util.List;

/**
 * What Up must ask a person before it runs; the view answers with dialogs, on the FX thread. The view-model has
 * no window, so it asks through this.
 */
public interface UpQuestions {

    /** The compose files have errors: Up does not run. */
    void showErrors(List<Diagnostic> errors);

    /** Warnings only: run Up anyway? */
    boolean acceptWarnings(List<Diagnostic> warnings);

    /** Host ports are taken: change them in the file to the suggested free ones and continue? */
    boolean acceptRemap(List<PortFix> fixes);

    /** The remap could not be written (the file changed on disk, permissions...): the message says why. */
    void showRemapFailure(String message);

    /** A conflict and the free host port that would replace the taken one. */
    record PortFix(PortCheck.Conflict conflict, int newPort) {
        /** e.g. "web: 8000 → 8001". */
        public String describe() {
            return conflict.service() + ": " + conflict.port().published() + " → " + newPort;
        }
    }

    /** Without a window: errors block, warnings pass, taken ports are not changed. */
    UpQuestions NONE = new UpQuestions() {
        @Override
        public void showErrors(List<Diagnostic> errors) {
        }

        @Override
        public boolean acceptWarnings(List<Diagnostic> warnings) {
            return true;
        }

        @Override
        public boolean acceptRemap(List<PortFix> fixes) {
            return false;
        }

        @Override
        public void showRemapFailure(String message) {
        }
    };
}
