package dev.pdm.iiot.simulator.mqtt;

import javax.net.ssl.SSLSocketFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How the simulator publishes: broker, client pool, session and buffers.
 *
 * @param serverUri      {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientIdPrefix client ids are this plus {@code -1}, {@code -2}, …
 * @param clients        how many MQTT connections the machines are spread over
 * @param maxInflight    QoS 1 messages a client keeps unacknowledged at most (also capped by the broker's receive maximum)
 * @param bufferSize     readings a client holds while disconnected, and again while the broker refuses them;
 *                       when full, new ones fail and are counted
 * @param sessionExpiry  how long the broker keeps a client's session after it disconnects (persistent session)
 * @param keepAlive      MQTT keep-alive
 * @param username       user name, or null
 * @param password       password, or null (never printed)
 * @param connectTimeout how long to wait for the broker at start-up before giving up
 * @param drainTimeout   how long closing waits for outstanding acknowledgements
 * @param transport      the MQTT client the connections use
 * @param tls            whom an {@code ssl://} connection trusts; null for the JVM's default trust
 * @param failoverUris   further broker nodes (independent brokers, e.g. HiveMQ CE nodes without clustering) a
 *                       client moves to when it loses its node; empty for one broker. Validated like
 *                       {@code serverUri}; no URI twice
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
        Duration drainTimeout,
        Transport transport,
        TlsSettings tls,
        List<String> failoverUris) {

    /** The MQTT client that carries the publisher's connections. */
    public enum Transport {
        /**
         * Eclipse Paho's MQTT 5 client, the Java sibling of the prototype's devices' library: user name
         * and password, TLS, WebSockets; three threads and three hand-offs between them per connection.
         */
        PAHO,
        /**
         * The simulator's own lean MQTT 5 publisher ({@code NioClient}): user name and password over
         * plain TCP (no TLS), every connection on one I/O thread, a PUBLISH written straight into its
         * socket. For load: a fraction of Paho's CPU per reading and two threads for any number of
         * connections.
         */
        NIO;

        /** The lower-case name the command line takes. */
        public String optionValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final String DEFAULT_URI = "tcp://localhost:1883";
    /**
     * Readings per second one client carries by default ({@link #clientsFor}). The platform's broker
     * acknowledges a reading once Kafka stored it and handles one client's publishes one at a time,
     * so one connection carries a few hundred readings a second at most; at 50 a client is busy a
     * small part of its time and the latency stays that of one Kafka round trip.
     */
    public static final int READINGS_PER_CLIENT = 50;
    /** The most clients {@link #clientsFor} gives: three threads each. */
    public static final int MAX_DEFAULT_CLIENTS = 1_000;

    public MqttSettings {
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(clientIdPrefix, "clientIdPrefix");
        Objects.requireNonNull(failoverUris, "failoverUris");
        failoverUris = List.copyOf(failoverUris);
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
        Objects.requireNonNull(transport, "transport");
        final HashSet<String> seen = new HashSet<>();
        checkUri(serverUri, transport, tls);
        seen.add(serverUri);
        for (final String uri : failoverUris) {
            checkUri(uri, transport, tls);
            if (!seen.add(uri)) {
                throw new IllegalArgumentException("the broker '" + uri + "' is given twice");
            }
            if (!scheme(uri).equals(scheme(serverUri))) {
                throw new IllegalArgumentException("every broker node is reached the same way: '" + uri
                        + "' is not " + scheme(serverUri) + "://");
            }
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("a password needs a user name");
        }
    }

    /** The settings of one broker, without failover nodes. */
    public MqttSettings(final String serverUri, final String clientIdPrefix, final int clients, final int maxInflight,
                        final int bufferSize, final Duration sessionExpiry, final Duration keepAlive,
                        final String username, final String password, final Duration connectTimeout,
                        final Duration drainTimeout, final Transport transport, final TlsSettings tls) {
        this(serverUri, clientIdPrefix, clients, maxInflight, bufferSize, sessionExpiry, keepAlive, username, password,
                connectTimeout, drainTimeout, transport, tls, List.of());
    }

    private static String scheme(final String uri) {
        return uri.substring(0, uri.indexOf(':'));
    }

    private static void checkUri(final String uri, final Transport transport, final TlsSettings tls) {
        Objects.requireNonNull(uri, "serverUri");
        if (!uri.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException("not an MQTT server URI: '" + uri
                    + "' (write tcp://host:port or ssl://host:port)");
        }
        if (transport == Transport.NIO && !uri.startsWith("tcp://")) {
            throw new IllegalArgumentException("the nio transport speaks plain MQTT over TCP (tcp://host:port), not '"
                    + uri + "'; use the paho transport for TLS or WebSockets");
        }
        if (tls != null && !(uri.startsWith("ssl://") || uri.startsWith("wss://"))) {
            throw new IllegalArgumentException("a CA file or trust store is for TLS: write the broker as ssl://host:port,"
                    + " not '" + uri + "'");
        }
    }

    /**
     * One client, 1000 in flight, 100,000 buffered, 1 h session, 30 s keep-alive, 30 s to connect, 30 s
     * to drain, Paho.
     */
    public static MqttSettings defaults(final String serverUri) {
        return new MqttSettings(serverUri, "iiot-sim-" + ProcessHandle.current().pid(), 1, 1000, 100_000,
                Duration.ofHours(1), Duration.ofSeconds(30), null, null, Duration.ofSeconds(30), Duration.ofSeconds(30),
                Transport.PAHO, null);
    }

    /**
     * The default number of clients for a rate: one per {@value #READINGS_PER_CLIENT} readings/s,
     * rounded up, at least 1 and at most {@value #MAX_DEFAULT_CLIENTS} (10,000 machines at 1 Hz: 200).
     */
    public static int clientsFor(final double readingsPerSecond) {
        if (!(readingsPerSecond > 0)) {
            return 1;
        }
        return (int) Math.max(1, Math.min(MAX_DEFAULT_CLIENTS, Math.ceil(readingsPerSecond / READINGS_PER_CLIENT)));
    }

    public MqttSettings withClients(final int count) {
        return new MqttSettings(serverUri, clientIdPrefix, count, maxInflight, bufferSize, sessionExpiry, keepAlive,
                username, password, connectTimeout, drainTimeout, transport, tls, failoverUris);
    }

    public MqttSettings withClientIdPrefix(final String prefix) {
        return new MqttSettings(serverUri, prefix, clients, maxInflight, bufferSize, sessionExpiry, keepAlive,
                username, password, connectTimeout, drainTimeout, transport, tls, failoverUris);
    }

    public MqttSettings withTransport(final Transport client) {
        return new MqttSettings(serverUri, clientIdPrefix, clients, maxInflight, bufferSize, sessionExpiry, keepAlive,
                username, password, connectTimeout, drainTimeout, client, tls, failoverUris);
    }

    /** The same settings authenticating with this user name and password (both null for none). */
    public MqttSettings withCredentials(final String user, final String secret) {
        return new MqttSettings(serverUri, clientIdPrefix, clients, maxInflight, bufferSize, sessionExpiry, keepAlive,
                user, secret, connectTimeout, drainTimeout, transport, tls, failoverUris);
    }

    /** The same settings trusting these authorities on {@code ssl://} (null for the JVM's default trust). */
    public MqttSettings withTls(final TlsSettings trust) {
        return new MqttSettings(serverUri, clientIdPrefix, clients, maxInflight, bufferSize, sessionExpiry, keepAlive,
                username, password, connectTimeout, drainTimeout, transport, trust, failoverUris);
    }

    public MqttSettings withConnectTimeout(final Duration timeout) {
        return new MqttSettings(serverUri, clientIdPrefix, clients, maxInflight, bufferSize, sessionExpiry, keepAlive,
                username, password, timeout, drainTimeout, transport, tls, failoverUris);
    }

    /**
     * The same settings with these further broker nodes to fail over to (none: an empty list),
     * validated like {@link #serverUri()}; {@code serverUri} stays the primary.
     */
    public MqttSettings withFailover(final List<String> otherUris) {
        return new MqttSettings(serverUri, clientIdPrefix, clients, maxInflight, bufferSize, sessionExpiry, keepAlive,
                username, password, connectTimeout, drainTimeout, transport, tls, otherUris);
    }

    /** Every broker node, the primary {@link #serverUri()} first, then the failover nodes in their order. */
    public List<String> serverUris() {
        final List<String> all = new ArrayList<>(1 + failoverUris.size());
        all.add(serverUri);
        all.addAll(failoverUris);
        return List.copyOf(all);
    }

    /**
     * The nodes of the pool's client {@code clientIndex} (0 for the first, {@code PREFIX-1}), in the
     * order it tries them: with n nodes it starts on node {@code clientIndex % n} and has the others,
     * in their order after it, as failover, so that the pool's clients spread over the nodes.
     */
    public List<String> serverUrisFor(final int clientIndex) {
        if (clientIndex < 0) {
            throw new IllegalArgumentException("client index must not be negative, was " + clientIndex);
        }
        final List<String> all = serverUris();
        final int first = clientIndex % all.size();
        final List<String> rotated = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            rotated.add(all.get((first + i) % all.size()));
        }
        return List.copyOf(rotated);
    }

    /** The socket factory of {@code ssl://} connections: these authorities, or the JVM's default trust. */
    public SSLSocketFactory sslSocketFactory() {
        return (tls != null ? tls : new TlsSettings(null, null, null)).socketFactory();
    }

    @Override
    public String toString() {
        return "MqttSettings[" + String.join(",", serverUris()) + ", clients=" + clients + ", maxInflight=" + maxInflight
                + ", bufferSize=" + bufferSize + ", user=" + (username == null ? "-" : username) + ", "
                + transport.optionValue() + (tls == null ? "" : ", " + tls) + "]";
    }
}
