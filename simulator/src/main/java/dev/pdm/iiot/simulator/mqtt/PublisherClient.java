package dev.pdm.iiot.simulator.mqtt;

import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.events.transport.NoDelaySocketFactory;
import dev.pdm.iiot.events.transport.NoDelaySslSocketFactory;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSocketFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One Paho MQTT v5 connection of the publisher's pool: QoS 1, persistent session, automatic
 * reconnect, an offline buffer, TCP_NODELAY. While connected, a window of permits keeps at most
 * as many messages outstanding as the broker's receive maximum allows (Paho refuses a publish
 * beyond it instead of queueing it); while disconnected, messages go to Paho's offline buffer,
 * which Paho sends in order after reconnecting.
 */
final class PublisherClient {

    private static final Logger LOG = LoggerFactory.getLogger(PublisherClient.class);
    private static final long RETRY_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private final MqttSettings settings;
    private final MqttAsyncClient client;
    private final PublishStats stats;
    private final ConnectionEvents events;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final MqttActionListener completion = new Completion();
    private Semaphore window;

    PublisherClient(final MqttSettings settings, final String clientId, final PublishStats stats) throws MqttException {
        this.settings = settings;
        this.stats = stats;
        this.client = new MqttAsyncClient(settings.serverUri(), clientId, new MemoryPersistence());
        this.events = new ConnectionEvents(clientId);
        client.setCallback(events);
        OutgoingTopicAliases.disable(client);
        final DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(settings.bufferSize());
        buffer.setPersistBuffer(false);
        buffer.setDeleteOldestMessages(false);
        client.setBufferOpts(buffer);
    }

    String clientId() {
        return client.getClientId();
    }

    /** Connects, retrying until the broker answers or the connect timeout has passed. */
    void connect() throws MqttException, InterruptedException {
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
                window = new Semaphore(size);
                if (brokerMax < settings.maxInflight()) {
                    LOG.warn("{}: the broker allows {} QoS 1 messages in flight per client, fewer than the {} asked for;"
                            + " raise its receive maximum for plant rates", clientId(), brokerMax, settings.maxInflight());
                }
                LOG.info("{} connected to {} (in-flight window {})", clientId(), settings.serverUri(), size);
                return;
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                if (!warned) {
                    LOG.warn("{}: cannot connect to {} yet ({}); retrying for up to {} s", clientId(),
                            settings.serverUri(), e.getMessage(), settings.connectTimeout().toSeconds());
                    warned = true;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
    }

    /**
     * Publishes one reading at QoS 1. Blocks while the in-flight window is full.
     *
     * @throws InterruptedException when the caller is stopped while waiting
     */
    void publish(final String topic, final byte[] payload) throws InterruptedException {
        while (true) {
            final boolean connected = client.isConnected();
            if (connected) {
                window.acquire();
            }
            final MqttMessage message = new MqttMessage(payload, MqttTopics.READINGS_QOS, false, null);
            final Pending pending = new Pending(System.nanoTime(), connected);
            outstanding.incrementAndGet();
            try {
                client.publish(topic, message, pending, completion);
                stats.published(!connected);
                return;
            } catch (MqttException e) {
                outstanding.decrementAndGet();
                if (connected) {
                    window.release();
                }
                if (!isTransient(e)) {
                    stats.failed(reason(e), e);
                    return;
                }
                LockSupport.parkNanos(RETRY_PARK_NANOS);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    }

    /** Messages published and not yet acknowledged or failed. */
    int outstanding() {
        return outstanding.get();
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** Disconnects (when connected) and releases the client; messages still outstanding are counted as failed. */
    void close() {
        final int left = outstanding.get();
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
        if (left > 0) {
            LOG.warn("{}: {} readings were not acknowledged before closing", clientId(), left);
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
        final String uri = settings.serverUri();
        o.setSocketFactory(uri.startsWith("ssl://") || uri.startsWith("wss://")
                ? new NoDelaySslSocketFactory((SSLSocketFactory) SSLSocketFactory.getDefault())
                : NoDelaySocketFactory.plain());
        if (settings.username() != null) {
            o.setUserName(settings.username());
        }
        if (settings.password() != null) {
            o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        return o;
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

    private static String reason(final MqttException e) {
        return e.getMessage() + " (code " + e.getReasonCode() + ")";
    }

    /** One published reading; completed once, whatever Paho reports. */
    private static final class Pending {
        private final long publishedNanos;
        private final boolean holdsPermit;
        private final AtomicBoolean completed = new AtomicBoolean();

        Pending(final long publishedNanos, final boolean holdsPermit) {
            this.publishedNanos = publishedNanos;
            this.holdsPermit = holdsPermit;
        }
    }

    private final class Completion implements MqttActionListener {
        @Override
        public void onSuccess(final IMqttToken token) {
            final Pending p = (Pending) token.getUserContext();
            if (!p.completed.compareAndSet(false, true)) {
                return;
            }
            final int[] codes = token.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                stats.failed("the broker refused the reading with reason code 0x" + Integer.toHexString(codes[0]), null);
            } else {
                stats.acked(System.nanoTime() - p.publishedNanos);
            }
            done(p);
        }

        @Override
        public void onFailure(final IMqttToken token, final Throwable cause) {
            final Pending p = (Pending) token.getUserContext();
            if (!p.completed.compareAndSet(false, true)) {
                return;
            }
            if (cause instanceof MqttException e && isLostInFlight(e)) {
                stats.lostInFlight();
            } else {
                stats.failed(cause instanceof MqttException e ? reason(e) : String.valueOf(cause), cause);
            }
            done(p);
        }

        private void done(final Pending p) {
            outstanding.decrementAndGet();
            if (p.holdsPermit) {
                window.release();
            }
        }
    }
}
