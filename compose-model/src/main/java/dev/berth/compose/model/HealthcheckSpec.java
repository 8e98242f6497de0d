package dev.berth.compose.model;

import java.time.Duration;
import java.util.List;

/** {@code healthcheck:}; durations and retries are null when unset (the engine's defaults apply). */
public record HealthcheckSpec(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
                              Integer retries, boolean disable, Duration startInterval) {

    public HealthcheckSpec(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
                           Integer retries, boolean disable) {
        this(test, interval, timeout, startPeriod, retries, disable, null);
    }
}
