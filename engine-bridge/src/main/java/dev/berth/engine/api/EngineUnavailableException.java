package dev.berth.engine.api;

/** No engine answered at the endpoint; the message names the endpoint, the reason and what to do. */
public class EngineUnavailableException extends EngineException {
    public EngineUnavailableException(String message, String hint, Throwable cause) {
        super("", message, hint, cause);
    }
}
