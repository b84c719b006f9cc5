package dev.pdm.iiot.connect.mqtt;

import dev.pdm.iiot.connect.config.MqttSourceConfig;
import dev.pdm.iiot.events.transport.NoDelaySocketFactory;
import dev.pdm.iiot.events.transport.NoDelaySslSocketFactory;
import org.apache.kafka.connect.errors.ConnectException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttClientsTest {

    @Test
    void everyPlainClientHasNagleOff() {
        final MqttSourceConfig config = new MqttSourceConfig(Map.of("mqtt.server.uri", "tcp://h:1883",
                "mqtt.username", "bridge", "mqtt.password", "s3cret", "mqtt.keepalive.seconds", "15"));

        final MqttConnectionOptions options = MqttClients.options(config, "tcp://h:1883");

        assertThat(options.getSocketFactory()).isInstanceOf(NoDelaySocketFactory.class);
        assertThat(options.isAutomaticReconnect()).isFalse();
        assertThat(options.getKeepAliveInterval()).isEqualTo(15);
        assertThat(options.getUserName()).isEqualTo("bridge");
        assertThat(new String(options.getPassword(), StandardCharsets.UTF_8)).isEqualTo("s3cret");
    }

    @Test
    void tlsClientsUseTheTrustStoreWithNagleOff(@TempDir final Path dir) throws Exception {
        final Path store = dir.resolve("trust.p12");
        final KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        try (OutputStream out = Files.newOutputStream(store)) {
            empty.store(out, "changeit".toCharArray());
        }
        final MqttSourceConfig config = new MqttSourceConfig(Map.of("mqtt.server.uri", "ssl://h:8883",
                "mqtt.ssl.truststore.location", store.toString(), "mqtt.ssl.truststore.password", "changeit",
                "mqtt.ssl.hostname.verification", "false"));

        final MqttConnectionOptions options = MqttClients.options(config, "ssl://h:8883");

        assertThat(options.getSocketFactory()).isInstanceOf(NoDelaySslSocketFactory.class);
        assertThat(options.isHttpsHostnameVerificationEnabled()).isFalse();
    }

    @Test
    void anUnreadableTrustStoreFailsAtOnceAndSaysWhich() {
        final MqttSourceConfig config = new MqttSourceConfig(Map.of("mqtt.server.uri", "ssl://h:8883",
                "mqtt.ssl.truststore.location", "/nonexistent/trust.p12"));

        assertThatThrownBy(() -> MqttClients.options(config, "ssl://h:8883"))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("/nonexistent/trust.p12");
    }
}
