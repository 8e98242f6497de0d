package dev.berth.app.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code -t/--timeout}: how long a container may take to stop before it is killed, as in docker compose. */
final class StopTimeout {

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS",
            description = "Seconds to wait for a container to stop before killing it (default: the service's"
                    + " stop_grace_period, else 10)")
    Long seconds;

    /** Null when not given: the runtime then uses each service's stop_grace_period. */
    Duration duration() {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }
}
