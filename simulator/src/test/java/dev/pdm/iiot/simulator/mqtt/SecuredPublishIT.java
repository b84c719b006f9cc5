package dev.pdm.iiot.simulator.mqtt;

import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import dev.pdm.iiot.localstack.mqtt.MqttTls;
import dev.pdm.iiot.security.tls.DevCertificates;
import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.core.PlantConfig;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.core.Simulation;
import dev.pdm.iiot.simulator.core.TelemetryGenerator;
import dev.pdm.iiot.simulator.faults.Degradation;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.faults.RandomFaults;
import dev.pdm.iiot.simulator.output.LabelSink;
import dev.pdm.iiot.simulator.testing.PasswordExtension;
import dev.pdm.iiot.simulator.testing.ReadingSubscriber;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The publisher authenticates with a user name and password over both transports, and speaks TLS (Paho)
 * trusting the platform's development authority by its PEM file or trust store.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SecuredPublishIT {

    private static final String USER = "simulator";
    private static final String PASSWORD = "correct-horse-battery";
    private static final PasswordExtension PASSWORDS = new PasswordExtension(USER, PASSWORD);

    @TempDir
    static Path dir;
    private static LocalStack stack;
    private static DevCertificates pki;

    @BeforeAll
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    static void start() {
        pki = DevCertificates.ensure(dir.resolve("pki"), List.of());
        stack = LocalStack.builder().withConnect(false).mqttPersistence(MqttPersistence.IN_MEMORY)
                .mqttTls(MqttTls.of(0, pki.keystore(), pki.keystorePassword()))
                .mqttExtension(bootstrap -> PASSWORDS.embedded())
                .build().start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @ParameterizedTest
    @EnumSource(MqttSettings.Transport.class)
    void readingsArriveFromAPublisherWithAUserNameAndPassword(final MqttSettings.Transport transport) throws Exception {
        final MqttSettings settings = MqttSettings.defaults(stack.mqttUri()).withTransport(transport)
                .withClientIdPrefix("plain-" + transport.optionValue()).withCredentials(USER, PASSWORD);

        assertThat(publishTwoMachines(settings, "plain-" + transport.optionValue())).isGreaterThan(0);
        assertThat(PASSWORDS.authenticated()).contains(USER + " over tcp");
    }

    @Test
    void pahoPublishesOverTlsTrustingTheCaFile() throws Exception {
        final MqttSettings settings = MqttSettings.defaults(stack.mqttTlsUri()).withClientIdPrefix("tls-pem")
                .withCredentials(USER, PASSWORD).withTls(TlsSettings.caFile(pki.caPem()));

        assertThat(publishTwoMachines(settings, "tls-pem")).isGreaterThan(0);
        assertThat(PASSWORDS.authenticated()).contains(USER + " over tls");
    }

    @Test
    void pahoPublishesOverTlsTrustingTheTrustStore() throws Exception {
        final MqttSettings settings = MqttSettings.defaults(stack.mqttTlsUri()).withClientIdPrefix("tls-store")
                .withCredentials(USER, PASSWORD).withTls(TlsSettings.truststore(pki.truststore(), pki.truststorePassword()));

        assertThat(publishTwoMachines(settings, "tls-store")).isGreaterThan(0);
    }

    @ParameterizedTest
    @EnumSource(MqttSettings.Transport.class)
    void aWrongPasswordFailsTheStartAtOnce(final MqttSettings.Transport transport) {
        final MqttSettings settings = MqttSettings.defaults(stack.mqttUri()).withTransport(transport)
                .withClientIdPrefix("wrong-" + transport.optionValue()).withCredentials(USER, "not-the-password");
        final long started = System.nanoTime();

        assertThatThrownBy(() -> MqttPublisher.connect(settings, new PublishStats()).close())
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(0x86));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not retried for the connect timeout")
                .isLessThan(settings.connectTimeout());
    }

    /** Publishes two machines for a second; returns how many readings the subscriber got. */
    private static int publishTwoMachines(final MqttSettings settings, final String name) throws Exception {
        final PlantConfig plant = new PlantConfig(MachineIds.first(2), Duration.ofMillis(200), 7,
                new FaultPlan(List.of(), RandomFaults.NONE, Degradation.NONE), ReadingFormat.DEFAULT);
        final PublishStats stats = new PublishStats();
        try (ReadingSubscriber subscriber = ReadingSubscriber.subscribe(stack.mqttUri(), name + "-sub", false)) {
            final Simulation sim = Simulation.builder()
                    .source(new TelemetryGenerator(plant, LabelSink.NONE))
                    .sink(MqttPublisher.connect(settings, stats))
                    .duration(Duration.ofSeconds(1))
                    .build()
                    .start();
            assertThat(sim.awaitTermination(Duration.ofSeconds(60))).isTrue();
            assertThat(sim.failure()).isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.received().size() >= stats.acked()
                    && stats.acked() > 0);
            assertThat(stats.failed()).isZero();
            return subscriber.received().size();
        }
    }
}
