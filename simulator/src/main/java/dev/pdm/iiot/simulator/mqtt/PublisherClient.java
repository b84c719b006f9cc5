package dev.pdm.iiot.simulator.mqtt;

import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.events.transport.NoDelaySocketFactory;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.SocketFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Paho MQTT v5 connection of the publisher's pool: QoS 1, persistent session, automatic
 * reconnect, an offline buffer, TCP_NODELAY. Its {@link Outbox} keeps the readings in order, sends
 * refused ones again and holds the in-flight window: while connected, at most as many messages
 * outstanding as the broker's receive maximum allows (Paho refuses a publish beyond it instead of
 * queueing it); while disconnected, messages go to Paho's offline buffer, which Paho sends in order
 * after reconnecting. The client runs on the publisher's shared {@link PahoThreads}.
 *
 * <p>With several broker nodes Paho gets them all ({@code setServerURIs}): the connect and every
 * automatic reconnect try them in order, the client's own node first, with the same client id,
 * clean start off and the same session expiry. On a node that has no session for it (CONNACK
 * session present = false, as on a failover) Paho 1.2.5 still sends its unacknowledged QoS 1
 * messages again, but reports no PUBACK of them; the {@link Outbox} sends those readings again
 * itself. A {@link ReconnectGuard} reconnects the client when Paho's reconnect has stalled.
 */
final class PublisherClient implements Outbox.Transport, PublisherConnection {

    private static final Logger LOG = LoggerFactory.getLogger(PublisherClient.class);

    private final MqttSettings settings;
    private final MqttAsyncClient client;
    private final PublishStats stats;
    private final ScheduledExecutorService timer;
    private final MqttActionListener completion = new Completion();
    private final SocketFactory sockets;
    private final List<String> serverUris;
    private final AcknowledgementListener listener;
    private final ReconnectGuard guard;
    private volatile Outbox outbox;
    private volatile ScheduledFuture<?> guardTask;

    PublisherClient(final MqttSettings settings, final String clientId, final PublishStats stats,
                    final ScheduledExecutorService threads) throws MqttException {
        this(settings, settings.serverUris(), clientId, stats, AcknowledgementListener.NONE, threads);
    }

