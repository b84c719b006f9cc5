package dev.pdm.iiot.simulator.mqtt;

import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.testing.ReadingSubscriber;
import dev.pdm.iiot.simulator.testing.RefusingExtension;
import dev.pdm.iiot.simulator.testing.RefusingInterceptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator as a device of the platform whose broker acknowledges a reading only once Kafka
 * stored it: HiveMQ with a test extension that refuses readings as the Kafka bridge does
 * ({@code IMPLEMENTATION_SPECIFIC_ERROR}, "publish it again") and rejects invalid ones
 * ({@code PAYLOAD_FORMAT_INVALID}).
 */
@Timeout(180)
class RefusedReadingsIT {

    private static final RefusingInterceptor BROKER = new RefusingInterceptor();
    private static final Pattern SEQ = Pattern.compile("\"machine_id\":\"(\\w+)\".*\"seq\":(\\d+)");
    private static LocalStack stack;

    @BeforeAll
    static void startBroker() {
        stack = LocalStack.builder().mqttPersistence(MqttPersistence.IN_MEMORY).withConnect(false)
                .mqttExtension(bootstrap -> RefusingExtension.embedded(BROKER)).build().start();
    }

    @AfterAll
    static void stopBroker() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void resetBroker() {
        BROKER.reset();
    }

    private static String json(final String machine, final long seq, final boolean invalid) {
        return "{\"machine_id\":\"" + machine + "\",\"timestamp\":\"2025-11-21T21:27:22.123Z\",\"seq\":" + seq
                + ",\"temperature\":65.0" + (invalid ? "," + RefusingInterceptor.BAD_MARK : "") + "}";
    }

    private static void publish(final MqttPublisher publisher, final String machine, final String json)
            throws InterruptedException {
        publisher.accept(TelemetryReading.of(machine, Instant.now(), Map.of("temperature", 65.0)),
                json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(MqttSettings.Transport.class)
    void refusedReadingsArePublishedAgainAndAcknowledgedExactlyOnceInvalidOnesAreNot(final MqttSettings.Transport transport)
            throws Exception {
        BROKER.refuseNext(10);
        final PublishStats stats = new PublishStats();
        final List<String> good = new ArrayList<>();
        int invalid = 0;

        try (ReadingSubscriber subscriber = ReadingSubscriber.subscribe(stack.mqttUri(), "it-refused-sub", false)) {
            final MqttPublisher publisher = MqttPublisher.connect(
                    MqttSettings.defaults(stack.mqttUri()).withClients(2).withClientIdPrefix("it-refused").withTransport(transport), stats);
            try {
                for (long seq = 0; seq < 20; seq++) {
                    for (final String machine : MachineIds.first(3)) {
                        final boolean bad = machine.equals(MachineIds.of(2)) && seq % 5 == 3;
                        final String json = json(machine, seq, bad);
                        publish(publisher, machine, json);
                        if (bad) {
                            invalid++;
                        } else {
                            good.add(json);
                        }
                    }
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> stats.acked() + stats.rejected() + stats.failed() >= 60);
            } finally {
                publisher.close();
            }

            assertThat(BROKER.refused()).isEqualTo(10);
            assertThat(stats.refused()).as("every refusal counted").isEqualTo(10);
            assertThat(stats.refusalsByReason()).containsOnlyKeys("IMPLEMENTATION_SPECIFIC_ERROR (0x83)");
            assertThat(stats.rejected()).isEqualTo(invalid).isEqualTo(BROKER.rejected()).isEqualTo(4);
            assertThat(stats.rejectionsByReason()).containsOnlyKeys("PAYLOAD_FORMAT_INVALID (0x99)");
            assertThat(stats.acked()).isEqualTo(good.size());
            assertThat(stats.failed()).isZero();
            assertThat(stats.inFlight()).isZero();
            assertThat(BROKER.accepted()).as("each good reading accepted exactly once, no invalid one")
                    .containsExactlyInAnyOrderElementsOf(good);
            await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.received().size() >= good.size());
            assertThat(subscriber.received().stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8)))
                    .containsExactlyInAnyOrderElementsOf(good);
        }
    }

    @ParameterizedTest
    @EnumSource(MqttSettings.Transport.class)
    void whileKafkaIsDownReadingsWaitAndReachTheBrokerInTheirOrder(final MqttSettings.Transport transport) throws Exception {
        BROKER.kafkaDown(true);
        final PublishStats stats = new PublishStats();
        final MqttPublisher publisher = MqttPublisher.connect(
                MqttSettings.defaults(stack.mqttUri()).withClients(2).withClientIdPrefix("it-down").withTransport(transport), stats);
        try {
            for (long seq = 0; seq < 10; seq++) {
                for (final String machine : MachineIds.first(3)) {
                    publish(publisher, machine, json(machine, seq, false));
                }
            }
            // each client's oldest reading refused, then refused again as the client's first probe
            await().atMost(Duration.ofSeconds(30)).until(() -> BROKER.timesRefused(json(MachineIds.of(1), 0, false)) >= 2
                    && BROKER.timesRefused(json(MachineIds.of(2), 0, false)) >= 2);
            for (long seq = 10; seq < 20; seq++) {
                for (final String machine : MachineIds.first(3)) {
                    publish(publisher, machine, json(machine, seq, false));
                }
            }
            assertThat(BROKER.accepted()).isEmpty();

            BROKER.kafkaDown(false);

            await().atMost(Duration.ofSeconds(60)).until(() -> stats.acked() >= 60);
        } finally {
            publisher.close();
        }
        assertThat(stats.acked()).isEqualTo(60);
        assertThat(stats.failed() + stats.rejected()).isZero();
        assertThat(stats.refused()).isEqualTo(BROKER.refused())
                .as("while refused, a client tries one reading per round, not its whole queue").isLessThan(45);
        for (final String machine : MachineIds.first(3)) {
            assertThat(seqsAcceptedOf(machine)).as(machine + " in order")
                    .containsExactlyElementsOf(LongStream.range(0, 20).boxed().toList());
        }
    }

    private static List<Long> seqsAcceptedOf(final String machine) {
        final List<Long> seqs = new ArrayList<>();
        for (final String payload : BROKER.accepted()) {
            final Matcher m = SEQ.matcher(payload);
            if (m.find() && m.group(1).equals(machine)) {
                seqs.add(Long.parseLong(m.group(2)));
            }
        }
        return seqs;
    }
}
