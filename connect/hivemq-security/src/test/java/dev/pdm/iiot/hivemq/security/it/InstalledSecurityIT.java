package dev.pdm.iiot.hivemq.security.it;

import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.localstack.Ports;
import dev.pdm.iiot.security.cli.Accounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The extension as a plant installs it: the folder the build packages, copied into the
 * {@code extensions/} folder of a HiveMQ CE broker running in a process of its own, its accounts in
 * {@code conf/credentials} beside its settings; HiveMQ loads it in a class loader of its own.
 */
class InstalledSecurityIT {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theInstalledExtensionAuthenticatesAndAuthorizes(@TempDir final Path home) throws Exception {
        final Path packaged = Path.of(System.getProperty("security.extension.folder", "target/missing"));
        assertThat(packaged.resolve("hivemq-extension.xml")).as("the packaged extension (mvn package)").exists();
        final Path installed = home.resolve("extensions").resolve("pdm-security");
        copy(packaged, installed);
        final String password = Accounts.add(installed.resolve("conf/credentials"), "MACHINE_001", Set.of("device"));
        final String alerts = Accounts.add(installed.resolve("conf/credentials"), "alerts", Set.of("alert-consumer"));
        final Path log = Path.of("target", "installed-security-broker.log");

        try (StandaloneBroker broker = StandaloneBroker.start(home, Ports.resolve(0), log)) {
            assertThat(Mqtt5.refusal(broker.uri(), "anonymous", null, null)).isEqualTo(Mqtt5.NOT_AUTHORIZED);
            assertThat(Mqtt5.refusal(broker.uri(), "wrong", "MACHINE_001", "not-its-password"))
                    .isEqualTo(Mqtt5.BAD_USER_NAME_OR_PASSWORD);
            try (Mqtt5 device = Mqtt5.connect(broker.uri(), "device", "MACHINE_001", password, null);
                 Mqtt5 consumer = Mqtt5.connect(broker.uri(), "consumer", "alerts", alerts, null)) {
                assertThat(device.publish(MqttTopics.sensors("MACHINE_001"), SecuredBrokerIT.reading("MACHINE_001")))
                        .isEqualTo(Mqtt5.SUCCESS);
                assertThat(device.publish(MqttTopics.sensors("MACHINE_002"), SecuredBrokerIT.reading("MACHINE_002")))
                        .isEqualTo(Mqtt5.NOT_AUTHORIZED);
                assertThat(consumer.subscribe(MqttTopics.SENSORS_FILTER)).isEqualTo(Mqtt5.NOT_AUTHORIZED);
                assertThat(consumer.subscribe(MqttTopics.ALERTS)).isEqualTo(1);
            }
            await("the start logged").atMost(Duration.ofSeconds(10))
                    .until(() -> Files.readString(log).contains("MQTT security started: 2 accounts"));
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
