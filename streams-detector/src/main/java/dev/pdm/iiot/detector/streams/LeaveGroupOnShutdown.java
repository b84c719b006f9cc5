package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.config.DetectorConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.streams.KafkaStreams;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Hands this instance's partitions over at once when it stops, rather than after its consumers'
 * session has expired (45 s by default), and stops within {@code detector.shutdown-timeout}.
 *
 * <p>Every instance is a static member of the consumer group ({@code group.instance.id}, see
 * application.properties): an instance that restarts within the session timeout takes its own
 * partitions back without a rebalance, and one that stops for good is removed from the group here,
 * before Quarkus closes the streams, so that the other instances take its partitions right away. A
 * crashed instance still holds its partitions until its session expires.
 *
 * <p>When the streams have not closed by the timeout (the Kafka cluster is unreachable, so nothing
 * can be committed and no member removed), Kafka Streams would go on trying: each removal and the
 * closing of its admin client wait out their own timeouts, and Quarkus then waits for the streams
 * without a limit; with the broker gone that took a minute and a half. The application's process
 * therefore stops there with exit code {@value #EXIT_UNCLEAN}. Nothing is lost by it: what was not
 * committed is aborted and processed again by whichever instance next owns the partitions
 * (exactly-once), and a store without a clean close is restored from its changelog. In dev mode and
 * in tests, where the JVM is not the application's alone, it only logs.
 */
@ApplicationScoped
public class LeaveGroupOnShutdown {

    /** The exit code of a process whose streams did not close in time. */
    public static final int EXIT_UNCLEAN = 1;

    private static final Logger LOG = Logger.getLogger(LeaveGroupOnShutdown.class);

    /** Before Quarkus's own observer (default priority), which closes without leaving. */
    void onStop(@Observes @Priority(1000) final ShutdownEvent event, final KafkaStreams streams,
                final DetectorConfig config) {
        final Duration timeout = config.shutdownTimeout();
        final long start = System.nanoTime();
        final boolean closed = streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(timeout));
        final long millis = (System.nanoTime() - start) / 1_000_000;
        if (closed) {
            LOG.infof("streams closed and left the group in %d ms", millis);
            return;
        }
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            LOG.warnf("streams did not close within %s (state %s)", timeout, streams.state());
            return;
        }
        LOG.errorf("streams did not close within %s (state %s): is the Kafka cluster reachable? Stopping the "
                + "process now with exit code %d; uncommitted work is aborted and processed again, and stores "
                + "are restored from their changelogs where needed", timeout, streams.state(), EXIT_UNCLEAN);
        Runtime.getRuntime().halt(EXIT_UNCLEAN);
    }
}
