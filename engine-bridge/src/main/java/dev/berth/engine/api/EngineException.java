package dev.berth.engine.api;

/**
 * An engine operation failed. The message says what was tried, the engine's own words, and,
 * when one is known, a plain-language hint of what to do.
 */
public class EngineException extends Exception {
    private final String service;
    private final String hint;

    public EngineException(String service, String message, String hint, Throwable cause) {
        super(message, cause);
        this.service = service == null ? "" : service;
        this.hint = hint == null ? "" : hint;
    }

    public EngineException(String message, Throwable cause) {
        this("", message, "", cause);
    }

    /** The service concerned, or "". */
    public String service() {
        return service;
    }

    /** What the user can do about it, or "". */
    public String hint() {
        return hint;
    }

    /** Message and hint as one text for a person. */
    public String describe() {
        return hint.isEmpty() ? getMessage() : getMessage() + "\n  hint: " + hint;
    }
}
