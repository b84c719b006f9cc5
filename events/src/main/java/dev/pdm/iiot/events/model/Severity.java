package dev.pdm.iiot.events.model;

/** Alert severity, the prototype's three levels, most severe first. */
public enum Severity {
    CRITICAL,
    WARNING,
    INFO;

    /** The more severe of the two. */
    public Severity max(final Severity other) {
        return other == null || compareTo(other) <= 0 ? this : other;
    }
}
