package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.config.DetectorConfig;
import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.events.validation.ReadingParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** Hands Quarkus the detector's topology; all of it lives in {@link DetectorTopology}. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    public Topology topology(final DetectorSettings settings, final DetectorMetrics metrics, final DetectorConfig config) {
        return new DetectorTopology(settings, ReadingParser.withDefaults(), metrics, config.statusInterval(),
                config.historyGrace()).build();
    }
}
