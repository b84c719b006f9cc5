package dev.pdm.iiot.platform.bench;

import dev.pdm.iiot.platform.bench.CpuAccounting.Sample;
import dev.pdm.iiot.platform.bench.CpuAccounting.ThreadCpu;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.pdm.iiot.platform.bench.CpuComponent.BENCHMARK;
import static dev.pdm.iiot.platform.bench.CpuComponent.HIVEMQ;
import static dev.pdm.iiot.platform.bench.CpuComponent.JVM;
import static dev.pdm.iiot.platform.bench.CpuComponent.KAFKA;
import static dev.pdm.iiot.platform.bench.CpuComponent.LOAD_GENERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuUsageTest {

    private static final long S = 1_000_000_000L;

    @Test
    void countsEachLiveThreadsCpuSinceTheStartToItsComponent() {
        final Sample start = sample(0, 10 * S, Map.of(1L, cpu(KAFKA, 4 * S), 2L, cpu(KAFKA, 1 * S)),
                Map.of(100, cpu(JVM, 2 * S)), apps(5 * S, 1 * S));
        final Sample end = sample(10, 20 * S, Map.of(1L, cpu(KAFKA, 7 * S), 2L, cpu(KAFKA, 2 * S),
                3L, cpu(HIVEMQ, 3 * S)), Map.of(100, cpu(JVM, 3 * S)), apps(9 * S, 2 * S));

        final CpuUsage usage = CpuUsage.between(start, end);

        assertThat(usage.wallSeconds()).isEqualTo(10.0);
        assertThat(usage.jvmSeconds()).isEqualTo(10.0);
        assertThat(usage.seconds(KAFKA)).isEqualTo(4.0);
        assertThat(usage.seconds(HIVEMQ)).as("a thread started during the period counts whole").isEqualTo(3.0);
        assertThat(usage.seconds(JVM)).isEqualTo(1.0);
        assertThat(usage.appSeconds()).containsExactly(Map.entry("streams-detector", 4.0),
                Map.entry("dashboard-quarkus", 1.0));
    }

    @Test
    void leavesWhatAThreadUsedBeforeItEndedToNotAttributed() {
        final Sample start = sample(0, 10 * S, Map.of(1L, cpu(KAFKA, 4 * S), 2L, cpu(KAFKA, 1 * S)), Map.of(),
                apps(0, 0));
        final Sample end = sample(10, 16 * S, Map.of(1L, cpu(KAFKA, 7 * S)), Map.of(), apps(0, 0));

        final CpuUsage usage = CpuUsage.between(start, end);

        assertThat(usage.seconds(KAFKA)).isEqualTo(3.0);
        assertThat(usage.notAttributedSeconds()).isEqualTo(3.0);
    }

    @Test
    void thePlatformIsTheJvmButTheLoadGeneratorAndTheProbeAndTheAppsProcesses() {
        final Sample start = sample(0, 0, Map.of(), Map.of(), apps(0, 0));
        final Sample end = sample(10, 12 * S, Map.of(1L, cpu(KAFKA, 5 * S), 2L, cpu(LOAD_GENERATOR, 3 * S),
                3L, cpu(BENCHMARK, 1 * S)), Map.of(), apps(6 * S, 1 * S));

        final CpuUsage usage = CpuUsage.between(start, end);

        assertThat(usage.platformSeconds()).isEqualTo(12.0 - 3 - 1 + 6 + 1);
        assertThat(usage.platformCores()).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void givesMicrosecondsPerReadingForThePlatformAndEachPart() {
        final Sample start = sample(0, 0, Map.of(), Map.of(), apps(0, 0));
        final Sample end = sample(10, 12 * S, Map.of(1L, cpu(KAFKA, 5 * S), 2L, cpu(LOAD_GENERATOR, 3 * S),
                3L, cpu(BENCHMARK, 1 * S)), Map.of(), apps(6 * S, 1 * S));

        final String summary = CpuUsage.between(start, end).summary(10_000, 12_000);

        assertThat(summary)
                .contains("cpu seconds in the 10 s measured: platform 15.0 (1.50 cores), "
                        + "load generator 3.0 (0.30 cores)")
                .contains("by process: benchmark JVM 12.0 (1.20 cores), streams-detector 6.0 (0.60 cores), "
                        + "dashboard-quarkus 1.0 (0.10 cores)")
                .contains("benchmark JVM by thread: Kafka broker 5.0, HiveMQ 0.0, Kafka Connect 0.0, "
                        + "JVM (GC, JIT, VM) 0.0, other 0.0, load generator 3.0, benchmark probe 1.0, not attributed 3.0")
                .contains("cpu µs per reading accepted (10,000 readings): platform 1,500.0 = Kafka broker 500.0 + "
                        + "HiveMQ 0.0 + Kafka Connect 0.0 + JVM (GC, JIT, VM) 0.0 + other 0.0 + not attributed 300.0 + "
                        + "streams-detector 600.0 + dashboard-quarkus 100.0")
                .contains("cpu µs per reading published (12,000 readings): load generator 250.0");
    }

    @Test
    void givesTheMachinesBusyCoresAsTheShareOfBusyTicksTimesItsCores() {
        final Sample start = new Sample(0, 0, 0, Map.of(), Map.of(), apps(0, 0), 3.0,
                Optional.of(new ProcStat.Machine(1_000, 5_000, 2)));
        final Sample end = new Sample(10 * S, 0, 0, Map.of(), Map.of(), apps(0, 0), 5.0,
                Optional.of(new ProcStat.Machine(1_750, 6_000, 2)));

        final CpuUsage usage = CpuUsage.between(start, end);

        assertThat(usage.machineBusyCores()).hasValue(1.5);
        assertThat(usage.summary(1, 1)).contains("machine: load average 3.0 at the start of the measured time, "
                + "5.0 at its end; cpu busy 1.50 of 2 cores");
    }

    @Test
    void saysNotAvailableForAnAppWhoseProcessWasGone() {
        final Sample start = sample(0, 0, Map.of(), Map.of(), apps(1 * S, 1 * S));
        final Sample end = sample(10, 0, Map.of(), Map.of(), apps(2 * S, -1));

        final CpuUsage usage = CpuUsage.between(start, end);

        assertThat(usage.appSeconds()).containsEntry("dashboard-quarkus", -1.0);
        assertThat(usage.summary(0, 0)).contains("dashboard-quarkus n/a").contains("platform n/a");
    }

    private static Sample sample(final long wallSeconds, final long processCpu, final Map<Long, ThreadCpu> java,
                                 final Map<Integer, ThreadCpu> jvm, final Map<String, Long> apps) {
        return new Sample(wallSeconds * S, processCpu, processCpu, java, jvm, apps, 1.0, Optional.empty());
    }

    private static ThreadCpu cpu(final CpuComponent component, final long nanos) {
        return new ThreadCpu(component, nanos);
    }

    private static Map<String, Long> apps(final long detector, final long dashboard) {
        final Map<String, Long> apps = new LinkedHashMap<>();
        apps.put("streams-detector", detector);
        apps.put("dashboard-quarkus", dashboard);
        return apps;
    }
}
