package dev.pdm.iiot.simulator.mqtt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttSettingsTest {

    @Test
    void theDefaultClientCountIsOnePerFiftyReadingsASecond() {
        assertThat(MqttSettings.clientsFor(10_000)).as("10,000 machines at 1 Hz").isEqualTo(200);
        assertThat(MqttSettings.clientsFor(25_000)).isEqualTo(500);
        assertThat(MqttSettings.clientsFor(1_000)).isEqualTo(20);
        assertThat(MqttSettings.clientsFor(51)).isEqualTo(2);
    }

    @Test
    void theDefaultClientCountIsAtLeastOneAndAtMostAThousand() {
        assertThat(MqttSettings.clientsFor(1)).isEqualTo(1);
        assertThat(MqttSettings.clientsFor(0.1)).isEqualTo(1);
        assertThat(MqttSettings.clientsFor(0)).isEqualTo(1);
        assertThat(MqttSettings.clientsFor(1_000_000)).isEqualTo(MqttSettings.MAX_DEFAULT_CLIENTS);
    }

    @Test
    void credentialsAndTrustAreSettingsWhoseSecretsAreNeverPrinted() {
        final MqttSettings settings = MqttSettings.defaults("ssl://broker:8883").withCredentials("simulator", "s3cret")
                .withTls(TlsSettings.truststore(Path.of("ca.p12"), "trust-me"));

        assertThat(settings.username()).isEqualTo("simulator");
        assertThat(settings.toString()).contains("simulator", "ca.p12").doesNotContain("s3cret").doesNotContain("trust-me");
        assertThatThrownBy(() -> MqttSettings.defaults("tcp://broker:1883").withTls(TlsSettings.caFile(Path.of("ca.pem"))))
                .hasMessageContaining("ssl://host:port");
        assertThatThrownBy(() -> MqttSettings.defaults("tcp://broker:1883").withCredentials(null, "s3cret"))
                .hasMessageContaining("needs a user name");
        assertThatThrownBy(() -> settings.withTransport(MqttSettings.Transport.NIO))
                .hasMessageContaining("use the paho transport for TLS");
        assertThat(MqttSettings.defaults("tcp://broker:1883").withCredentials("u", "p")
                .withTransport(MqttSettings.Transport.NIO).password()).as("nio sends credentials too").isEqualTo("p");
    }

    @Test
    void aCaFileThatHoldsNoCertificateIsNamed(@TempDir final Path dir) throws Exception {
        final Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "");

        assertThatThrownBy(() -> TlsSettings.caFile(empty).socketFactory()).hasMessageContaining(empty.toString());
        assertThatThrownBy(() -> TlsSettings.caFile(dir.resolve("missing.pem")).socketFactory())
                .hasMessageContaining("missing.pem");
        assertThat(new TlsSettings(null, null, null).socketFactory()).as("the JVM's default trust").isNotNull();
    }
}
