package dev.pdm.iiot.localstack;

import dev.pdm.iiot.localstack.mqtt.MqttBroker;
import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import dev.pdm.iiot.localstack.mqtt.MqttTls;
import dev.pdm.iiot.security.tls.DevCertificates;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** HiveMQ's TLS listener beside the plain one, with the development authority's server certificate. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MqttTlsIT {

    @Test
    void aClientTrustingTheAuthorityTalksMqttOverTlsAndAPlainClientCannot(@TempDir final Path dir) throws Exception {
        final DevCertificates pki = DevCertificates.ensure(dir.resolve("pki"), List.of());
        final MqttBrokerConfig config = MqttBrokerConfig.loopback(dir.resolve("hivemq"), MqttPersistence.IN_MEMORY)
                .withTls(MqttTls.of(0, pki.keystore(), pki.keystorePassword()));

        try (MqttBroker broker = new MqttBroker(config)) {
            broker.start();
            final String tlsUri = broker.tlsUri();
            assertThat(tlsUri).startsWith("ssl://127.0.0.1:").isNotEqualTo(broker.uri().replace("tcp", "ssl"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    config.configDir().resolve("config.xml")))).isEqualTo("rw-------");

            final MqttClient client = new MqttClient(tlsUri, "tls-client", new MemoryPersistence());
            final Queue<String> received = new ConcurrentLinkedQueue<>();
            final MqttConnectionOptions options = new MqttConnectionOptions();
            options.setSocketFactory(trusting(pki).getSocketFactory());
            options.setConnectionTimeout(10);
            client.connect(options);
            client.subscribe(new MqttSubscription[]{new MqttSubscription("tls/test", 1)},
                    new IMqttMessageListener[]{(topic, message) -> received.add(
                            new String(message.getPayload(), StandardCharsets.UTF_8))});
            client.publish("tls/test", new MqttMessage("over TLS".getBytes(StandardCharsets.UTF_8), 1, false, null));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("over TLS"));
            client.disconnect();
            client.close();

            final MqttClient plain = new MqttClient(tlsUri.replace("ssl://", "tcp://"), "plain", new MemoryPersistence());
            final MqttConnectionOptions plainOptions = new MqttConnectionOptions();
            plainOptions.setConnectionTimeout(5);
            assertThatThrownBy(() -> plain.connect(plainOptions)).isInstanceOf(MqttException.class);
            plain.close();
        }
    }

    private static SSLContext trusting(final DevCertificates pki) throws Exception {
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.truststore())) {
            trust.load(in, pki.truststorePassword().toCharArray());
        }
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
