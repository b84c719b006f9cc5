package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.validation.RejectReason;

/** What the topology counts; the Quarkus app backs it with Micrometer, tests with nothing. */
public interface DetectorMetrics {

    DetectorMetrics NONE = new DetectorMetrics() {
    };

    /** A reading scored by a model, with the nanoseconds its scoring took. */
    default void scored(final boolean anomalous, final long nanos) {
    }

    default void alertChanged(final Alert alert, final boolean raised) {
    }

    default void rejected(final RejectReason reason) {
    }

    default void duplicate() {
    }

    default void modelTrained(final int version, final long sizeBytes) {
    }

    /** A reading that came after its minute's grace period: left out of the minute aggregates. */
    default void lateForHistory() {
    }
}
