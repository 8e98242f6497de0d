package dev.berth.app.cli;

/** A problem with what the user asked for: printed as its message, with no stack trace. */
final class UserFacingException extends RuntimeException {
    private final int exitCode;

    UserFacingException(String message) {
        this(message, 1);
    }

    UserFacingException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
