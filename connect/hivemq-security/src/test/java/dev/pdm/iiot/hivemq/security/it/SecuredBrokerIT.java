package dev.pdm.iiot.hivemq.security.it;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.hivemq.security.auth.Identity;
import dev.pdm.iiot.hivemq.security.config.SecurityConfig;
import dev.pdm.iiot.hivemq.security.metrics.SecurityMetrics;
import dev.pdm.iiot.security.cli.Accounts;
import dev.pdm.iiot.security.tls.ClientCertificate;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A real embedded HiveMQ CE with the security extension and the Kafka bridge embedded together, a real
 * in-process Kafka, a TLS listener with the development authority's certificate: who may connect, and
 * that what a client may not publish never reaches Kafka. The broker is shared by the tests; each
 * publishes for machines of its own, so that what it finds in Kafka is its own doing.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SecuredBrokerIT {

    private static final String DEVICE_A = "MACHINE_A";
    private static final String DEVICE_B = "MACHINE_B";
    private static final String DEVICE_3 = "MACHINE_MQTT3";
    private static final String GATEWAY = "simulator";
    private static final String ALERTS = "alerts-panel";
    private static final String CERTIFIED = "MACHINE_CERT";
    private static final Map<String, String> PASSWORDS = new HashMap<>();

    @TempDir
    static Path dir;
    private static SecuredStack stack;

    @BeforeAll
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    static void start() {
        final Path credentials = dir.resolve("mqtt-credentials");
        PASSWORDS.put(DEVICE_A, Accounts.add(credentials, DEVICE_A, Set.of("device")));
        PASSWORDS.put(DEVICE_B, Accounts.add(credentials, DEVICE_B, Set.of("device")));
        PASSWORDS.put(DEVICE_3, Accounts.add(credentials, DEVICE_3, Set.of("device")));
        PASSWORDS.put(GATEWAY, Accounts.add(credentials, GATEWAY, Set.of("gateway")));
        PASSWORDS.put(ALERTS, Accounts.add(credentials, ALERTS, Set.of("alert-consumer", "viewer")));
        PASSWORDS.put(CERTIFIED, Accounts.add(credentials, CERTIFIED, Set.of("device")));
        stack = SecuredStack.start(SecurityConfig.defaults(credentials).withClientCertificates(true), dir.resolve("pki"));
        assertThat(stack.security().main().isRunning()).as("security").isTrue();
        assertThat(stack.bridge().main().isRunning()).as("bridge").isTrue();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static SecurityMetrics metrics() {
        return stack.security().main().metrics();
    }

    static String reading(final String machine) {
        return "{\"machine_id\":\"" + machine + "\",\"timestamp\":\"2025-11-21T21:27:22.123456\",\"temperature\":71.2,"
                + "\"rpm\":1500}";
    }

    @Test
    void anAnonymousClientIsRefusedNotAuthorized() {
        final long before = metrics().refusedCount(SecurityMetrics.Refusal.NOT_AUTHORIZED);

        assertThat(Mqtt5.refusal(stack.mqttUri(), "anonymous-5", null, null)).isEqualTo(Mqtt5.NOT_AUTHORIZED);
        assertThat(Mqtt3.refusal(stack.mqttUri(), "anonymous-3", null, null)).isEqualTo(Mqtt3.NOT_AUTHORIZED);
        assertThat(metrics().refusedCount(SecurityMetrics.Refusal.NOT_AUTHORIZED)).isEqualTo(before + 2);
    }

    @Test
    void aWrongPasswordOrAnUnknownAccountIsRefusedBadUserNameOrPassword() throws Exception {
        final long before = metrics().refusedCount(SecurityMetrics.Refusal.BAD_CREDENTIALS);

        assertThat(Mqtt5.refusal(stack.mqttUri(), "wrong-5", DEVICE_A, "not-the-password")).isEqualTo(
                Mqtt5.BAD_USER_NAME_OR_PASSWORD);
        assertThat(Mqtt5.refusal(stack.mqttUri(), "nobody-5", "MACHINE_NOBODY", "whatever-it-is"))
                .isEqualTo(Mqtt5.BAD_USER_NAME_OR_PASSWORD);
        assertThat(Mqtt3.refusal(stack.mqttUri(), "wrong-3", DEVICE_A, "not-the-password"))
                .isEqualTo(Mqtt3.BAD_USER_NAME_OR_PASSWORD);
        assertThat(metrics().refusedCount(SecurityMetrics.Refusal.BAD_CREDENTIALS)).isEqualTo(before + 3);
        try (Mqtt5 right = Mqtt5.connect(stack.mqttUri(), "right-5", DEVICE_A, PASSWORDS.get(DEVICE_A), null)) {
            assertThat(right.isConnected()).isTrue();
        }
    }

    @Test
    void aDeviceCannotPublishAsAnotherAndNothingOfItReachesKafkaWhileItsOwnReadingsDo() throws Exception {
        final long refusedBefore = metrics().publishRefusedCount();
        final long forwardedBefore = stack.bridge().main().metrics().forwardedCount();
        try (KafkaTopic telemetry = new KafkaTopic(stack.bootstrapServers(), KafkaTopics.TELEMETRY);
             KafkaTopic deadLetters = new KafkaTopic(stack.bootstrapServers(), KafkaTopics.TELEMETRY_DLQ);
             Mqtt5 deviceA = Mqtt5.connect(stack.mqttUri(), "device-a", DEVICE_A, PASSWORDS.get(DEVICE_A), null)) {

            assertThat(deviceA.publish(MqttTopics.sensors(DEVICE_B), reading(DEVICE_B))).isEqualTo(Mqtt5.NOT_AUTHORIZED);
            assertThat(deviceA.publish(MqttTopics.sensors(DEVICE_A), reading(DEVICE_A))).isEqualTo(Mqtt5.SUCCESS);

            await("A's reading in Kafka").atMost(Duration.ofSeconds(30)).until(() -> telemetry.keys().contains(DEVICE_A));
            assertThat(telemetry.keys()).doesNotContain(DEVICE_B);
            assertThat(deadLetters.keys()).doesNotContain(DEVICE_B);
            assertThat(stack.bridge().main().metrics().forwardedCount()).isEqualTo(forwardedBefore + 1);
            assertThat(metrics().publishRefusedCount()).isEqualTo(refusedBefore + 1);
            assertThat(deviceA.isConnected()).as("an MQTT 5 device is told, not disconnected").isTrue();
        }
    }

    @Test
    void anMqtt3DevicePublishingAsAnotherIsDisconnected() throws Exception {
        try (KafkaTopic telemetry = new KafkaTopic(stack.bootstrapServers(), KafkaTopics.TELEMETRY);
             Mqtt3 device3 = Mqtt3.connect(stack.mqttUri(), "device-3", DEVICE_3, PASSWORDS.get(DEVICE_3))) {
            device3.publish(MqttTopics.sensors(DEVICE_3), reading(DEVICE_3));

            assertThatThrownBy(() -> device3.publish(MqttTopics.sensors("MACHINE_C"), reading("MACHINE_C")))
                    .isInstanceOf(org.eclipse.paho.client.mqttv3.MqttException.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !device3.isConnected());
            await("its own reading in Kafka").atMost(Duration.ofSeconds(30))
                    .until(() -> telemetry.keys().contains(DEVICE_3));
            assertThat(telemetry.keys()).doesNotContain("MACHINE_C");
        }
    }

    @Test
    void aWillOnATopicTheClientMayNotPublishToRefusesItsConnect() throws Exception {
        final long before = metrics().publishRefusedCount();

        assertThatThrownBy(() -> Mqtt5.connect(stack.mqttUri(), "will-as-alert", DEVICE_A, PASSWORDS.get(DEVICE_A),
                null, MqttTopics.ALERTS).close()).isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(Mqtt5.NOT_AUTHORIZED));
        assertThat(metrics().publishRefusedCount()).isEqualTo(before + 1);
        try (Mqtt5 own = Mqtt5.connect(stack.mqttUri(), "will-own", DEVICE_A, PASSWORDS.get(DEVICE_A), null,
                MqttTopics.sensors(DEVICE_A))) {
            assertThat(own.isConnected()).isTrue();
        }
    }

    @Test
    void anAlertConsumerSubscribesToAlertsButNotToReadings() throws Exception {
        final long before = metrics().subscribeRefusedCount();
        try (Mqtt5 consumer5 = Mqtt5.connect(stack.mqttUri(), "alerts-5", ALERTS, PASSWORDS.get(ALERTS), null);
             Mqtt3 consumer3 = Mqtt3.connect(stack.mqttUri(), "alerts-3", ALERTS, PASSWORDS.get(ALERTS))) {

            assertThat(consumer5.subscribe(MqttTopics.SENSORS_FILTER)).isEqualTo(Mqtt5.NOT_AUTHORIZED);
            assertThat(consumer5.subscribe("#")).isEqualTo(Mqtt5.NOT_AUTHORIZED);
            assertThat(consumer5.subscribe(MqttTopics.ALERTS)).isEqualTo(1);
            assertThat(consumer3.subscribe(MqttTopics.SENSORS_FILTER)).isEqualTo(Mqtt3.FAILURE);
            assertThat(consumer3.subscribe("factory/alerts/#")).isEqualTo(1);
            assertThat(metrics().subscribeRefusedCount()).isEqualTo(before + 3);
        }
    }

    @Test
    void aTlsClientTrustingTheDevelopmentAuthorityConnectsAndPublishes() throws Exception {
        try (KafkaTopic telemetry = new KafkaTopic(stack.bootstrapServers(), KafkaTopics.TELEMETRY);
             Mqtt5 gateway = Mqtt5.connect(stack.tlsUri(), "tls-gateway", GATEWAY, PASSWORDS.get(GATEWAY),
                     Tls.trusting(stack.pki().caPem()))) {

            assertThat(stack.tlsUri()).startsWith("ssl://");
            assertThat(gateway.publish(MqttTopics.sensors("MACHINE_TLS"), reading("MACHINE_TLS"))).isEqualTo(Mqtt5.SUCCESS);
            await().atMost(Duration.ofSeconds(30)).until(() -> telemetry.keys().contains("MACHINE_TLS"));
        }
    }

    @Test
    void aPlainClientCannotTalkMqttToTheTlsPort() {
        final String plainToTls = stack.tlsUri().replace("ssl://", "tcp://");

        assertThatThrownBy(() -> Mqtt5.connect(plainToTls, "plain-to-tls", GATEWAY, PASSWORDS.get(GATEWAY), null)
                .close()).isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isNotIn(0, Mqtt5.NOT_AUTHORIZED));
    }

    @Test
    void aClientCertificatesCommonNameIsItsAccountWithoutAPassword() throws Exception {
        final ClientCertificate certified = stack.pki().issueClient(CERTIFIED);
        final ClientCertificate stranger = stack.pki().issueClient("MACHINE_STRANGER");
        final long before = metrics().acceptedCount(Identity.Method.CERTIFICATE);

        try (Mqtt5 device = Mqtt5.connect(stack.tlsUri(), "certified", null, null,
                Tls.withCertificate(stack.pki().caPem(), certified))) {
            assertThat(device.publish(MqttTopics.sensors(CERTIFIED), reading(CERTIFIED))).isEqualTo(Mqtt5.SUCCESS);
            assertThat(device.publish(MqttTopics.sensors(DEVICE_A), reading(DEVICE_A))).isEqualTo(Mqtt5.NOT_AUTHORIZED);
        }
        assertThat(metrics().acceptedCount(Identity.Method.CERTIFICATE)).isEqualTo(before + 1);
        assertThatThrownBy(() -> Mqtt5.connect(stack.tlsUri(), "stranger", null, null,
                Tls.withCertificate(stack.pki().caPem(), stranger)).close())
                .as("a certificate of no account").isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(Mqtt5.NOT_AUTHORIZED));
        assertThatThrownBy(() -> Mqtt5.connect(stack.tlsUri(), "impostor", DEVICE_A, "any-password-at-all",
                Tls.withCertificate(stack.pki().caPem(), certified)).close())
                .as("a user name that is not the certificate's").isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(Mqtt5.NOT_AUTHORIZED));
    }
}
