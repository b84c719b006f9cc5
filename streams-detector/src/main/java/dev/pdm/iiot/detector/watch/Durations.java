package dev.pdm.iiot.detector.watch;

import java.time.Duration;
import java.util.Locale;

/** Spans of time as people read them in alert texts: "45 s", "3 min 5 s", "2.5 h", "3.2 days". */
final class Durations {

    private Durations() {
    }

    static String human(final Duration d) {
        final long ms = d.toMillis();
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        final long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
        }
        return hours(s / 3600.0);
    }

    static String hours(final double h) {
        if (h < 1) {
            return Math.round(h * 60) + " min";
        }
        if (h < 48) {
            return String.format(Locale.ROOT, "%.1f h", h);
        }
        return String.format(Locale.ROOT, "%.1f days", h / 24);
    }
}
