package dev.pdm.iiot.detector.streams;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Hands this instance's partitions over at once when it stops, rather than after its consumers'
 * session has expired (45 s by default).
 *
 * <p>Every instance is a static member of the consumer group ({@code group.instance.id}, see
 * application.properties): an instance that restarts within the session timeout takes its own
 * partitions back without a rebalance, and one that stops for good is removed from the group here,
 * before Quarkus closes the streams, so that the other instances take its partitions right away. A
 * crashed instance still holds its partitions until its session expires.
 */
@ApplicationScoped
public class LeaveGroupOnShutdown {

    private static final Logger LOG = Logger.getLogger(LeaveGroupOnShutdown.class);

    /** Before Quarkus's own observer (default priority), which closes without leaving. */
    void onStop(@Observes @Priority(1000) final ShutdownEvent event, final KafkaStreams streams,
                @ConfigProperty(name = "detector.shutdown-timeout", defaultValue = "30s") final Duration timeout) {
        final long start = System.nanoTime();
        final boolean closed = streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(timeout));
        LOG.infof("streams %s and left the group in %d ms", closed ? "closed" : "did not close in " + timeout,
                (System.nanoTime() - start) / 1_000_000);
    }
}
