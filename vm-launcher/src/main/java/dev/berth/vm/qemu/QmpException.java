package dev.berth.vm.qemu;

import java.io.IOException;

/** QEMU answered a QMP command with an error, did not answer in time, or went away. */
public final class QmpException extends IOException {

    private final String errorClass;

    public QmpException(String message) {
        this(message, "");
    }

    public QmpException(String message, String errorClass) {
        super(message);
        this.errorClass = errorClass;
    }

    /** QEMU's error class (e.g. {@code CommandNotFound}); empty when the failure was not an error reply. */
    public String errorClass() {
        return errorClass;
    }
}
