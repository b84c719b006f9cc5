package dev.pdm.iiot.connect.mqtt;

import org.apache.kafka.connect.errors.ConnectException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One MQTT client kept connected: it connects, calls {@link Listener#onConnected} after every
 * successful connection (where subscriptions are made again, so that a broker that lost its state
 * after a restart is subscribed to anew), and reconnects with exponential backoff whenever the
 * connection is lost. Errors no retry can fix (bad credentials, not authorized, a refused
 * subscription) are kept as {@link #fatalError()} for the task to fail with.
 *
 * <p>Every connection attempt is an epoch; messages are tagged with the epoch they arrived in, so
 * that acknowledgements are never sent for a connection other than the one that delivered them.
 */
public final class MqttConnection implements AutoCloseable {

    /** What the owner of the connection hears. Called on Paho's or the reconnecting thread. */
    public interface Listener {
        /** Before every connection attempt: messages of this epoch may arrive as soon as it connects. */
        default void onConnecting(final long epoch) {
        }

        /** After every successful connect; subscribe here. A thrown exception fails this attempt. */
        void onConnected(MqttAsyncClient client, long epoch, boolean sessionPresent) throws MqttException;

        /** A message arrived; may block briefly for back-pressure. */
        void onMessage(String topic, MqttMessage message, long epoch) throws InterruptedException;

        /** The connection is lost; a reconnection is scheduled. */
        default void onConnectionLost(final long epoch, final String reason) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    /** CONNACK and SUBACK reason codes no retry can fix. */
    private static final Set<Integer> FATAL_REASONS = Set.of(0x84, 0x85, 0x86, 0x87, 0x8A, 0x8C, 0x9E, 0xA1, 0xA2);

    private final Supplier<MqttAsyncClient> renewal;
    private volatile MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final Backoff backoff;
    private final Listener listener;
    private final long timeoutMs;
    private final ScheduledExecutorService reconnector;
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicReference<ConnectException> fatal = new AtomicReference<>();
    private final Object connectedSignal = new Object();
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile boolean everConnected;
    private volatile int serverReceiveMaximum = 65_535;
    private int failedAttempts;
    private long outageSince;
    private boolean attempted;

    /** A connection that keeps its client, and so Paho's state, across reconnections. */
    public MqttConnection(final MqttAsyncClient client, final MqttConnectionOptions options, final Backoff backoff,
                          final Listener listener) {
        this(client, null, options, backoff, listener);
    }

    /**
     * @param renewal when not null, every reconnection gets a new client from it and the old one is
     *                closed: nothing of an earlier connection (in-flight publishes, packet ids) survives
     */
    public MqttConnection(final MqttAsyncClient client, final Supplier<MqttAsyncClient> renewal,
                          final MqttConnectionOptions options, final Backoff backoff, final Listener listener) {
        this.client = client;
        this.renewal = renewal;
        this.options = options;
        this.backoff = backoff;
        this.listener = listener;
        this.timeoutMs = options.getConnectionTimeout() * 1000L + 5_000L;
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "mqtt-reconnect-" + client.getClientId());
            t.setDaemon(true);
            return t;
        });
        client.setCallback(new ClientCallback(client));
    }

    /**
     * Makes the first connection attempt and waits for it. A failure no retry can fix is thrown;
     * any other (the broker is not reachable yet) is logged and retried in the background.
     */
    public void start() {
        try {
            reconnector.submit(this::attempt).get(timeoutMs + 1_000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while connecting to " + client.getServerURI(), e);
        } catch (Exception e) {
            LOG.warn("First connection to {} as {} did not complete: {}; retrying in the background",
                    client.getServerURI(), client.getClientId(), e.toString());
        }
        final ConnectException error = fatal.get();
        if (error != null) {
            close();
            throw error;
        }
    }

    private void attempt() {
        if (closed || connected || fatal.get() != null) {
            return;
        }
        if (renewal != null && attempted) {
            renewClient();
        }
        attempted = true;
        final long current = epoch.incrementAndGet();
        listener.onConnecting(current);
        try {
            final IMqttToken token = client.connect(options);
            token.waitForCompletion(timeoutMs);
            final boolean sessionPresent = token.getSessionPresent();
            final Integer receiveMaximum = token.getResponseProperties() == null ? null
                    : token.getResponseProperties().getReceiveMaximum();
            serverReceiveMaximum = receiveMaximum == null ? 65_535 : receiveMaximum;
            connected = true;
            listener.onConnected(client, current, sessionPresent);
            backoff.reset();
            synchronized (connectedSignal) {
                connectedSignal.notifyAll();
            }
            if (everConnected) {
                LOG.info("Reconnected to {} as {} (session {}) after {} failed attempts in {} ms", client.getServerURI(),
                        client.getClientId(), sessionPresent ? "resumed" : "new", failedAttempts,
                        System.currentTimeMillis() - outageSince);
            } else {
                LOG.info("Connected to {} as {} (session {})", client.getServerURI(), client.getClientId(),
                        sessionPresent ? "resumed" : "new");
            }
            everConnected = true;
            failedAttempts = 0;
            outageSince = 0;
        } catch (MqttException e) {
            connected = false;
            if (FATAL_REASONS.contains(e.getReasonCode())) {
                fatal.set(new ConnectException("MQTT broker " + client.getServerURI() + " refused client "
                        + client.getClientId() + ": " + e.getMessage() + " (reason code " + e.getReasonCode() + ")", e));
                LOG.error("MQTT broker {} refused client {}: {} (reason code {}); not retrying",
                        client.getServerURI(), client.getClientId(), e.getMessage(), e.getReasonCode());
                disconnectQuietly();
                return;
            }
            disconnectQuietly();
            scheduleReconnect(e.getMessage());
        } catch (RuntimeException e) {
            connected = false;
            LOG.error("Unexpected error while connecting to {}", client.getServerURI(), e);
            disconnectQuietly();
            scheduleReconnect(e.toString());
        }
    }

    /** Logs the first failure of an outage at WARN and the following attempts at DEBUG. */
    private synchronized void scheduleReconnect(final String reason) {
        if (closed) {
            return;
        }
        final long wait = backoff.next();
        if (outageSince == 0) {
            outageSince = System.currentTimeMillis();
        }
        if (failedAttempts++ == 0) {
            LOG.warn("MQTT connection to {} as {} unavailable ({}); retrying with backoff, next attempt in {} ms "
                    + "(further attempts are logged at DEBUG)", client.getServerURI(), client.getClientId(), reason, wait);
        } else {
            LOG.debug("MQTT connection to {} as {} still unavailable ({}); attempt {}, next in {} ms",
                    client.getServerURI(), client.getClientId(), reason, failedAttempts, wait);
        }
        try {
            reconnector.schedule(this::attempt, wait, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Reconnection not scheduled: closing");
        }
    }

    private void renewClient() {
        final MqttAsyncClient old = client;
        final MqttAsyncClient fresh = renewal.get();
        fresh.setCallback(new ClientCallback(fresh));
        client = fresh;
        try {
            old.disconnectForcibly(0L, 100L, false);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("Forced disconnect of the previous client {} failed: {}", old.getClientId(), e.toString());
        }
        try {
            old.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("Close of the previous client {} failed: {}", old.getClientId(), e.toString());
        }
    }

    private void disconnectQuietly() {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000L).waitForCompletion(2_000L);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.debug("Disconnect of {} failed: {}", client.getClientId(), e.toString());
        }
    }

    public MqttAsyncClient client() {
        return client;
    }

    public boolean isConnected() {
        return connected && client.isConnected();
    }

    /** Waits until connected, at most {@code timeoutMs}; returns whether it is. */
    public boolean awaitConnected(final long timeoutMs) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (connectedSignal) {
            while (!isConnected() && !closed) {
                final long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    return false;
                }
                connectedSignal.wait(remaining);
            }
        }
        return isConnected();
    }

    /** How many unacknowledged QoS 1 and 2 publishes the broker accepts from this client (its CONNACK). */
    public int serverReceiveMaximum() {
        return serverReceiveMaximum;
    }

    /** The current connection's epoch. */
    public long epoch() {
        return epoch.get();
    }

    /** Connections lost since start. */
    public long reconnects() {
        return reconnects.get();
    }

    /** An error no retry can fix, or null. */
    public ConnectException fatalError() {
        return fatal.get();
    }

    /** Disconnects normally: the broker keeps a persistent session for its expiry interval. */
    @Override
    public void close() {
        closed = true;
        reconnector.shutdownNow();
        disconnectQuietly();
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("Close of {} failed: {}", client.getClientId(), e.toString());
        }
    }
    /** Paho's callbacks of one client; those of a client already replaced are ignored. */
    private final class ClientCallback implements MqttCallback {
        private final MqttAsyncClient owner;

        ClientCallback(final MqttAsyncClient owner) {
            this.owner = owner;
        }

        private boolean current() {
            return owner == client;
        }

        @Override
        public void disconnected(final MqttDisconnectResponse response) {
            if (!current()) {
                return;
            }
            connected = false;
            if (closed) {
                return;
            }
            reconnects.incrementAndGet();
            final String reason = response == null ? "unknown" : String.valueOf(response.getException() != null
                    ? response.getException().getMessage() : response.getReasonString());
            listener.onConnectionLost(epoch.get(), reason);
            scheduleReconnect("lost: " + reason);
        }

        @Override
        public void mqttErrorOccurred(final MqttException exception) {
            LOG.warn("MQTT error on {}: {}", owner.getClientId(), exception.getMessage());
        }

        @Override
        public void messageArrived(final String topic, final MqttMessage message) throws InterruptedException {
            listener.onMessage(topic, message, current() ? epoch.get() : -1L);
        }

        @Override
        public void deliveryComplete(final IMqttToken token) {
            // publishers track their tokens themselves
        }

        @Override
        public void connectComplete(final boolean reconnect, final String serverURI) {
            // handled in attempt(), which knows the session state
        }

        @Override
        public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
