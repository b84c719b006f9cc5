package dev.pdm.iiot.hivemq.bridge.it;

import dev.pdm.iiot.bridge.BridgeSettings;
import dev.pdm.iiot.bridge.testing.HostilePayloads;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.transport.NoDelaySocketFactory;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared corpus of hostile payloads and a flood from one client, published through the bridge
 * among devices that publish valid readings: everything the broker takes ends as a dead letter with
 * its reason and a bounded excerpt, larger packets are refused at the broker, every device's next
 * valid reading is accepted within seconds, and the other devices never stop.
 */
class HostileInputIT {

    private static final Logger LOG = LoggerFactory.getLogger(HostileInputIT.class);
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(10);
    private static final int FLOOD = 20_000;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void hostileInputIsRefusedOrDeadLetteredAndNobodyElseNotices() throws Exception {
        // HiveMQ resumes one paused publish per client at a time, so the flood's single client goes at the
        // pace of one Kafka round trip per message: without the producer's 5 ms linger that round trip is
        // the broker's answer alone
        try (BridgeStack stack = BridgeStack.start(MqttPersistence.IN_MEMORY,
                config -> config.withProducerSetting("linger.ms", "0"));
             Devices devices = Devices.connect(20, i -> new Mqtt5Device(stack.mqttUri(), "GOOD_" + i, 10, false));
             Driver driver = new Driver(devices.all(), 100);
             Telemetry deadLetters = new Telemetry(stack.bootstrapServers(), KafkaTopics.TELEMETRY_DLQ)) {
            await("readings flowing").atMost(Duration.ofSeconds(30)).until(() -> devices.acked() > 200);

            final List<HostilePayloads.Case> corpus3 = HostilePayloads.all("HOSTILE_3");
            final Map<String, String> outcomes3 = new HashMap<>();
            for (final HostilePayloads.Case hostile : corpus3) {
                outcomes3.put(hostile.name(), publishAsMqtt3(stack.mqttUri(), "HOSTILE_3", hostile.payload()));
            }
            final List<HostilePayloads.Case> corpus5 = HostilePayloads.all("HOSTILE_5");
            final Map<String, String> outcomes5 = new java.util.LinkedHashMap<>();
            try (Mqtt5Publisher hostile5 = new Mqtt5Publisher(stack.mqttUri(), "HOSTILE_5")) {
                for (final HostilePayloads.Case hostile : corpus5) {
                    outcomes5.put(hostile.name(), hostile5.publish(hostile.payload()));
                }
                LOG.info("MQTT 5 device's outcomes: {}", outcomes5);
                assertThat(hostile5.publish(HostilePayloads.reading("HOSTILE_5", 1))).as("MQTT 5 device's next reading")
                        .isEqualTo("accepted");
            }
            assertThat(publishAsMqtt3(stack.mqttUri(), "HOSTILE_3", HostilePayloads.reading("HOSTILE_3", 1)))
                    .as("MQTT 3 device's next reading").isEqualTo("accepted");

            for (final HostilePayloads.Case hostile : corpus3) {
                assertThat(outcomes3.get(hostile.name())).as("MQTT 3: " + hostile)
                        .isEqualTo(hostile.refusedByTheBroker() ? "disconnected" : "accepted");
            }
            for (final HostilePayloads.Case hostile : corpus5) {
                if (hostile.refusedByTheBroker()) {
                    assertThat(outcomes5.get(hostile.name())).as("MQTT 5: " + hostile)
                            .isIn("too large for the broker", "disconnected");
                } else {
                    assertThat(outcomes5.get(hostile.name())).as("MQTT 5: " + hostile)
                            .isEqualTo("refused with reason code 0x99");
                }
            }
            final long rejectable = corpus3.stream().filter(c -> !c.refusedByTheBroker()).count();
            await("a dead letter for every rejected payload").atMost(WITHIN_SECONDS)
                    .until(() -> deadLetters.poll().count() >= 2 * rejectable);
            for (final String machine : List.of("HOSTILE_3", "HOSTILE_5")) {
                final List<String> reasons = deadLetters.records().stream().filter(r -> machine.equals(r.key()))
                        .map(r -> Telemetry.header(r, DeadLetterHeaders.REASON)).toList();
                assertThat(reasons).as(machine).containsExactlyElementsOf(HostilePayloads.all(machine).stream()
                        .filter(c -> !c.refusedByTheBroker()).map(c -> c.reason().name()).toList());
            }
            for (final ConsumerRecord<String, byte[]> letter : deadLetters.records()) {
                assertThat(letter.value().length).isLessThanOrEqualTo(BridgeSettings.DEFAULT_DLQ_EXCERPT_BYTES);
                assertThat(Telemetry.header(letter, DeadLetterHeaders.REJECTED_BY)).isEqualTo("hivemq-kafka-bridge");
                assertThat(Telemetry.header(letter, DeadLetterHeaders.DETAIL)).isNotBlank();
            }
            assertEveryDeviceStillGetsThrough(devices);

            final long flooded = flood(stack.mqttUri());
            assertEveryDeviceStillGetsThrough(devices);
            await("the flood handled").atMost(Duration.ofMinutes(2))
                    .until(() -> deadLetters.poll().count() >= 2 * rejectable + FLOOD / 2);
            assertThat(stack.bridge().metrics().refusedCount()).isZero();
            LOG.info("corpus of {} payloads twice and a flood of {} from one client ({} s): {} dead letters, "
                            + "{} readings forwarded meanwhile", corpus3.size(), FLOOD, flooded,
                    deadLetters.count(), stack.bridge().metrics().forwardedCount());
            driver.stop();
        }
    }

