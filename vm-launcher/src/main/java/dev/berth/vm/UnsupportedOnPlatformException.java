package dev.berth.vm;

/**
 * Something was asked of the VM layer that this host platform cannot do (e.g. shared folders through virtfs with the
 * Windows build of QEMU). Carries the reason so the UI can show it instead of a wrong command line failing later.
 */
public final class UnsupportedOnPlatformException extends RuntimeException {

    private final String feature;
    private final String platform;
    private final String reason;

    public UnsupportedOnPlatformException(String feature, String platform, String reason) {
        super(feature + " is not supported on " + platform + ": " + reason);
        this.feature = feature;
        this.platform = platform;
        this.reason = reason;
    }

    public String feature() {
        return feature;
    }

    public String platform() {
        return platform;
    }

    public String reason() {
        return reason;
    }
}
