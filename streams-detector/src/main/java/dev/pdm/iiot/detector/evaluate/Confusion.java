package dev.pdm.iiot.detector.evaluate;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pooled confusion counts of point-wise predictions, the SKAB way: F1 = TP / (TP + (FP + FN) / 2),
 * FAR = FP / (FP + TN), MAR = FN / (FN + TP); and per labeled episode, whether and how fast it was
 * detected (the first positive prediction inside it).
 */
public final class Confusion {

    private long tp;
    private long fp;
    private long tn;
    private long fn;
    private int episodes;
    private int detected;
    private Duration detectionTime = Duration.ZERO;
    private final java.util.List<Duration> detectionTimes = new java.util.ArrayList<>();
    private final Map<String, Confusion> byFault = new TreeMap<>();

    public void add(final boolean label, final boolean predicted) {
        if (label) {
            if (predicted) {
                tp++;
            } else {
                fn++;
            }
        } else if (predicted) {
            fp++;
        } else {
            tn++;
        }
    }

    /**
     * @param fault        the episode's fault type
     * @param timeToDetect time from its start to its first positive prediction, or null when it had none
     */
    public void episode(final String fault, final Duration timeToDetect) {
        episode(timeToDetect);
        byFault.computeIfAbsent(fault, f -> new Confusion()).episode(timeToDetect);
    }

    private void episode(final Duration timeToDetect) {
        episodes++;
        if (timeToDetect != null) {
            detected++;
            detectionTime = detectionTime.plus(timeToDetect);
            detectionTimes.add(timeToDetect);
        }
    }

    public void addAll(final Confusion other) {
        tp += other.tp;
        fp += other.fp;
        tn += other.tn;
        fn += other.fn;
        episodes += other.episodes;
        detected += other.detected;
        detectionTime = detectionTime.plus(other.detectionTime);
        detectionTimes.addAll(other.detectionTimes);
        other.byFault.forEach((fault, c) -> byFault.computeIfAbsent(fault, f -> new Confusion()).addAll(c));
    }

    /** Episodes and their detection per fault type, by type name. */
    public Map<String, Confusion> byFault() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(byFault));
    }

    public long tp() {
        return tp;
    }

    public long fp() {
        return fp;
    }

    public long tn() {
        return tn;
    }

    public long fn() {
        return fn;
    }

    public double f1() {
        final double d = tp + (fp + fn) / 2.0;
        return d == 0 ? 0 : tp / d;
    }

    public double far() {
        return fp + tn == 0 ? 0 : (double) fp / (fp + tn);
    }

    public double mar() {
        return fn + tp == 0 ? 0 : (double) fn / (fn + tp);
    }

    public double precision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public int episodes() {
        return episodes;
    }

    public int detected() {
        return detected;
    }

    /** Mean time to detect over the detected episodes, or null when none was. */
    public Duration meanTimeToDetect() {
        return detected == 0 ? null : detectionTime.dividedBy(detected);
    }

    /** Median time to detect over the detected episodes, or null when none was. */
    public Duration medianTimeToDetect() {
        if (detectionTimes.isEmpty()) {
            return null;
        }
        final java.util.List<Duration> sorted = new java.util.ArrayList<>(detectionTimes);
        java.util.Collections.sort(sorted);
        final int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    /** "BEARING_WEAR  5/5  61.2  48.0": episodes detected, mean and median time to detect in seconds. */
    public String episodeRow(final String fault) {
        final Duration mttd = meanTimeToDetect();
        final Duration median = medianTimeToDetect();
        return String.format(Locale.ROOT, "%-18s %9s %9s %9s", fault, detected + "/" + episodes,
                mttd == null ? "-" : String.format(Locale.ROOT, "%.1f", mttd.toMillis() / 1000.0),
                median == null ? "-" : String.format(Locale.ROOT, "%.1f", median.toMillis() / 1000.0));
    }

    public static String header() {
        return String.format(Locale.ROOT, "%-26s %7s %7s %7s %7s %6s %7s %7s %9s %9s",
                "predictions", "TP", "FP", "TN", "FN", "F1", "FAR %", "MAR %", "episodes", "MTTD s");
    }

    public String row(final String name) {
        final Duration mttd = meanTimeToDetect();
        return String.format(Locale.ROOT, "%-26s %7d %7d %7d %7d %6.2f %7.2f %7.2f %9s %9s", name, tp, fp, tn, fn,
                f1(), 100 * far(), 100 * mar(), detected + "/" + episodes,
                mttd == null ? "-" : String.format(Locale.ROOT, "%.1f", mttd.toMillis() / 1000.0));
    }
}
