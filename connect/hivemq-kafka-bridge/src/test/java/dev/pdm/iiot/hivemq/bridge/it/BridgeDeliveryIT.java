package dev.pdm.iiot.hivemq.bridge.it;

import dev.pdm.iiot.events.KafkaTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bridge's guarantee on the happy path, at volume: every acknowledged reading in Kafka once, in order. */
class BridgeDeliveryIT {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeDeliveryIT.class);
    private static final int DEVICES = 1_000;
    private static final int READINGS = 100;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyReadingOfAThousandDevicesArrivesInKafkaExactlyOnceAndInOrder() throws Exception {
        final long connecting = System.nanoTime();
        try (BridgeStack stack = BridgeStack.start();
             Devices devices = Devices.connect(DEVICES,
                     i -> new Mqtt5Device(stack.mqttUri(), Devices.machine(i), 10, false));
             Telemetry telemetry = new Telemetry(stack.bootstrapServers(), KafkaTopics.TELEMETRY)) {
            LOG.info("stack started and {} devices connected in {} s", DEVICES, (System.nanoTime() - connecting) / 1_000_000_000);
            final long started = System.nanoTime();
            for (long seq = 0; seq < READINGS; seq++) {
                for (final Device device : devices.all()) {
                    device.publish(seq);
                }
            }
            await("every reading acknowledged").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                    .until(() -> devices.acked() == (long) DEVICES * READINGS);
            final double seconds = (System.nanoTime() - started) / 1e9;
            await("every reading in Kafka").atMost(Duration.ofMinutes(1))
                    .until(() -> telemetry.poll().count() >= (long) DEVICES * READINGS);

            final List<Long> expected = LongStream.range(0, READINGS).boxed().toList();
            for (final Device device : devices.all()) {
                assertThat(telemetry.seqs(device.machine())).as(device.machine()).isEqualTo(expected);
            }
            assertThat(telemetry.poll().count()).isEqualTo((long) DEVICES * READINGS);
            assertThat(devices.refusals()).isZero();
            assertThat(stack.bridge().metrics().forwardedCount()).isEqualTo((long) DEVICES * READINGS);
            assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new ObjectName("metrics", "name", "pdm.kafka-bridge.forwarded"), "Count"))
                    .as("the count on HiveMQ's JMX").isEqualTo((long) DEVICES * READINGS);
            LOG.info("{} readings of {} devices acknowledged in {} s ({} readings/s), each in Kafka once and in order",
                    DEVICES * READINGS, DEVICES, String.format("%.1f", seconds),
                    String.format("%.0f", DEVICES * READINGS / seconds));
        }
    }
}
