package dev.pdm.iiot.hivemq.security.it;

import dev.pdm.iiot.hivemq.security.EmbeddedSecurity;
import dev.pdm.iiot.hivemq.security.config.SecurityConfig;
import dev.pdm.iiot.localstack.mqtt.MqttBroker;
import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker whose accounts cannot be read is closed, not open: an embedded HiveMQ without an
 * authenticator would let every client in, so the extension refuses every client instead and says why.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MisconfiguredSecurityIT {

    @Test
    void withoutItsCredentialsFileTheBrokerRefusesEveryClient(@TempDir final Path dir) throws Exception {
        final Path missing = dir.resolve("no-such-credentials");
        final EmbeddedSecurity security = EmbeddedSecurity.of(SecurityConfig.defaults(missing));

        try (MqttBroker broker = new MqttBroker(MqttBrokerConfig.loopback(dir.resolve("hivemq"),
                MqttPersistence.IN_MEMORY), security::extension)) {
            broker.start();

            assertThat(security.main().isRunning()).isFalse();
            assertThat(security.main().failure()).hasValueSatisfying(reason -> assertThat(reason).contains(
                    missing.toString()));
            assertThat(Mqtt5.refusal(broker.uri(), "anonymous", null, null)).isEqualTo(Mqtt5.NOT_AUTHORIZED);
            assertThat(Mqtt5.refusal(broker.uri(), "someone", "MACHINE_001", "some-password"))
                    .isEqualTo(Mqtt5.NOT_AUTHORIZED);
            assertThat(Mqtt3.refusal(broker.uri(), "anonymous-3", null, null)).isEqualTo(Mqtt3.NOT_AUTHORIZED);
        }
    }

    @Test
    void aMalformedCredentialsFileNamesItsLineAndRefusesEveryClient(@TempDir final Path dir) throws Exception {
        final Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "MACHINE_001:device:not-a-hash-secret\n");
        final EmbeddedSecurity security = EmbeddedSecurity.of(SecurityConfig.defaults(credentials));

        try (MqttBroker broker = new MqttBroker(MqttBrokerConfig.loopback(dir.resolve("hivemq"),
                MqttPersistence.IN_MEMORY), security::extension)) {
            broker.start();

            assertThat(security.main().failure()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("line 1").doesNotContain("not-a-hash-secret"));
            assertThat(Mqtt5.refusal(broker.uri(), "anonymous", null, null)).isEqualTo(Mqtt5.NOT_AUTHORIZED);
        }
    }
}
