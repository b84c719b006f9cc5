package dev.pdm.iiot.hivemq.bridge.it;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.Ports;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The extension as a plant installs it: the folder the build packages, copied into the
 * {@code extensions/} folder of a HiveMQ CE broker running in a process of its own, with its
 * settings in {@code conf/config.properties}; HiveMQ loads it in a class loader of its own, with the
 * Kafka client and everything else it needs from the folder.
 */
class InstalledExtensionIT {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theInstalledExtensionBridgesReadingsIntoKafka(@TempDir final Path home) throws Exception {
        final Path packaged = Path.of(System.getProperty("bridge.extension.folder", "target/missing"));
        assertThat(packaged.resolve("hivemq-extension.xml")).as("the packaged extension (mvn package)").exists();
        try (LocalStack kafka = LocalStack.builder().withConnect(false).mqttPersistence(MqttPersistence.IN_MEMORY)
                .build().start()) {
            final Path installed = home.resolve("extensions").resolve("pdm-kafka-bridge");
            copy(packaged, installed);
            Files.writeString(installed.resolve("conf/config.properties"),
                    "kafka.bootstrap.servers=" + kafka.bootstrapServers() + "\nproducer.linger.ms=0\n");

            try (StandaloneBroker broker = StandaloneBroker.start(home, Ports.resolve(0),
                         Path.of("target", "installed-extension-broker.log"));
                 Devices devices = Devices.connect(5, i -> new Mqtt5Device(broker.uri(), "INSTALLED_" + i, 10, false));
                 Telemetry telemetry = new Telemetry(kafka.bootstrapServers(), KafkaTopics.TELEMETRY)) {
                for (long seq = 0; seq < 20; seq++) {
                    for (final Device device : devices.all()) {
                        device.publish(seq);
                    }
                }
                Devices.awaitAllAcknowledged(devices.all(), Duration.ofSeconds(60));
                await("readings in Kafka").atMost(Duration.ofSeconds(30)).until(() -> telemetry.poll().count() >= 100);
                for (final Device device : devices.all()) {
                    assertThat(telemetry.seqs(device.machine())).as(device.machine())
                            .isEqualTo(LongStream.range(0, 20).boxed().toList());
                }
            }
        }
    }

    private static void copy(final Path from, final Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (final Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                final Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
