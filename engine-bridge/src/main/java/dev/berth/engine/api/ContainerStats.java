package dev.berth.engine.api;

/**
 * A container's resource use, computed as the docker CLI computes it ({@code docker stats}).
 *
 * @param cpuPercent  100 = one CPU fully busy
 * @param memoryUsage bytes in use, without the page cache the kernel can drop (inactive files)
 */
public record ContainerStats(String containerId, double cpuPercent, long memoryUsage, long memoryLimit,
                             long networkReceived, long networkSent, long blockRead, long blockWritten, long pids) {

    /** cpuDelta / systemDelta × online CPUs × 100; memory usage minus inactive files (cgroup v1 or v2). */
    public static ContainerStats of(StatsSample s) {
        long cpuDelta = s.cpuTotal() - s.previousCpuTotal();
        long systemDelta = s.systemCpu() - s.previousSystemCpu();
        double cpu = cpuDelta > 0 && systemDelta > 0 ? (double) cpuDelta / systemDelta * s.onlineCpus() * 100.0 : 0.0;
        long inactive = s.inactiveFileV1() > 0 ? s.inactiveFileV1() : s.inactiveFileV2();
        long memory = inactive < s.memoryUsage() ? s.memoryUsage() - inactive : s.memoryUsage();
        return new ContainerStats(s.containerId(), cpu, memory, s.memoryLimit(), s.networkReceived(), s.networkSent(),
                s.blockRead(), s.blockWritten(), s.pids());
    }

    /** Memory use as a share of the limit, in percent; 0 without a limit. */
    public double memoryPercent() {
        return memoryLimit > 0 ? memoryUsage * 100.0 / memoryLimit : 0.0;
    }
}
