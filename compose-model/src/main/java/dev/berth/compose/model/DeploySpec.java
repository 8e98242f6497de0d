package dev.berth.compose.model;

import dev.berth.compose.source.Position;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy:} as far as a single engine honours it. Null members mean "not set".
 *
 * @param replicas null when unset (the service's {@code scale} then decides)
 */
public record DeploySpec(Integer replicas, Resources limits, Resources reservations, RestartPolicy restartPolicy,
                         Map<String, String> labels, Position position) {

    public DeploySpec {
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }

    /** {@code resources.limits} or {@code resources.reservations}: cpus as a fraction, memory in bytes. */
    public record Resources(Double cpus, Long memory, Long pids, List<DeviceRequest> devices) {
        public Resources {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }
    }

    /** {@code devices:} of a reservation (GPUs): count -1 means "all". */
    public record DeviceRequest(List<String> capabilities, String driver, Integer count, List<String> deviceIds,
                                Map<String, String> options) {
        public DeviceRequest {
            capabilities = List.copyOf(capabilities);
            deviceIds = List.copyOf(deviceIds);
            options = Map.copyOf(options);
        }
    }

    /** {@code restart_policy:}; condition is none, on-failure or any. */
    public record RestartPolicy(String condition, Duration delay, Integer maxAttempts, Duration window) {
    }
}
