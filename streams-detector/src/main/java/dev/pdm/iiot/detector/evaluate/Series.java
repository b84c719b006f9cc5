package dev.pdm.iiot.detector.evaluate;

import dev.pdm.iiot.events.model.TelemetryReading;

import java.util.List;
import java.util.Objects;

/**
 * One machine's labeled readings, in time order.
 *
 * @param name     where they come from (a file, a machine)
 * @param features the sensors to learn, in model order
 * @param readings the readings
 * @param labels   per reading, whether it lies in a labeled fault
 * @param train    how many of the first readings train the model; the rest are tested
 */
public record Series(String name, List<String> features, List<TelemetryReading> readings, boolean[] labels,
                     int train) {

    public Series {
        Objects.requireNonNull(name, "name");
        features = List.copyOf(features);
        readings = List.copyOf(readings);
        if (labels.length != readings.size()) {
            throw new IllegalArgumentException("one label per reading");
        }
    }
}
