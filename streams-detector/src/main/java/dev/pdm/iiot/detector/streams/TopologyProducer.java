package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.events.validation.ReadingParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** Hands Quarkus the detector's topology; all of it lives in {@link DetectorTopology}. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    public Topology topology(final DetectorSettings settings, final DetectorMetrics metrics) {
        return new DetectorTopology(settings, ReadingParser.withDefaults(), metrics).build();
    }
}
