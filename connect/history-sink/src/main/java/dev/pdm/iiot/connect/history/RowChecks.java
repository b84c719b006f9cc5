package dev.pdm.iiot.connect.history;

import dev.pdm.iiot.events.validation.RejectReason;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What a history row must satisfy before the JDBC sink gets it: what PostgreSQL would refuse (a text
 * longer than its column, a NUL character, an integer beyond {@code integer}, a time outside
 * {@code timestamptz}'s range) and what the contract rules out (a value that is NaN or infinite, a
 * negative count, a machine id outside {@code [A-Za-z0-9_.-]{1,64}}). A record the database refuses
 * would fail the connector's whole batch and stop its task; a record refused here goes to the
 * dead-letter topic instead, with the reason's code.
 */
final class RowChecks {

    /** The contract's machine ids; {@code machine_id} is a {@code varchar(64)} everywhere. */
    private static final Pattern MACHINE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Readings before this are rejected at the door, so no minute, alert or model can be older. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Far inside {@code timestamptz}'s range, and four-digit years on the wire. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private RowChecks() {
    }

    /** A record that cannot become a row: why (a code of the contract's reasons) and what is wrong. */
    static final class Rejected extends RuntimeException {

        private final RejectReason reason;

        Rejected(final RejectReason reason, final String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        RejectReason reason() {
            return reason;
        }
    }

    static Rejected rejected(final RejectReason reason, final String detail) {
        return new Rejected(reason, detail);
    }

    static void machineId(final String field, final String id) {
        if (!MACHINE_ID.matcher(id).matches()) {
            throw rejected(RejectReason.INVALID_MACHINE_ID, "field " + field + " is not [A-Za-z0-9_.-]{1,64}: "
                    + excerpt(id));
        }
    }

    /** An instant the history keeps: from 2000 to the end of year 9999; null passes (optional columns). */
    static void instant(final String field, final Instant instant) {
        if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
            throw rejected(RejectReason.INVALID_TIMESTAMP, "field " + field + " is " + instant
                    + ", outside " + EARLIEST + " to " + LATEST);
        }
    }

    /** A number PostgreSQL stores and the contract allows: not NaN, not infinite; null passes. */
    static void finite(final String field, final Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw rejected(RejectReason.NON_FINITE, "field " + field + " is " + value);
        }
    }

    static void between(final String field, final double value, final double min, final double max) {
        finite(field, value);
        if (value < min || value > max) {
            throw rejected(RejectReason.OUT_OF_RANGE, "field " + field + " is " + value + ", outside " + min
                    + " to " + max);
        }
    }

    /** A count that fits an {@code integer} column (or {@code bigint} with {@code max} = Long.MAX_VALUE). */
    static void count(final String field, final long value, final long max) {
        if (value < 0 || value > max) {
            throw rejected(RejectReason.OUT_OF_RANGE, "field " + field + " is " + value + ", outside 0 to " + max);
        }
    }

    /** A text of at most {@code maxLength} characters without NUL (which PostgreSQL's text and jsonb refuse); null passes. */
    static void text(final String field, final String value, final int maxLength) {
        if (value == null) {
            return;
        }
        if (value.indexOf('\0') >= 0) {
            throw rejected(RejectReason.OUT_OF_RANGE, "field " + field + " holds a NUL character: " + excerpt(value));
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw rejected(RejectReason.OUT_OF_RANGE, "field " + field + " is longer than " + maxLength
                    + " characters: " + excerpt(value));
        }
    }

    /** A name that is a key of a jsonb column and, for sensors, a {@code varchar(128)}: 1 to 128 characters, no NUL. */
    static void name(final String field, final String value) {
        if (value == null || value.isEmpty()) {
            throw rejected(RejectReason.MISSING_FIELD, "field " + field + " has an empty name");
        }
        text(field, value, 128);
    }

    private static String excerpt(final String value) {
        final String printable = value.replace("\0", "\\u0000");
        return printable.length() <= 80 ? "'" + printable + "'" : "'" + printable.substring(0, 80) + "…'";
    }
}
