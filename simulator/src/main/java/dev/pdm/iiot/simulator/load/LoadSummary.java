package dev.pdm.iiot.simulator.load;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a run over its measured window (after the warm-up).
 *
 * @param seconds          length of the window
 * @param readings         readings generated in the window
 * @param published        readings handed to MQTT in the window (null without MQTT)
 * @param acked            acknowledgements received in the window
 * @param refused          refusals in the whole run (readings the broker refused and the publisher sent again)
 * @param rejected         readings rejected as invalid in the whole run (not sent again)
 * @param failed           failures in the whole run
 * @param inFlightAtEnd    published and unacknowledged at the end of the window
 * @param maxLagMillis     worst lag behind schedule in the window
 * @param latencyMicros    publish → PUBACK latencies in the window (null without MQTT)
 * @param refusalsByReason refusal counts by reason code
 * @param rejectionsByReason rejection counts by reason code
 * @param failuresByReason failure counts by reason
 */
public record LoadSummary(
        double seconds,
        long readings,
        Long published,
        Long acked,
        long refused,
        long rejected,
        long failed,
        long inFlightAtEnd,
        double maxLagMillis,
        Histogram latencyMicros,
        Map<String, Long> refusalsByReason,
        Map<String, Long> rejectionsByReason,
        Map<String, Long> failuresByReason) {

    public double readingRate() {
        return seconds > 0 ? readings / seconds : 0;
    }

    public double ackRate() {
        return seconds > 0 && acked != null ? acked / seconds : 0;
    }

    /** A latency percentile in milliseconds. */
    public double latencyMillis(final double percentile) {
        return latencyMicros == null || latencyMicros.getTotalCount() == 0
                ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The summary, a few lines for people. */
    public List<String> lines() {
        final List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "summary over %.1f s: %,d readings (%,.0f/s)", seconds, readings, readingRate()));
        if (published != null) {
            lines.add(String.format(Locale.ROOT, "  published %,d, acknowledged %,d (%,.0f/s), refused %,d (sent again),"
                            + " rejected %,d, failed %,d, in flight at end %,d",
                    published, acked, ackRate(), refused, rejected, failed, inFlightAtEnd));
            lines.add(String.format(Locale.ROOT,
                    "  publish -> PUBACK latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%,d samples)",
                    latencyMillis(50), latencyMillis(90), latencyMillis(99), latencyMillis(99.9),
                    latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0,
                    latencyMicros.getTotalCount()));
            refusalsByReason.forEach((reason, count) ->
                    lines.add(String.format(Locale.ROOT, "  refused %,d: %s", count, reason)));
            rejectionsByReason.forEach((reason, count) ->
                    lines.add(String.format(Locale.ROOT, "  rejected %,d: %s", count, reason)));
            failuresByReason.forEach((reason, count) ->
                    lines.add(String.format(Locale.ROOT, "  failed %,d: %s", count, reason)));
        }
        lines.add(String.format(Locale.ROOT, "  worst lag behind schedule %.1f ms", maxLagMillis));
        return lines;
    }
}
