package dev.berth.compose.model;

/** One {@code depends_on} entry; condition is service_started, service_healthy or service_completed_successfully. */
public record DependencySpec(String service, String condition, boolean restart, boolean required) {
}
