package dev.pdm.iiot.localstack.mqtt;

import dev.pdm.iiot.localstack.Ports;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the HiveMQ CE broker and the {@code config.xml} they make.
 *
 * <p>HiveMQ CE's own defaults lose messages at plant rates: a server receive maximum of 10 lets a
 * publisher have only 10 unacknowledged QoS 1 messages in flight, and a queue of 1,000 messages
 * per client with the {@code discard} strategy silently drops what a slow or reconnecting
 * subscriber has not received yet. The defaults here size both for a plant.
 *
 * @param homeDir              HiveMQ's folders: {@code conf/} (the generated config.xml),
 *                             {@code data/} and {@code extensions/}
 * @param bindAddress          address of the MQTT TCP listener
 * @param port                 MQTT TCP port, 0 = a free port chosen at first start
 * @param persistence          where sessions and queued messages live
 * @param maxQueuedMessages    messages queued per client (offline or not keeping up) before new ones are discarded
 * @param serverReceiveMaximum unacknowledged QoS 1 and 2 messages a client may have in flight to the broker
 * @param outgoingWindow       unacknowledged QoS 1 and 2 messages the broker sends a subscriber at most
 *                             (also bounded by the subscriber's own receive maximum); see {@link #DEFAULT_OUTGOING_WINDOW}
 * @param limits               the largest packet, topic and client id a client may send
 * @param tls                  an MQTT over TLS listener beside the plain one (same bind address), or null for none
 */
public record MqttBrokerConfig(Path homeDir, String bindAddress, int port, MqttPersistence persistence,
                               long maxQueuedMessages, int serverReceiveMaximum, int outgoingWindow,
                               MqttLimits limits, MqttTls tls) {

    /** Per-client queue: 50 s of a 10,000 readings/s plant for one subscriber (HiveMQ's default: 1,000). */
    public static final long DEFAULT_MAX_QUEUED_MESSAGES = 500_000;
    /** In-flight window of a publisher (HiveMQ's default: 10). */
    public static final int DEFAULT_SERVER_RECEIVE_MAXIMUM = 5_000;
    /**
     * Messages in flight from the broker to one subscriber. HiveMQ CE sends a persistent session's
     * queued messages 50 at a time and fetches the next 50 only when all of them are acknowledged;
     * a subscriber that acknowledges only after it stored each message elsewhere (the MQTT source
     * connector acknowledges after Kafka did) then moves 50 messages per round trip, about 2,600/s
     * here. This window is HiveMQ CE's internal setting, not part of config.xml: only an embedded
     * broker can change it.
     */
    public static final int DEFAULT_OUTGOING_WINDOW = 1_000;
    /** HiveMQ CE's own outgoing window. */
    public static final int HIVEMQ_OUTGOING_WINDOW = 50;
    /** The highest receive maximum MQTT 5 allows. */
    public static final int MAX_RECEIVE_MAXIMUM = 65_535;

    public MqttBrokerConfig {
        Objects.requireNonNull(homeDir, "homeDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(persistence, "persistence");
        Objects.requireNonNull(limits, "limits");
        Ports.check(port);
        if (maxQueuedMessages < 1) {
            throw new IllegalArgumentException("maxQueuedMessages must be at least 1, was " + maxQueuedMessages);
        }
        if (serverReceiveMaximum < 1 || serverReceiveMaximum > MAX_RECEIVE_MAXIMUM) {
            throw new IllegalArgumentException("serverReceiveMaximum must be in 1.." + MAX_RECEIVE_MAXIMUM
                    + ", was " + serverReceiveMaximum);
        }
        if (outgoingWindow < 1 || outgoingWindow > MAX_RECEIVE_MAXIMUM) {
            throw new IllegalArgumentException("outgoingWindow must be in 1.." + MAX_RECEIVE_MAXIMUM
                    + ", was " + outgoingWindow);
        }
        if (tls != null && tls.port() != 0 && tls.port() == port) {
            throw new IllegalArgumentException("the TLS listener needs a port of its own, not the plain listener's "
                    + port);
        }
    }

    /** Settings without a TLS listener. */
    public MqttBrokerConfig(final Path homeDir, final String bindAddress, final int port,
                            final MqttPersistence persistence, final long maxQueuedMessages,
                            final int serverReceiveMaximum, final int outgoingWindow, final MqttLimits limits) {
        this(homeDir, bindAddress, port, persistence, maxQueuedMessages, serverReceiveMaximum, outgoingWindow, limits,
                null);
    }

    /** A loopback broker on a free port with the default sizes. */
    public static MqttBrokerConfig loopback(final Path homeDir, final MqttPersistence persistence) {
        return new MqttBrokerConfig(homeDir, "127.0.0.1", 0, persistence,
                DEFAULT_MAX_QUEUED_MESSAGES, DEFAULT_SERVER_RECEIVE_MAXIMUM, DEFAULT_OUTGOING_WINDOW, MqttLimits.defaults());
    }

    public MqttBrokerConfig withPort(final int newPort) {
        return new MqttBrokerConfig(homeDir, bindAddress, newPort, persistence, maxQueuedMessages,
                serverReceiveMaximum, outgoingWindow, limits, tls);
    }

    /** The same settings with this TLS listener (null for none). */
    public MqttBrokerConfig withTls(final MqttTls listener) {
        return new MqttBrokerConfig(homeDir, bindAddress, port, persistence, maxQueuedMessages,
                serverReceiveMaximum, outgoingWindow, limits, listener);
    }

    public Path configDir() {
        return homeDir.resolve("conf");
    }

    public Path dataDir() {
        return homeDir.resolve("data");
    }

    public Path extensionsDir() {
        return homeDir.resolve("extensions");
    }

    /** {@code tcp://host:port} for clients; a wildcard bind address is reached on loopback. */
    public String uri() {
        return "tcp://" + Ports.clientHost(bindAddress) + ":" + port;
    }

    /**
     * {@code ssl://host:port} of the TLS listener for clients.
     *
     * @throws IllegalStateException without a TLS listener
     */
    public String tlsUri() {
        if (tls == null) {
            throw new IllegalStateException("this broker has no TLS listener");
        }
        return "ssl://" + Ports.clientHost(bindAddress) + ":" + tls.port();
    }

    /**
     * HiveMQ's config.xml: one TCP listener (and the TLS one, when set), the queue and receive maximum
     * sizes, the largest packet, topic and client id, the persistence mode, and anonymous usage
     * statistics off.
     *
     * <p>Topic aliases are off: Eclipse Paho's MQTT 5 client (1.2.5, the most common Java device
     * client) sends its unacknowledged QoS 1 messages again after a reconnect with the aliases of
     * the lost connection, which mean nothing on the new one; the broker then disconnects it, after
     * every reconnect, for ever. A readings topic is some 40 bytes; aliases would save little.
     */
    public String configXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Generated by local-stack at every start: edit the stack's settings, not this file. -->
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                %s    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                        <packets>
                            <max-packet-size>%d</max-packet-size>
                        </packets>
                        <topic-alias>
                            <enabled>false</enabled>
                        </topic-alias>
                    </mqtt>
                    <restrictions>
                        <max-topic-length>%d</max-topic-length>
                        <max-client-id-length>%d</max-client-id-length>
                    </restrictions>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                    <persistence>
                        <mode>%s</mode>
                    </persistence>
                </hivemq>
                """.formatted(port, xmlText(bindAddress), tlsListenerXml(), maxQueuedMessages, serverReceiveMaximum,
                limits.maxPacketSize(), limits.maxTopicLength(), limits.maxClientIdLength(), persistence.configValue());
    }

    /**
     * The {@code <tls-tcp-listener>} element, or nothing: TLS 1.3 and 1.2 only and, with a trust store,
     * optional client certificates. It holds the stores' passwords, so {@code MqttBroker} writes the file
     * readable by its owner only.
     */
    private String tlsListenerXml() {
        if (tls == null) {
            return "";
        }
        final String trust = tls.truststore() == null ? "" : """
                                <truststore>
                                    <path>%s</path>
                                    <password>%s</password>
                                </truststore>
                                <client-authentication-mode>OPTIONAL</client-authentication-mode>
                """.formatted(xmlText(tls.truststore().toAbsolutePath().toString()),
                xmlText(tls.truststorePassword()));
        return """
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                                <protocols>
                                    <protocol>TLSv1.3</protocol>
                                    <protocol>TLSv1.2</protocol>
                                </protocols>
                %s            </tls>
                        </tls-tcp-listener>
                """.formatted(tls.port(), xmlText(bindAddress), xmlText(tls.keystore().toAbsolutePath().toString()),
                xmlText(tls.keystorePassword()), xmlText(tls.keystorePassword()), trust);
    }

    private static String xmlText(final String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
