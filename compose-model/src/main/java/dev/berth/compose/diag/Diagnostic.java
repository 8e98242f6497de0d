package dev.berth.compose.diag;

import dev.berth.compose.source.Position;

/**
 * One problem found in a compose project: where it is, how bad it is, which key it concerns
 * (a dotted path such as {@code services.web.ports[0]}) and a message a person understands.
 * Diagnostics are values; stages return them and never throw them across stage boundaries.
 */
public record Diagnostic(Severity severity, Position position, String path, String message) {

    public static Diagnostic error(Position position, String path, String message) {
        return new Diagnostic(Severity.ERROR, position, path, message);
    }

    public static Diagnostic warning(Position position, String path, String message) {
        return new Diagnostic(Severity.WARNING, position, path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The {@code file:line:col: severity: message} form that {@code berth validate} prints. */
    public String format() {
        String where = position.isKnown()
                ? position.file() + ":" + position.line() + ":" + position.column()
                : position.file();
        return where + ": " + severity.label() + ": " + message + (path.isEmpty() ? "" : " [" + path + "]");
    }
}
