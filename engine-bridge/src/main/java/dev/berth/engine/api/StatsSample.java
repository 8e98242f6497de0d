package dev.berth.engine.api;

/**
 * One raw stats message of a container, as the engine sends it about once a second: cumulative counters with
 * the previous message's CPU counters beside them. {@link ContainerStats#of} turns it into what people read.
 *
 * @param inactiveFileV1 cgroup v1's {@code total_inactive_file} (0 when absent)
 * @param inactiveFileV2 cgroup v2's {@code inactive_file} (0 when absent)
 */
public record StatsSample(String containerId, long cpuTotal, long previousCpuTotal, long systemCpu,
                          long previousSystemCpu, int onlineCpus, long memoryUsage, long memoryLimit,
                          long inactiveFileV1, long inactiveFileV2, long networkReceived, long networkSent,
                          long blockRead, long blockWritten, long pids) {
}
