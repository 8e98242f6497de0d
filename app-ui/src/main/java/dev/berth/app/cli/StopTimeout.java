package dev.berth.app.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code -t/--timeout}: how long a container may take to stop before it is killed, as in docker compose. */
final class StopTimeout {

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds to wait for a container to stop before killing it (default: ${DEFAULT-VALUE})")
    long seconds;

    Duration duration() {
        return Duration.ofSeconds(seconds);
    }
}
