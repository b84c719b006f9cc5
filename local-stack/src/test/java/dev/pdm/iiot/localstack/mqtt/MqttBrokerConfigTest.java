package dev.pdm.iiot.localstack.mqtt;

import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttBrokerConfigTest {

    private final MqttBrokerConfig config = new MqttBrokerConfig(Path.of("/data/hivemq"), "127.0.0.1", 1883,
            MqttPersistence.FILE, 250_000, 2_000, 1_000, new MqttLimits(32_768, 512, 128));

    @Test
    void sizesTheQueueAndReceiveMaximumInsteadOfHiveMqsDefaults() {
        assertThat(config.configXml())
                .contains("<max-queue-size>250000</max-queue-size>")
                .contains("<strategy>discard</strategy>")
                .contains("<server-receive-maximum>2000</server-receive-maximum>");
        assertThat(MqttBrokerConfig.DEFAULT_MAX_QUEUED_MESSAGES).isGreaterThanOrEqualTo(100_000);
        assertThat(MqttBrokerConfig.DEFAULT_SERVER_RECEIVE_MAXIMUM).isGreaterThanOrEqualTo(1_000);
        assertThat(MqttBrokerConfig.DEFAULT_OUTGOING_WINDOW).isGreaterThan(MqttBrokerConfig.HIVEMQ_OUTGOING_WINDOW);
    }

    @Test
    void boundsThePacketTopicAndClientIdAClientMaySend() {
        assertThat(config.configXml())
                .contains("<max-packet-size>32768</max-packet-size>")
                .contains("<max-topic-length>512</max-topic-length>")
                .contains("<max-client-id-length>128</max-client-id-length>");
        assertThat(config.configXml()).as("no topic aliases: Paho 5 resends with stale ones after a reconnect")
                .containsPattern("<topic-alias>\\s*<enabled>false</enabled>");
        assertThat(MqttLimits.DEFAULT_MAX_PACKET_SIZE).isLessThan(MqttLimits.HIVEMQ_MAX_PACKET_SIZE / 1000);
        assertThatThrownBy(() -> new MqttLimits(0, 1, 1)).hasMessageContaining("maxPacketSize");
    }

    @Test
    void listensWhereToldWithPersistenceAndNoUsageStatistics() {
        assertThat(config.configXml())
                .contains("<port>1883</port>")
                .contains("<bind-address>127.0.0.1</bind-address>")
                .contains("<mode>file</mode>")
                .containsPattern("<anonymous-usage-statistics>\\s*<enabled>false</enabled>");
        assertThat(MqttBrokerConfig.loopback(Path.of("/d"), MqttPersistence.IN_MEMORY).withPort(1).configXml())
                .contains("<mode>in-memory</mode>");
        assertThat(config.uri()).isEqualTo("tcp://127.0.0.1:1883");
    }

    @Test
    void isValidAgainstHiveMqsOwnSchema() throws SAXException, IOException {
        final URL xsd = getClass().getClassLoader().getResource("config.xsd");
        assertThat(xsd).as("HiveMQ CE ships config.xsd").isNotNull();

        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator()
                .validate(new StreamSource(new StringReader(config.configXml())));
    }

    @Test
    void aTlsListenerSitsBesideThePlainOneAndIsValidAgainstHiveMqsSchema() throws SAXException, IOException {
        final MqttBrokerConfig withTls = config.withTls(MqttTls.of(8883, Path.of("/pki/server.p12"), "s3cret&<")
                .withClientCertificates(Path.of("/pki/ca.p12"), "trust"));

        assertThat(withTls.configXml())
                .contains("<tcp-listener>", "<port>1883</port>", "<tls-tcp-listener>", "<port>8883</port>")
                .contains("<path>/pki/server.p12</path>", "<password>s3cret&amp;&lt;</password>")
                .contains("<path>/pki/ca.p12</path>", "<client-authentication-mode>OPTIONAL</client-authentication-mode>")
                .contains("<protocol>TLSv1.3</protocol>");
        assertThat(withTls.tlsUri()).isEqualTo("ssl://127.0.0.1:8883");
        assertThat(withTls.uri()).isEqualTo("tcp://127.0.0.1:1883");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getClassLoader().getResource("config.xsd")).newValidator()
                .validate(new StreamSource(new StringReader(withTls.configXml())));
    }

    @Test
    void withoutATrustStoreNoClientCertificatesAndWithoutTlsNoTlsListener() {
        final MqttBrokerConfig withTls = config.withTls(MqttTls.of(8883, Path.of("/pki/server.p12"), "s"));

        assertThat(withTls.configXml()).contains("<tls-tcp-listener>").doesNotContain("truststore")
                .doesNotContain("client-authentication-mode");
        assertThat(config.configXml()).doesNotContain("tls");
        assertThatThrownBy(config::tlsUri).hasMessageContaining("no TLS listener");
        assertThatThrownBy(() -> config.withTls(MqttTls.of(1883, Path.of("/k.p12"), "s")))
                .hasMessageContaining("port of its own");
        assertThatThrownBy(() -> new MqttTls(8883, Path.of("/k.p12"), "s", Path.of("/t.p12"), null))
                .hasMessageContaining("needs its password");
        assertThat(withTls.tls().toString()).doesNotContain("password").doesNotContain("=s,");
    }

    @Test
    void keepsItsFoldersUnderTheHome() {
        assertThat(config.configDir()).isEqualTo(Path.of("/data/hivemq/conf"));
        assertThat(config.dataDir()).isEqualTo(Path.of("/data/hivemq/data"));
        assertThat(config.extensionsDir()).isEqualTo(Path.of("/data/hivemq/extensions"));
    }

    @Test
    void rejectsSizesHiveMqCannotHonour() {
        assertThatThrownBy(() -> new MqttBrokerConfig(Path.of("/d"), "127.0.0.1", 0, MqttPersistence.FILE, 0, 10, 50,
                MqttLimits.defaults()))
                .hasMessageContaining("maxQueuedMessages");
        assertThatThrownBy(() -> new MqttBrokerConfig(Path.of("/d"), "127.0.0.1", 0, MqttPersistence.FILE, 10,
                65_536, 50, MqttLimits.defaults())).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> new MqttBrokerConfig(Path.of("/d"), "127.0.0.1", 0, MqttPersistence.FILE, 10, 10, 0,
                MqttLimits.defaults()))
                .hasMessageContaining("outgoingWindow");
    }
}
