package dev.pdm.iiot.simulator.mqtt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    @Test
    void failoverNodesFollowThePrimaryAndSurviveEveryOtherChange() {
        final MqttSettings one = MqttSettings.defaults("tcp://node1:1883");
        assertThat(one.serverUris()).containsExactly("tcp://node1:1883");
        assertThat(one.failoverUris()).isEmpty();

        final MqttSettings two = one.withFailover(List.of("tcp://node2:1883", "tcp://node3:1883"));
        assertThat(two.serverUri()).isEqualTo("tcp://node1:1883");
        assertThat(two.serverUris()).containsExactly("tcp://node1:1883", "tcp://node2:1883", "tcp://node3:1883");
        assertThat(two.withClients(4).withClientIdPrefix("p").withTransport(MqttSettings.Transport.NIO)
                .withCredentials("u", "p").withConnectTimeout(Duration.ofSeconds(3)).withTls(null).serverUris())
                .as("kept by every with…").isEqualTo(two.serverUris());
        assertThat(two.withFailover(List.of()).serverUris()).containsExactly("tcp://node1:1883");
        assertThat(two.toString()).contains("tcp://node1:1883,tcp://node2:1883,tcp://node3:1883");
        assertThat(new MqttSettings("tcp://node1:1883", "p", 1, 10, 10, Duration.ofHours(1), Duration.ofSeconds(30),
                null, null, Duration.ofSeconds(30), Duration.ofSeconds(30), MqttSettings.Transport.PAHO, null)
                .failoverUris()).as("the constructor without failover nodes").isEmpty();
    }

    @Test
    void failoverNodesAreValidatedLikeThePrimary() {
        final MqttSettings settings = MqttSettings.defaults("tcp://node1:1883");

        assertThatThrownBy(() -> settings.withFailover(List.of("node2:1883"))).hasMessageContaining("not an MQTT server URI");
        assertThatThrownBy(() -> settings.withFailover(List.of("tcp://node1:1883"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> settings.withFailover(List.of("tcp://node2:1883", "tcp://node2:1883")))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> settings.withFailover(List.of("ssl://node2:8883")))
                .hasMessageContaining("the same way");
        assertThatThrownBy(() -> MqttSettings.defaults("ssl://node1:8883").withFailover(List.of("ssl://node2:8883"))
                .withTransport(MqttSettings.Transport.NIO)).hasMessageContaining("use the paho transport for TLS");
        assertThatThrownBy(() -> settings.withTransport(MqttSettings.Transport.NIO).withFailover(List.of("ws://node2:8000")))
                .hasMessageContaining("the nio transport speaks plain MQTT over TCP");
        assertThat(MqttSettings.defaults("ssl://node1:8883").withTls(TlsSettings.caFile(Path.of("ca.pem")))
                .withFailover(List.of("ssl://node2:8883")).serverUris()).hasSize(2);
    }

    @Test
    void clientsSpreadOverTheNodesEachWithTheOthersAsFailover() {
        final MqttSettings settings = MqttSettings.defaults("tcp://a:1883").withFailover(List.of("tcp://b:1883", "tcp://c:1883"));

        assertThat(settings.serverUrisFor(0)).containsExactly("tcp://a:1883", "tcp://b:1883", "tcp://c:1883");
        assertThat(settings.serverUrisFor(1)).containsExactly("tcp://b:1883", "tcp://c:1883", "tcp://a:1883");
        assertThat(settings.serverUrisFor(2)).containsExactly("tcp://c:1883", "tcp://a:1883", "tcp://b:1883");
        assertThat(settings.serverUrisFor(3)).isEqualTo(settings.serverUrisFor(0));
        assertThat(MqttSettings.defaults("tcp://a:1883").serverUrisFor(7)).containsExactly("tcp://a:1883");
        assertThatThrownBy(() -> settings.serverUrisFor(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
