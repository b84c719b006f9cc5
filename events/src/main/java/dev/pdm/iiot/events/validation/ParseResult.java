package dev.pdm.iiot.events.validation;

import dev.pdm.iiot.events.model.TelemetryReading;

/** Either an accepted reading or the reason it was rejected; exactly one of the two is set. */
public record ParseResult(TelemetryReading reading, Rejection rejection) {

    public ParseResult {
        if ((reading == null) == (rejection == null)) {
            throw new IllegalArgumentException("exactly one of reading and rejection must be given");
        }
    }

    public static ParseResult accepted(final TelemetryReading reading) {
        return new ParseResult(reading, null);
    }

    public static ParseResult rejected(final RejectReason reason, final String detail) {
        return new ParseResult(null, new Rejection(reason, detail));
    }

    public boolean isAccepted() {
        return reading != null;
    }
}
