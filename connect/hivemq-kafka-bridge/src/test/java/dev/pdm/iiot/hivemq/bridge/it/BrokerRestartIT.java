package dev.pdm.iiot.hivemq.bridge.it;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HiveMQ (file persistence) stops and starts again while devices with persistent sessions publish:
 * they reconnect to the same sessions, send what was not acknowledged again, and every reading ends
 * up in Kafka.
 */
class BrokerRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerRestartIT.class);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aBrokerRestartLosesNoReading() throws Exception {
        try (BridgeStack stack = BridgeStack.start(MqttPersistence.FILE, UnaryOperator.identity());
             Devices mqtt5 = Devices.connect(10, i -> new Mqtt5Device(stack.mqttUri(), "V5_" + i, 20, true));
             Devices mqtt3 = Devices.connect(10, i -> new Mqtt3Device(stack.mqttUri(), "V3_" + i, 20));
             Telemetry telemetry = new Telemetry(stack.bootstrapServers(), KafkaTopics.TELEMETRY)) {
            final List<Device> all = List.of(mqtt5.all(), mqtt3.all()).stream().flatMap(List::stream).toList();
            try (Driver driver = new Driver(all, 20)) {
                await("readings flowing").atMost(Duration.ofSeconds(30)).until(() -> mqtt5.acked() + mqtt3.acked() > 2_000);

                stack.stack().mqtt().stop();
                final long ackedWhileDown = mqtt5.acked() + mqtt3.acked();
                stack.stack().mqtt().start();

                await("devices back and acknowledged").atMost(Duration.ofMinutes(1))
                        .until(() -> mqtt5.acked() + mqtt3.acked() > ackedWhileDown + 2_000);
                final long published = driver.stop();
                Devices.awaitAllAcknowledged(all, Duration.ofMinutes(2));
                await("every reading in Kafka").atMost(Duration.ofMinutes(1)).until(() -> {
                    telemetry.poll();
                    return all.stream().allMatch(d -> telemetry.seqs(d.machine()).stream().distinct().count() == published);
                });

                final List<Long> expected = LongStream.range(0, published).boxed().toList();
                for (final Device device : all) {
                    assertThat(device.acked()).as(device.machine()).containsExactlyInAnyOrderElementsOf(expected);
                    assertThat(telemetry.seqs(device.machine())).as(device.machine()).containsAll(expected);
                }
                assertThat(mqtt5.connectionsLost() + mqtt3.connectionsLost()).as("the restart was seen").isPositive();
                LOG.info("{} readings of {} devices across a broker restart, all in Kafka ({} sent more than once)",
                        published * all.size(), all.size(), telemetry.count() - telemetry.distinctReadings());
            }
        }
    }
}
