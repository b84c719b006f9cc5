package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Instant;
import java.util.List;

/**
 * One accepted reading as the watches see it.
 *
 * @param machineId the machine
 * @param reading   the reading
 * @param features  the sensors the detector watches, in order
 * @param values    the reading's value of each, in that order
 * @param now       the time of processing (the wall clock in the topology, the reading's time in a replay)
 * @param learned   whether the machine has a model: its normal has been learned
 * @param healthy   whether the reading is one to learn from: the machine has a model and no alert
 *                  of any type is open (a single anomalous reading is no reason to doubt the slow
 *                  levels the watches learn)
 */
public record Observation(String machineId, TelemetryReading reading, List<String> features, double[] values,
                          Instant now, boolean learned, boolean healthy) {

    public Instant timestamp() {
        return reading.timestamp();
    }
}