    /** Every device of the fleet gets a reading acknowledged within seconds from now. */
    private static void assertEveryDeviceStillGetsThrough(final Devices devices) {
        final Map<String, Integer> before = new HashMap<>();
        devices.all().forEach(d -> before.put(d.machine(), d.acked().size()));
        await("every device's next reading accepted").atMost(WITHIN_SECONDS).until(() -> devices.all().stream()
                .allMatch(d -> d.acked().size() > before.get(d.machine())));
    }

    /**
     * One MQTT 3.1.1 device publishing one payload on a clean session: {@code accepted} (PUBACK) or
     * {@code disconnected} (the broker closed the connection).
     */
    private static String publishAsMqtt3(final String uri, final String machine, final byte[] payload) throws Exception {
        final org.eclipse.paho.client.mqttv3.MqttAsyncClient client = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(
                uri, "hostile3-" + machine, new MemoryPersistence());
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setSocketFactory(NoDelaySocketFactory.plain());
        client.connect(options).waitForCompletion(10_000);
        try {
            final org.eclipse.paho.client.mqttv3.MqttMessage message = new org.eclipse.paho.client.mqttv3.MqttMessage(payload);
            message.setQos(1);
            client.publish("factory/machines/" + machine + "/sensors", message).waitForCompletion(30_000);
            return "accepted";
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            return client.isConnected() ? "failed: " + e : "disconnected";
        } finally {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        }
    }

    /** One MQTT 3.1.1 client publishing {@value #FLOOD} messages, half of them bad, as fast as it can. */
    private static long flood(final String uri) throws Exception {
        final long started = System.nanoTime();
        final org.eclipse.paho.client.mqttv3.MqttAsyncClient client = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(
                uri, "flood", new MemoryPersistence());
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1_000);
        options.setSocketFactory(NoDelaySocketFactory.plain());
        client.connect(options).waitForCompletion(10_000);
        try {
            final List<org.eclipse.paho.client.mqttv3.IMqttDeliveryToken> tokens = new java.util.ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                final byte[] payload = i % 2 == 0 ? HostilePayloads.reading("FLOOD", i)
                        : ("{\"machine_id\": \"FLOOD\", \"rpm\": NaN, \"n\": " + i + "}").getBytes();
                final org.eclipse.paho.client.mqttv3.MqttMessage message =
                        new org.eclipse.paho.client.mqttv3.MqttMessage(payload);
                message.setQos(1);
                while (true) {
                    try {
                        tokens.add(client.publish("factory/machines/FLOOD/sensors", message));
                        break;
                    } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                        if (e.getReasonCode() != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT) {
                            throw e;
                        }
                        Thread.onSpinWait();
                    }
                }
            }
            for (final var token : tokens) {
                token.waitForCompletion(60_000);
            }
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
        return (System.nanoTime() - started) / 1_000_000_000;
    }

    /** One MQTT 5 device on a clean session, publishing and reading the PUBACK's reason code. */
    private static final class Mqtt5Publisher implements AutoCloseable {

        private final MqttAsyncClient client;
        private final MqttConnectionOptions options = new MqttConnectionOptions();
        private final String topic;

        Mqtt5Publisher(final String uri, final String machine) throws MqttException {
            client = new MqttAsyncClient(uri, "hostile5-" + machine, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            options.setSocketFactory(NoDelaySocketFactory.plain());
            client.connect(options).waitForCompletion(10_000);
            topic = "factory/machines/" + machine + "/sensors";
        }

        /** {@code accepted}, {@code refused with reason code 0x..}, {@code too large for the broker} or {@code disconnected}. */
        String publish(final byte[] payload) {
            await("MQTT 5 device connected").atMost(WITHIN_SECONDS).ignoreExceptions().until(() -> {
                if (!client.isConnected()) {
                    client.connect(options).waitForCompletion(5_000);
                }
                return client.isConnected();
            });
            try {
                final IMqttToken token = client.publish(topic, new MqttMessage(payload, 1, false, null));
                token.waitForCompletion(30_000);
                final int[] codes = token.getReasonCodes();
                final int code = codes == null || codes.length == 0 ? 0 : codes[0];
                return code < 0x80 ? "accepted" : "refused with reason code 0x" + Integer.toHexString(code);
            } catch (MqttException e) {
                if (e.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException
                        .REASON_CODE_OUTGOING_PACKET_TOO_LARGE) {
                    return "too large for the broker";
                }
                return e.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CONNECTION_LOST
                        || !client.isConnected() ? "disconnected" : "failed: " + e;
            }
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        }
    }
}
