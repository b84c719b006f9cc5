package dev.pdm.iiot.platform.bench;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Samples of this test's own JVM: a thread that burns a known amount of CPU is found where it belongs. */
class CpuAccountingTest {

    private static final long BURN_NANOS = 100_000_000L;
    private static volatile long sink;

    @Test
    void countsABusyLiveThreadToTheComponentItsNameTells() throws InterruptedException {
        final CpuAccounting cpu = new CpuAccounting(Map.of());
        final CountDownLatch burnt = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread generator = new Thread(() -> {
            burn();
            burnt.countDown();
            awaitQuietly(release);
        }, "simulation");
        final CpuAccounting.Sample start = cpu.sample();

        generator.start();
        burnt.await();
        final CpuAccounting.Sample end = cpu.sample();
        release.countDown();
        generator.join();

        final CpuUsage usage = CpuUsage.between(start, end);
        assertThat(usage.seconds(CpuComponent.LOAD_GENERATOR)).isGreaterThanOrEqualTo(BURN_NANOS / 1e9);
        // the process's CPU time is counted in the kernel's clock ticks (10 ms), a thread's to the nanosecond
        assertThat(usage.jvmSeconds()).isGreaterThanOrEqualTo(usage.seconds(CpuComponent.LOAD_GENERATOR) - 0.02);
    }

    @Test
    void leavesTheCpuOfAThreadThatEndedInThePeriodToNotAttributed() throws InterruptedException {
        final CpuAccounting cpu = new CpuAccounting(Map.of());
        final Thread generator = new Thread(CpuAccountingTest::burn, "simulation");
        final CpuAccounting.Sample start = cpu.sample();

        generator.start();
        generator.join();
        final CpuAccounting.Sample end = cpu.sample();

        final CpuUsage usage = CpuUsage.between(start, end);
        assertThat(usage.seconds(CpuComponent.LOAD_GENERATOR)).isZero();
        // the JVM's hidden threads are read from /proc in ticks of 10 ms, so the rest is that coarse too
        assertThat(usage.notAttributedSeconds()).isGreaterThanOrEqualTo(BURN_NANOS / 2 / 1e9);
    }

    @Test
    void measuresAChildProcessByItsHandle() throws InterruptedException {
        final CpuAccounting cpu = new CpuAccounting(Map.of("self", ProcessHandle.current()));
        final CpuAccounting.Sample start = cpu.sample();

        burn();
        final CpuAccounting.Sample end = cpu.sample();

        // /proc counts in ticks of 10 ms
        assertThat(CpuUsage.between(start, end).appSeconds().get("self")).isGreaterThanOrEqualTo(0.09);
    }

    @Test
    void findsTheJvmsOwnThreadsThatJavaDoesNotList() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");

        final CpuAccounting.Sample sample = new CpuAccounting(Map.of()).sample();

        assertThat(sample.jvmThreads()).isNotEmpty();
        assertThat(sample.jvmThreads().values()).allSatisfy(t -> assertThat(t.component()).isEqualTo(CpuComponent.JVM));
    }

    /** Uses at least {@link #BURN_NANOS} of this thread's CPU, however busy the machine is. */
    private static void burn() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long until = threads.getCurrentThreadCpuTime() + BURN_NANOS;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                x += i * 31L ^ x;
            }
        }
        sink = x;
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
