package dev.pdm.iiot.hivemq.bridge.it;

import dev.pdm.iiot.events.KafkaTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka goes away for 30 s while devices of both MQTT versions publish: nothing is acknowledged
 * that Kafka does not have. MQTT 5 devices are refused with a reason code, MQTT 3 devices are
 * disconnected; both send again, and once Kafka is back every reading arrives.
 */
class KafkaOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaOutageIT.class);
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void devicesAreRefusedWhileKafkaIsDownAndEveryAcknowledgedReadingIsInKafkaAfterwards() throws Exception {
        try (BridgeStack stack = BridgeStack.start();
             Devices mqtt5 = Devices.connect(10, i -> new Mqtt5Device(stack.mqttUri(), "V5_" + i, 20, true));
             Devices mqtt3 = Devices.connect(10, i -> new Mqtt3Device(stack.mqttUri(), "V3_" + i, 20));
             Telemetry telemetry = new Telemetry(stack.bootstrapServers(), KafkaTopics.TELEMETRY)) {
            final List<Device> all = List.of(mqtt5.all(), mqtt3.all()).stream().flatMap(List::stream).toList();
            try (Driver driver = new Driver(all, 100)) {
                await("readings flowing").atMost(Duration.ofSeconds(30)).until(() -> mqtt5.acked() + mqtt3.acked() > 200);

                stack.stack().kafka().stop();
                final Set<String> ackedBeforeRestart;
                final long outageStarted = System.nanoTime();
                await("devices refused for the whole outage").pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(60))
                        .until(() -> mqtt5.refusals() > 0 && mqtt3.connectionsLost() > 0);
                ackedBeforeRestart = ackedIds(all);
                stack.stack().kafka().start();
                LOG.info("Kafka was down for {} s: {} refusals to MQTT 5 devices, {} disconnects of MQTT 3 devices",
                        (System.nanoTime() - outageStarted) / 1_000_000_000, mqtt5.refusals(), mqtt3.connectionsLost());

                await("readings flowing again").atMost(Duration.ofMinutes(1))
                        .until(() -> ackedIds(all).size() > ackedBeforeRestart.size() + 200);
                final long published = driver.stop();
                Devices.awaitAllAcknowledged(all, Duration.ofMinutes(2));

                final Set<String> acked = ackedIds(all);
                await("every acknowledged reading in Kafka").atMost(Duration.ofMinutes(1))
                        .until(() -> inKafka(telemetry.poll(), all).containsAll(acked));
                for (final Device device : all) {
                    assertThat(device.acked()).as(device.machine())
                            .containsExactlyInAnyOrderElementsOf(LongStream.range(0, published).boxed().toList());
                }
                assertThat(mqtt5.refusals()).as("MQTT 5 devices told to send again").isPositive();
                assertThat(mqtt3.connectionsLost()).as("MQTT 3 devices disconnected").isPositive();
                assertThat(stack.bridge().metrics().refusedCount()).isPositive();
                LOG.info("{} readings of {} devices acknowledged, all in Kafka ({} records: {} sent more than once)",
                        acked.size(), all.size(), telemetry.count(), telemetry.count() - telemetry.distinctReadings());
            }
        }
    }

    private static Set<String> ackedIds(final List<Device> devices) {
        final Set<String> ids = new HashSet<>();
        for (final Device device : devices) {
            device.acked().forEach(seq -> ids.add(device.machine() + "#" + seq));
        }
        return ids;
    }

    private static Set<String> inKafka(final Telemetry telemetry, final List<Device> devices) {
        final Set<String> ids = new HashSet<>();
        for (final Device device : devices) {
            telemetry.seqs(device.machine()).forEach(seq -> ids.add(device.machine() + "#" + seq));
        }
        return ids;
    }
}
