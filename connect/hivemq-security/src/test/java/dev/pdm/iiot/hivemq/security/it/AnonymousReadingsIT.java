package dev.pdm.iiot.hivemq.security.it;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.hivemq.security.auth.Identity;
import dev.pdm.iiot.hivemq.security.config.SecurityConfig;
import dev.pdm.iiot.security.cli.Accounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With anonymous readings allowed, the prototype's devices connect without credentials and publish
 * readings, which reach Kafka; they may not subscribe nor publish anything else, and a client that
 * does send credentials is still checked.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AnonymousReadingsIT {

    @Test
    void anAnonymousClientPublishesAReadingButCannotSubscribe(@TempDir final Path dir) throws Exception {
        final Path credentials = dir.resolve("mqtt-credentials");
        Accounts.add(credentials, "MACHINE_KNOWN", Set.of("device"));
        try (SecuredStack stack = SecuredStack.start(SecurityConfig.defaults(credentials).withAnonymousReadings(true),
                dir.resolve("pki"));
             KafkaTopic telemetry = new KafkaTopic(stack.bootstrapServers(), KafkaTopics.TELEMETRY);
             Mqtt5 anonymous = Mqtt5.connect(stack.mqttUri(), "prototype-device", null, null, null);
             Mqtt3 anonymous3 = Mqtt3.connect(stack.mqttUri(), "prototype-device-3", null, null)) {

            assertThat(anonymous.publish(MqttTopics.sensors("MACHINE_001"), SecuredBrokerIT.reading("MACHINE_001")))
                    .isEqualTo(Mqtt5.SUCCESS);
            anonymous3.publish(MqttTopics.sensors("MACHINE_003"), SecuredBrokerIT.reading("MACHINE_003"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> telemetry.keys().containsAll(java.util.List.of("MACHINE_001", "MACHINE_003")));

            assertThat(anonymous.subscribe(MqttTopics.SENSORS_FILTER)).isEqualTo(Mqtt5.NOT_AUTHORIZED);
            assertThat(anonymous.subscribe("factory/#")).isEqualTo(Mqtt5.NOT_AUTHORIZED);
            assertThat(anonymous.publish(MqttTopics.ALERTS, "{}")).isEqualTo(Mqtt5.NOT_AUTHORIZED);
            assertThat(stack.security().main().metrics().acceptedCount(Identity.Method.ANONYMOUS)).isEqualTo(2);
            assertThat(Mqtt5.refusal(stack.mqttUri(), "wrong", "MACHINE_KNOWN", "not-its-password"))
                    .as("credentials sent are checked").isEqualTo(Mqtt5.BAD_USER_NAME_OR_PASSWORD);
        }
    }
}
