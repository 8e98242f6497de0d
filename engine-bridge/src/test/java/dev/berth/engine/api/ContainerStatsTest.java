package dev.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ContainerStatsTest {

    @Test
    void cpuIsTheShareOfTheSystemDeltaTimesOnlineCpus() {
        // 0.2 s of container CPU while the system (4 CPUs) counted 2 s: 10 % of all = 40 % of one CPU
        StatsSample s = new StatsSample("c", 1_200_000_000L, 1_000_000_000L, 12_000_000_000L, 10_000_000_000L, 4,
                0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(ContainerStats.of(s).cpuPercent()).isCloseTo(40.0, within(1e-9));
    }

    @Test
    void memoryLeavesOutInactiveFilesOfCgroupV1OrV2() {
        StatsSample v1 = new StatsSample("c", 0, 0, 0, 0, 1, 100_000, 1_000_000, 30_000, 0, 0, 0, 0, 0, 1);
        StatsSample v2 = new StatsSample("c", 0, 0, 0, 0, 1, 100_000, 1_000_000, 0, 25_000, 0, 0, 0, 0, 1);
        assertThat(ContainerStats.of(v1).memoryUsage()).isEqualTo(70_000);
        assertThat(ContainerStats.of(v2).memoryUsage()).isEqualTo(75_000);
        assertThat(ContainerStats.of(v2).memoryPercent()).isCloseTo(7.5, within(1e-9));
    }

    @Test
    void theFirstSampleWithoutAPreviousOneShowsNoCpu() {
        StatsSample first = new StatsSample("c", 5_000, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(ContainerStats.of(first).cpuPercent()).isZero();
    }
}
