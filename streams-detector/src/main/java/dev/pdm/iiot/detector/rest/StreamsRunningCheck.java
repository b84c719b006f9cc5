package dev.pdm.iiot.detector.rest;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the streams are RUNNING: during a rebalance or a restore the instance's state
 * cannot be queried, so a load balancer should send its traffic elsewhere meanwhile.
 */
@Readiness
@ApplicationScoped
public class StreamsRunningCheck implements HealthCheck {

    private final KafkaStreams streams;

    public StreamsRunningCheck(final KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        final KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("detector-streams-running").status(state == KafkaStreams.State.RUNNING)
                .withData("state", state.name()).build();
    }
}
