package dev.pdm.iiot.simulator.mqtt;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The resend and ordering logic of one client, on a fake connection whose PUBACKs the test decides. */
@Timeout(30)
class OutboxTest {

    private static final int KAFKA_UNAVAILABLE = 0x83;
    private static final String KAFKA_REASON = "Kafka is unavailable: the reading was not stored, publish it again";

    private final FakeConnection connection = new FakeConnection();
    private final PublishStats stats = new PublishStats();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private Outbox outbox(final Duration initialBackoff, final int capacity) {
        return new Outbox(connection, stats, timer, 100, capacity, new ResendBackoff(initialBackoff, initialBackoff.multipliedBy(8)));
    }

    private static void publish(final Outbox outbox, final String... bodies) throws InterruptedException {
        for (final String body : bodies) {
            outbox.publish("factory/machines/MACHINE_001/sensors", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRefusedReadingIsPublishedAgainAfterTheBackoffAndAcknowledgedOnce() throws Exception {
        final Outbox outbox = outbox(Duration.ofMillis(100), 100);
        publish(outbox, "r0");

        final long refusedAt = System.nanoTime();
        outbox.completed(connection.attempt(0), KAFKA_UNAVAILABLE, KAFKA_REASON);

        assertThat(stats.refused()).isEqualTo(1);
        assertThat(stats.refusalsByReason()).containsEntry("IMPLEMENTATION_SPECIFIC_ERROR (0x83)", 1L);
        assertThat(outbox.outstanding()).as("still to deliver").isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 2);
        assertThat(connection.sent()).containsExactly("r0", "r0");
        assertThat(connection.attempt(1).sentNanos - refusedAt).as("waited the back-off")
                .isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());

        outbox.completed(connection.attempt(1), 0, null);
        outbox.completed(connection.attempt(1), 0, null);   // a duplicate report changes nothing

        assertThat(stats.acked()).isEqualTo(1);
        assertThat(stats.published()).isEqualTo(1);
        assertThat(stats.failed() + stats.rejected()).isZero();
        assertThat(stats.inFlight()).isZero();
        assertThat(outbox.outstanding()).isZero();
    }

    @Test
    void laterReadingsWaitBehindARefusedOneAndFollowItInOrder() throws Exception {
        final Outbox outbox = outbox(Duration.ofMillis(500), 100);
        publish(outbox, "r0", "r1", "r2");

        outbox.completed(connection.attempt(0), KAFKA_UNAVAILABLE, KAFKA_REASON);
        outbox.completed(connection.attempt(1), 0, null);   // in flight before the refusal: it overtakes r0
        publish(outbox, "r3", "r4");
        outbox.completed(connection.attempt(2), KAFKA_UNAVAILABLE, KAFKA_REASON);

        assertThat(connection.sent()).as("nothing new while refused readings wait").containsExactly("r0", "r1", "r2");
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 4);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(() -> connection.sent().size() == 4);
        assertThat(connection.sent().get(3)).as("one probe, the oldest").isEqualTo("r0");

        outbox.completed(connection.attempt(3), 0, null);

        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 7);
        assertThat(connection.sent()).containsExactly("r0", "r1", "r2", "r0", "r2", "r3", "r4");
        for (int i = 4; i < 7; i++) {
            outbox.completed(connection.attempt(i), 0, null);
        }
        assertThat(stats.acked()).isEqualTo(5);
        assertThat(stats.refused()).isEqualTo(2);
        assertThat(outbox.outstanding()).isZero();
    }

    @Test
    void whileTheBrokerStillRefusesOneReadingIsTriedPerRoundAndTheWaitDoubles() throws Exception {
        final Outbox outbox = outbox(Duration.ofMillis(100), 100);
        publish(outbox, "r0", "r1");
        outbox.completed(connection.attempt(0), KAFKA_UNAVAILABLE, KAFKA_REASON);
        outbox.completed(connection.attempt(1), KAFKA_UNAVAILABLE, KAFKA_REASON);
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 3);

        final long refusedAgainAt = System.nanoTime();
        outbox.completed(connection.attempt(2), KAFKA_UNAVAILABLE, KAFKA_REASON);

        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 4);
        assertThat(connection.sent()).containsExactly("r0", "r1", "r0", "r0");
        assertThat(connection.attempt(3).sentNanos - refusedAgainAt).as("the second round waits twice as long")
                .isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        outbox.completed(connection.attempt(3), 0, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 5);
        assertThat(connection.sent().get(4)).isEqualTo("r1");
        assertThat(stats.refused()).isEqualTo(3);
    }

    @Test
    void anInvalidReadingIsRejectedAndNotPublishedAgain() throws Exception {
        final Outbox outbox = outbox(Duration.ofMillis(50), 100);
        publish(outbox, "bad", "good");

        outbox.completed(connection.attempt(0), 0x99, "NON_FINITE: temperature is NaN");
        outbox.completed(connection.attempt(1), 0, null);

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 2);
        assertThat(stats.rejected()).isEqualTo(1);
        assertThat(stats.rejectionsByReason()).containsEntry("PAYLOAD_FORMAT_INVALID (0x99)", 1L);
        assertThat(stats.acked()).isEqualTo(1);
        assertThat(stats.refused() + stats.failed()).isZero();
        assertThat(stats.inFlight()).isZero();
    }

    @Test
    void aReadingTheClientIsNotAuthorizedToPublishIsGivenUp() throws Exception {
        final Outbox outbox = outbox(Duration.ofMillis(50), 100);
        publish(outbox, "r0");

        outbox.completed(connection.attempt(0), 0x87, null);

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 1);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.failuresByReason()).containsOnlyKeys("the broker refused the reading: NOT_AUTHORIZED (0x87)");
        assertThat(outbox.outstanding()).isZero();
    }

    @Test
    void whenTheQueueIsFullNewReadingsFail() throws Exception {
        final Outbox outbox = outbox(Duration.ofSeconds(5), 2);
        publish(outbox, "r0");
        outbox.completed(connection.attempt(0), KAFKA_UNAVAILABLE, KAFKA_REASON);

        publish(outbox, "r1", "r2");

        assertThat(outbox.waiting()).isEqualTo(2);
        assertThat(stats.failuresByReason()).containsOnlyKeys(Outbox.QUEUE_FULL);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(outbox.outstanding()).isEqualTo(2);
    }

    @Test
    void closingFailsTheReadingsStillWaiting() throws Exception {
        final Outbox outbox = outbox(Duration.ofMillis(100), 100);
        publish(outbox, "r0");
        outbox.completed(connection.attempt(0), KAFKA_UNAVAILABLE, KAFKA_REASON);

        assertThat(outbox.close()).isEqualTo(1);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 1);
        assertThat(stats.failuresByReason()).containsOnlyKeys(Outbox.CLOSED);
        assertThat(outbox.outstanding()).isZero();
        assertThat(stats.inFlight()).isZero();
    }

    @Test
    void aProbeCutOffByAConnectionLossDoesNotStallTheReadingsBehindIt() throws Exception {
        final Outbox outbox = outbox(Duration.ofMillis(50), 100);
        publish(outbox, "r0", "r1");
        outbox.completed(connection.attempt(0), KAFKA_UNAVAILABLE, KAFKA_REASON);
        outbox.completed(connection.attempt(1), KAFKA_UNAVAILABLE, KAFKA_REASON);
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 3);

        // the connection went with the probe: it goes again, first, and the reading behind it follows
        outbox.lost(connection.attempt(2), new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST));

        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 4);
        assertThat(connection.sent()).containsExactly("r0", "r1", "r0", "r0");
        outbox.completed(connection.attempt(3), 0, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 5);
        assertThat(connection.sent()).containsExactly("r0", "r1", "r0", "r0", "r1");
        outbox.completed(connection.attempt(4), 0, null);
        assertThat(stats.acked()).isEqualTo(2);
        assertThat(outbox.outstanding()).isZero();
    }

    @Test
    void readingsCutOffByAConnectionLossAreSentAgainInOrderBeforeLaterOnes() throws Exception {
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final Outbox outbox = new Outbox(connection, stats,
                (topic, payload) -> acknowledged.add(new String(payload, StandardCharsets.UTF_8)), timer, 100, 100,
                new ResendBackoff(Duration.ofMillis(50), Duration.ofMillis(400)));
        publish(outbox, "r0", "r1", "r2");
        outbox.completed(connection.attempt(0), 0, null);
        // the connection breaks with r1 and r2 in flight; the client lands on a node without its session
        final MqttException lost = new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST);
        outbox.lost(connection.attempt(2), lost);
        outbox.lost(connection.attempt(1), lost);
        publish(outbox, "r3");

        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 6);
        assertThat(connection.sent()).containsExactly("r0", "r1", "r2", "r1", "r2", "r3");
        outbox.completed(connection.attempt(1), 0, null);   // the transport's own resend: not reported again
        for (int i = 3; i < 6; i++) {
            outbox.completed(connection.attempt(i), 0, null);
        }

        assertThat(acknowledged).containsExactly("r0", "r1", "r2", "r3");
        assertThat(stats.acked()).isEqualTo(4);
        assertThat(stats.failed()).isZero();
        assertThat(outbox.outstanding()).isZero();
        assertThat(stats.inFlight()).isZero();
    }

    @Test
    void theListenerHearsOfAcceptedReadingsOnlyOnceEach() throws Exception {
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final Outbox outbox = new Outbox(connection, stats,
                (topic, payload) -> acknowledged.add(topic + " " + new String(payload, StandardCharsets.UTF_8)), timer,
                100, 100, new ResendBackoff(Duration.ofMillis(50), Duration.ofMillis(400)));
        publish(outbox, "r0", "r1", "r2", "r3");

        outbox.completed(connection.attempt(0), KAFKA_UNAVAILABLE, KAFKA_REASON);   // refused: sent again
        outbox.completed(connection.attempt(1), 0x99, "invalid");                    // rejected
        outbox.completed(connection.attempt(2), 0x87, null);                         // not authorized: given up
        outbox.completed(connection.attempt(3), 0x10, null);                         // accepted, no subscribers
        outbox.completed(connection.attempt(3), 0, null);                            // reported twice
        assertThat(acknowledged).containsExactly("factory/machines/MACHINE_001/sensors r3");

        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 5);
        outbox.completed(connection.attempt(4), 0, null);

        assertThat(acknowledged).containsExactly("factory/machines/MACHINE_001/sensors r3",
                "factory/machines/MACHINE_001/sensors r0");
        assertThat(stats.acked()).isEqualTo(acknowledged.size());
    }

    @Test
    void aFailingListenerDoesNotStopTheOutbox() throws Exception {
        final Outbox outbox = new Outbox(connection, stats, (topic, payload) -> {
            throw new IllegalStateException("the listener's bug");
        }, timer, 100, 100, ResendBackoff.defaults());
        publish(outbox, "r0", "r1");
        outbox.completed(connection.attempt(0), 0, null);
        outbox.completed(connection.attempt(1), 0, null);

        assertThat(stats.acked()).isEqualTo(2);
        assertThat(outbox.outstanding()).isZero();
    }

    @Test
    void aReadingThatCannotBeSentIsGivenUpAndTheOnesBehindItFollow() throws Exception {
        final Outbox outbox = outbox(Duration.ofMillis(50), 100);
        publish(outbox, "r0", "r1");
        connection.failNextSend = true;
        outbox.completed(connection.attempt(0), KAFKA_UNAVAILABLE, KAFKA_REASON);
        outbox.completed(connection.attempt(1), KAFKA_UNAVAILABLE, KAFKA_REASON);

        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 3);

        assertThat(connection.sent()).containsExactly("r0", "r1", "r1");
        assertThat(stats.failed()).isEqualTo(1);
        outbox.completed(connection.attempt(2), 0, null);
        assertThat(outbox.outstanding()).isZero();
    }

    @Test
    void aClientLibraryThatRefusesToSendDoesNotHoldUpThePublishingThread() throws Exception {
        final Outbox outbox = outbox(Duration.ofMillis(50), 100);
        connection.refuseSends = true;

        // the thread that publishes for every machine comes back at once; the readings wait, in order
        publish(outbox, "r0", "r1", "r2");

        assertThat(connection.sent()).isEmpty();
        assertThat(outbox.waiting()).isEqualTo(3);
        assertThat(outbox.outstanding()).isEqualTo(3);
        assertThat(stats.failed()).isZero();

        connection.refuseSends = false;
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 3);
        assertThat(connection.sent()).containsExactly("r0", "r1", "r2");
        publish(outbox, "r3");
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.sent().size() == 4);
        assertThat(connection.sent()).containsExactly("r0", "r1", "r2", "r3");
        for (int i = 0; i < 4; i++) {
            outbox.completed(connection.attempt(i), 0, null);
        }
        assertThat(stats.acked()).isEqualTo(4);
        assertThat(outbox.outstanding()).isZero();
    }

    /** Records what is sent; the test answers each attempt. */
    private static final class FakeConnection implements Outbox.Transport {
        private final List<Outbox.Attempt> attempts = new CopyOnWriteArrayList<>();
        private volatile boolean failNextSend;
        /** Paho's answer when its own count of messages in flight is at the broker's receive maximum. */
        private volatile boolean refuseSends;

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public void send(final Outbox.Attempt attempt) throws MqttException {
            if (refuseSends) {
                throw new MqttException(MqttClientException.REASON_CODE_MAX_INFLIGHT);
            }
            if (failNextSend) {
                failNextSend = false;
                throw new IllegalStateException("the client cannot send this message");
            }
            attempts.add(attempt);
        }

        Outbox.Attempt attempt(final int index) {
            return attempts.get(index);
        }

        List<String> sent() {
            return attempts.stream().map(a -> new String(a.reading.payload(), StandardCharsets.UTF_8)).toList();
        }
    }
}
