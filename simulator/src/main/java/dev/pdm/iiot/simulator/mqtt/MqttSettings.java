package dev.pdm.iiot.simulator.mqtt;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulator publishes: broker, client pool, session and buffers.
 *
 * @param serverUri      {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientIdPrefix client ids are this plus {@code -1}, {@code -2}, …
 * @param clients        how many MQTT connections the machines are spread over
 * @param maxInflight    QoS 1 messages a client keeps unacknowledged at most (also capped by the broker's receive maximum)
 * @param bufferSize     readings a client holds while disconnected; when full, new ones fail and are counted
 * @param sessionExpiry  how long the broker keeps a client's session after it disconnects (persistent session)
 * @param keepAlive      MQTT keep-alive
 * @param username       user name, or null
 * @param password       password, or null
 * @param connectTimeout how long to wait for the broker at start-up before giving up
 * @param drainTimeout   how long closing waits for outstanding acknowledgements
 */
public record MqttSettings(
        String serverUri,
        String clientIdPrefix,
        int clients,
        int maxInflight,
        int bufferSize,
        Duration sessionExpiry,
        Duration keepAlive,
        String username,
        String password,
        Duration connectTimeout,
        Duration drainTimeout) {

    public static final String DEFAULT_URI = "tcp://localhost:1883";

    public MqttSettings {
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(clientIdPrefix, "clientIdPrefix");
        if (!serverUri.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException("not an MQTT server URI: '" + serverUri
                    + "' (write tcp://host:port or ssl://host:port)");
        }
        if (clients < 1 || maxInflight < 1 || bufferSize < 1) {
            throw new IllegalArgumentException("clients, max in-flight and buffer size must be positive");
        }
        if (maxInflight > 65_535) {
            throw new IllegalArgumentException("MQTT allows at most 65535 messages in flight per client");
        }
        Objects.requireNonNull(sessionExpiry, "sessionExpiry");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
    }

    /** One client, 1000 in flight, 100,000 buffered, 1 h session, 30 s keep-alive, 30 s to connect, 30 s to drain. */
    public static MqttSettings defaults(final String serverUri) {
        return new MqttSettings(serverUri, "iiot-sim-" + ProcessHandle.current().pid(), 1, 1000, 100_000,
                Duration.ofHours(1), Duration.ofSeconds(30), null, null, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    public MqttSettings withClients(final int count) {
        return new MqttSettings(serverUri, clientIdPrefix, count, maxInflight, bufferSize, sessionExpiry, keepAlive,
                username, password, connectTimeout, drainTimeout);
    }

    public MqttSettings withClientIdPrefix(final String prefix) {
        return new MqttSettings(serverUri, prefix, clients, maxInflight, bufferSize, sessionExpiry, keepAlive,
                username, password, connectTimeout, drainTimeout);
    }

    @Override
    public String toString() {
        return "MqttSettings[" + serverUri + ", clients=" + clients + ", maxInflight=" + maxInflight
                + ", bufferSize=" + bufferSize + ", user=" + (username == null ? "-" : username) + "]";
    }
}
