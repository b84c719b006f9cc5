package dev.pdm.iiot.notifier.intake;

import java.time.Duration;
import java.time.Instant;

/** Digest periods: consecutive, aligned to the epoch (an hourly digest covers whole UTC hours). */
public final class DigestPeriods {

    private DigestPeriods() {
    }

    /** The start of the period that holds {@code at}. */
    public static Instant start(final Instant at, final Duration period) {
        final long length = period.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), length) * length);
    }
}