    /**
     * @param serverUris the broker nodes in the order this client tries them, its own first
     * @param listener   hears of every accepted reading, on Paho's callback thread
     */
    PublisherClient(final MqttSettings settings, final List<String> serverUris, final String clientId,
                    final PublishStats stats, final AcknowledgementListener listener,
                    final ScheduledExecutorService threads) throws MqttException {
        this.settings = settings;
        this.stats = stats;
        this.timer = threads;
        this.serverUris = List.copyOf(serverUris);
        this.listener = listener;
        final String uri = this.serverUris.get(0);
        this.sockets = uri.startsWith("ssl://") || uri.startsWith("wss://") ? settings.sslSocketFactory()
                : NoDelaySocketFactory.plain();
        // the ping on the shared timer instead of a Timer thread of its own; Paho's loops on the shared pool
        this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence(),
                new TimerPingSender(threads), threads);
        this.guard = new ReconnectGuard(clientId, client::isConnected, this::reconnectNow, threads, System::nanoTime,
                ReconnectGuard.STALL_TIMEOUT);
        client.setCallback(new ConnectionEvents(clientId));
        OutgoingTopicAliases.disable(client);
        final DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(settings.bufferSize());
        buffer.setPersistBuffer(false);
        buffer.setDeleteOldestMessages(false);
        client.setBufferOpts(buffer);
    }

    @Override
    public String clientId() {
        return client.getClientId();
    }

    @Override
    public void connect() throws MqttException, InterruptedException {
        final MqttConnectionOptions options = options();
        final long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        boolean warned = false;
        while (true) {
            try {
                final IMqttToken token = client.connect(options);
                token.waitForCompletion(Math.max(1000, settings.connectTimeout().toMillis()));
                final Integer receiveMaximum = token.getResponseProperties() == null
                        ? null : token.getResponseProperties().getReceiveMaximum();
                final int brokerMax = receiveMaximum == null ? 65_535 : receiveMaximum;
                final int size = Math.min(settings.maxInflight(), brokerMax);
                outbox = new Outbox(this, stats, listener, timer, size, settings.bufferSize(), ResendBackoff.defaults());
                final long tick = ReconnectGuard.CHECK_INTERVAL.toMillis();
                guardTask = timer.scheduleWithFixedDelay(guard::check, tick, tick, TimeUnit.MILLISECONDS);
                if (brokerMax < settings.maxInflight()) {
                    LOG.warn("{}: the broker allows {} QoS 1 messages in flight per client, fewer than the {} asked for;"
                            + " raise its receive maximum for plant rates", clientId(), brokerMax, settings.maxInflight());
                }
                LOG.debug("{} connected to {} (in-flight window {})", clientId(), client.getCurrentServerURI(), size);
                return;
            } catch (MqttException e) {
                if (System.nanoTime() > deadline || isRefusedCredentials(e.getReasonCode())) {
                    throw e;
                }
                if (!warned) {
                    LOG.warn("{}: cannot connect to {} yet ({}); retrying for up to {} s", clientId(),
                            String.join(" or ", serverUris), e.getMessage(), settings.connectTimeout().toSeconds());
                    warned = true;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
    }

    @Override
    public void publish(final String topic, final byte[] payload) throws InterruptedException {
        outbox.publish(topic, payload);
    }

    @Override
    public void send(final Outbox.Attempt attempt) throws MqttException {
        client.publish(attempt.reading.topic(), new MqttMessage(attempt.reading.payload(), MqttTopics.READINGS_QOS,
                false, null), attempt, completion);
    }

    @Override
    public int outstanding() {
        final Outbox o = outbox;
        return o == null ? 0 : o.outstanding();
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public String currentServerUri() {
        return client.getCurrentServerURI();
    }

    /** Reconnects the guard started. */
    long guardReconnects() {
        return guard.reconnects();
    }

    /** For the guard, on the loops' pool: Paho's reconnect, now. */
    private void reconnectNow() {
        try {
            client.reconnect();
        } catch (MqttException e) {
            // connected or connecting again meanwhile, or closing: nothing to do
            LOG.debug("{}: reconnect not started: {}", clientId(), reason(e));
        }
    }

    /**
     * Disconnects (when connected) and releases the client. Readings still waiting to be sent again
     * are counted as failed; those in Paho's hands stay in flight.
     */
    @Override
    public void close() {
        final ScheduledFuture<?> g = guardTask;
        if (g != null) {
            g.cancel(false);
        }
        final Outbox o = outbox;
        final int abandoned = o == null ? 0 : o.close();
        final int left = outstanding();
        try {
            if (client.isConnected()) {
                client.disconnect(TimeUnit.SECONDS.toMillis(5)).waitForCompletion(10_000);
            }
        } catch (MqttException e) {
            LOG.warn("{}: disconnect failed: {}", clientId(), e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("{}: close failed: {}", clientId(), e.getMessage());
        }
        if (abandoned + left > 0) {
            LOG.warn("{}: {} readings were not acknowledged before closing ({} of them refused and not sent again)",
                    clientId(), abandoned + left, abandoned);
        }
    }

    private MqttConnectionOptions options() {
        final MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 10);
        o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        o.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        o.setSocketFactory(sockets);
        if (serverUris.size() > 1) {
            o.setServerURIs(serverUris.toArray(String[]::new));
        }
        if (settings.username() != null) {
            o.setUserName(settings.username());
        }
        if (settings.password() != null) {
            o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        return o;
    }

    /**
     * Whether the broker refused the credentials (MQTT 5 CONNACK {@code BAD_USER_NAME_OR_PASSWORD},
     * {@code NOT_AUTHORIZED}, {@code BANNED}, {@code BAD_AUTHENTICATION_METHOD}): trying again at once
     * would not help.
     */
    static boolean isRefusedCredentials(final int reasonCode) {
        return reasonCode == 0x86 || reasonCode == 0x87 || reasonCode == 0x8A || reasonCode == 0x8C;
    }

    /**
     * Whether a refused publish may succeed if tried again: the window is full on Paho's side, the
     * connection is being lost or re-established (Paho refuses with the reason of the loss until it
     * has reconnected or gone back to buffering). Only a full offline buffer, a closed client and a
     * message Paho can never send are final.
     */
    static boolean isTransient(final MqttException e) {
        return switch (e.getReasonCode()) {
            case MqttClientException.REASON_CODE_DISCONNECTED_BUFFER_FULL,
                    MqttClientException.REASON_CODE_CLIENT_CLOSED,
                    MqttClientException.REASON_CODE_INVALID_MESSAGE,
                    MqttClientException.REASON_CODE_OUTGOING_PACKET_TOO_LARGE,
                    MqttClientException.REASON_CODE_TOKEN_INUSE -> false;
            default -> true;
        };
    }

    /**
     * Whether a publish reported as failed is still in the session: the connection broke while it
     * was in flight, and Paho sends it again after the reconnect (with a persistent session).
     */
    static boolean isLostInFlight(final MqttException e) {
        return switch (e.getReasonCode()) {
            case MqttClientException.REASON_CODE_CONNECTION_LOST,
                    MqttClientException.REASON_CODE_CLIENT_TIMEOUT,
                    MqttClientException.REASON_CODE_WRITE_TIMEOUT,
                    MqttClientException.REASON_CODE_SERVER_DISCONNECTED -> true;
            default -> false;
        };
    }

    static String reason(final MqttException e) {
        return e.getMessage() + " (code " + e.getReasonCode() + ")";
    }

    /** Hands Paho's outcome of each publish to the outbox. */
    private final class Completion implements MqttActionListener {
        @Override
        public void onSuccess(final IMqttToken token) {
            final int[] codes = token.getReasonCodes();
            final MqttProperties properties = token.getResponseProperties();
            outbox.completed((Outbox.Attempt) token.getUserContext(), codes == null || codes.length == 0 ? 0 : codes[0],
                    properties == null ? null : properties.getReasonString());
        }

        @Override
        public void onFailure(final IMqttToken token, final Throwable cause) {
            outbox.lost((Outbox.Attempt) token.getUserContext(), cause);
        }
    }
}
