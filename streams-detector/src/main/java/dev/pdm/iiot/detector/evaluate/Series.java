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
 * @param episodes the labeled fault episodes, as ranges of readings (they may overlap)
 * @param train    how many of the first readings train the model; the rest are tested
 */
public record Series(String name, List<String> features, List<TelemetryReading> readings, boolean[] labels,
                     List<Episode> episodes, int train) {

    /**
     * One labeled fault episode.
     *
     * @param fault its type
     * @param from  index of its first reading
     * @param to    index after its last reading
     */
    public record Episode(String fault, int from, int to) {
    }

    public Series {
        Objects.requireNonNull(name, "name");
        features = List.copyOf(features);
        readings = List.copyOf(readings);
        episodes = List.copyOf(episodes);
        if (labels.length != readings.size()) {
            throw new IllegalArgumentException("one label per reading");
        }
    }
}
