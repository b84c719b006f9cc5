package dev.pdm.iiot.detector.evaluate;

import dev.pdm.iiot.events.model.TelemetryReading;

import java.time.Duration;
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
     * @param detail how the labels describe it (the simulator's {@code mix=COOLING,development=24h}), or null
     */
    public record Episode(String fault, int from, int to, String detail) {

        /**
         * For a fault that develops over a stated time ({@code development=24h}, optionally
         * {@code from=0.4}, the share it had developed at its start): the share of its way it has
         * come {@code after} its start (above 1: past full); null for another fault.
         */
        public Double shareAfter(final Duration after) {
            if (detail == null) {
                return null;
            }
            Duration development = null;
            double from = 0;
            for (final String part : detail.split(",")) {
                final String[] kv = part.split("=", 2);
                if (kv.length == 2 && kv[0].trim().equals("development")) {
                    development = new DurationConverter().convert(kv[1]);
                } else if (kv.length == 2 && kv[0].trim().equals("from")) {
                    from = Double.parseDouble(kv[1].trim());
                }
            }
            if (development == null || development.isZero()) {
                return null;
            }
            // it develops at one full change per development, from where it stood at its start
            return from + after.toMillis() / (double) development.toMillis();
        }
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
