package dev.pdm.iiot.platform.bench;

import dev.pdm.iiot.simulator.core.Simulation;
import dev.pdm.iiot.simulator.mqtt.PublishStats;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.util.Locale;

/** The benchmark's periodic progress line: rates and the platform's CPU since the previous line. */
final class ProgressLine {

    private final PrintWriter out;
    private final long started;
    private long lastTick;
    private long lastAcked;
    private long lastStatus;
    private CpuAccounting.Sample lastCpu;

    ProgressLine(final PrintWriter out, final long started, final CpuAccounting.Sample cpu) {
        this.out = out;
        this.started = started;
        this.lastTick = started;
        this.lastCpu = cpu;
    }

    void print(final long now, final PublishStats stats, final PipelineProbe probe, final Simulation simulation,
               final CpuAccounting.Sample cpu) {
        final double seconds = (now - lastTick) / 1e9;
        final Histogram status = probe.statusLatency();
        out.printf(Locale.ROOT, "%5ds  published %,7.0f/s  in flight %,6d  refused %d  failed %d  status %,7.0f/s  "
                        + "accepted %,10d  alerts %,6d  status latency p50 %,6.0f ms p99 %,7.0f ms  lag %,5d ms  "
                        + "platform cpu %4.0f %%%n",
                (now - started) / 1_000_000_000, (stats.acked() - lastAcked) / seconds, stats.inFlight(),
                stats.refused(), stats.failed(), (probe.statusRecords() - lastStatus) / seconds, probe.acceptedReadings(),
                probe.alertRecords(), status.getValueAtPercentile(50) / 1e3,
                status.getValueAtPercentile(99) / 1e3, simulation.stats().lagNanos() / 1_000_000,
                CpuUsage.between(lastCpu, cpu).platformCores() * 100);
        out.flush();
        lastAcked = stats.acked();
        lastStatus = probe.statusRecords();
        lastTick = now;
        lastCpu = cpu;
    }
}
