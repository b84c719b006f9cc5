package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A machine that stops publishing. It learns the machine's usual interval between readings (an
 * exponentially weighted mean of the gaps between their timestamps) and raises {@code SILENT} when
 * the clock has gone {@code factor} intervals (at least {@code minSilence}) past the time its last
 * reading was processed, without another. The next reading clears it. Judged on the wall clock by
 * the topology's punctuation, so that it needs no further reading.
 */
public final class SilenceWatch extends AbstractWatch<SilenceWatch.State> {

    public static final String ID = "silence";
    static final int VERSION = 1;
    /** How much of a new gap the usual interval takes in. */
    private static final double GAP_WEIGHT = 0.05;

    private final WatchSettings.Silence settings;

    public SilenceWatch(final WatchSettings.Silence settings) {
        super(ID, Alert.TYPE_SILENT, VERSION);
        this.settings = settings;
    }

    /** The machine's silence state. */
    public static final class State extends SlotState {
        /** When its last reading was processed. */
        Instant lastSeen;
        /** Its last reading's timestamp. */
        Instant lastReading;
        /** The usual interval between readings, seconds (0 before the second reading). */
        double interval;
        long readings;

        State(final AlertSlot slot) {
            super(slot, VERSION);
        }

        @Override
        void writeFields(final BinaryWriter out) {
            out.writeInstant(lastSeen);
            out.writeInstant(lastReading);
            out.writeDouble(interval);
            out.writeLong(readings);
        }

        public Instant lastSeen() {
            return lastSeen;
        }
    }

    @Override
    public State initial() {
        return new State(new AlertSlot());
    }

    @Override
    public State read(final BinaryReader in, final int version) {
        final State s = new State(AlertSlot.read(in));
        s.lastSeen = in.readInstant();
        s.lastReading = in.readInstant();
        s.interval = in.readDouble();
        s.readings = in.readLong();
        return s;
    }

    @Override
    public Verdict onReading(final State s, final Observation o) {
        return seen(s, o.timestamp(), o.now());
    }

    /**
     * A reading of the machine arrived, complete or not (one that lacks a sensor still shows the
     * machine is publishing).
     *
     * @param timestamp the reading's timestamp
     * @param now       the time of processing
     */
    public Verdict seen(final State s, final Instant timestamp, final Instant now) {
        if (s.lastReading != null) {
            final double gap = Duration.between(s.lastReading, timestamp).toMillis() / 1000.0;
            if (gap > 0) {
                // an outage is not the usual interval: a gap counts at most 3 intervals
                final double counted = s.interval == 0 ? gap : Math.min(gap, 3 * s.interval);
                s.interval = s.interval == 0 ? counted : s.interval + GAP_WEIGHT * (counted - s.interval);
            }
        }
        if (s.lastReading == null || timestamp.isAfter(s.lastReading)) {
            s.lastReading = timestamp;
        }
        s.lastSeen = now;
        s.readings++;
        return s.slot.level == Verdict.Level.CLEAR ? null : Verdict.CLEAR;
    }

    /** When the machine counts as silent if no reading comes first, or null while it cannot (too new). */
    public Instant silentAt(final State s) {
        if (s.lastSeen == null || s.readings < settings.history() || s.interval <= 0) {
            return null;
        }
        return s.lastSeen.plus(limit(s));
    }

    private Duration limit(final State s) {
        final Duration usual = Duration.ofMillis(Math.round(settings.factor() * s.interval * 1000));
        return usual.compareTo(settings.minSilence()) > 0 ? usual : settings.minSilence();
    }

    @Override
    public Verdict onClock(final State s, final Instant now) {
        final Instant due = silentAt(s);
        if (due == null || now.isBefore(due)) {
            return null;
        }
        final Duration silent = Duration.between(s.lastSeen, now);
        final Severity severity = silent.compareTo(limit(s).multipliedBy(10)) >= 0 ? Severity.CRITICAL : Severity.WARNING;
        final String text = String.format(Locale.ROOT,
                "No reading for %s (it usually sends one every %s; last at %s): check the machine's power, its"
                        + " network and its MQTT client", Durations.human(silent),
                Durations.human(Duration.ofMillis(Math.round(s.interval * 1000))), s.lastReading);
        return Verdict.alert(severity, text, Map.of("silent_seconds", (double) silent.toSeconds(),
                "usual_interval_seconds", s.interval), null, null);
    }
}
