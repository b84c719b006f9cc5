package dev.pdm.iiot.simulator.mqtt;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One MQTT 5 connection of the publisher that speaks only what a publishing device needs (CONNECT,
 * PUBLISH at QoS 1, PUBACK, PINGREQ, DISCONNECT), on a non-blocking socket served by the publisher's
 * shared {@link NioThreads}: a PUBLISH is written on the caller's thread straight into the socket, the
 * PUBACKs are read on the one I/O thread. A load of hundreds of connections then costs two threads
 * and one write and part of one read per reading, where Paho needs three threads a connection and
 * three hand-offs between them per message.
 *
 * <p>Like a device with a persistent session: while disconnected, readings wait (up to the buffer
 * size); after a reconnect (every {@value #RECONNECT_MIN_MILLIS} ms at first, doubling up to
 * {@value #RECONNECT_MAX_MILLIS} ms) the unacknowledged ones are sent again with the DUP flag, then
 * the waiting ones. At most the broker's receive maximum are unacknowledged at any time. Sends the
 * settings' user name and password; a broker that refuses them fails the start at once. Plain TCP
 * only ({@code tcp://}); the Paho transport speaks TLS. PUBACK outcomes go to the client's
 * {@link Outbox}, which sends refused readings again.
 *
 * <p>With several broker nodes a lost connection is re-established on the next node first, then
 * round the nodes (every node once at the same delay, the delay doubling after each round that
 * failed). What was unacknowledged is sent again whether the node has the client's session or not
 * (CONNACK session present), so a failover to a node without it loses nothing.
 */
final class NioClient implements Outbox.Transport, PublisherConnection {

    static final long RECONNECT_MIN_MILLIS = 500;
    static final long RECONNECT_MAX_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(NioClient.class);
    private static final int MAX_PACKET_ID = 65_535;

    private final MqttSettings settings;
    private final String clientId;
    private final List<String> serverUris;
    private final List<InetSocketAddress> addresses;
    private final AcknowledgementListener listener;
    private final PublishStats stats;
    private final NioThreads threads;
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    /** Sent and not acknowledged, by packet id, in the order they were first sent. */
    private final Map<Integer, Sent> inFlight = new LinkedHashMap<>();
    /** Not sent yet: the connection is down or the broker's receive maximum is reached. */
    private final Deque<Outbox.Attempt> waiting = new ArrayDeque<>();
    private final Deque<ByteBuffer> unwritten = new ArrayDeque<>();
    private volatile Outbox outbox;
    private SocketChannel channel;
    private SelectionKey key;
    private boolean connected;
    private boolean closing;
    private int receiveMaximum = MAX_PACKET_ID;
    private long maxPacketSize = Long.MAX_VALUE;
    private int nextPacketId = 1;
    private long reconnectDelay = RECONNECT_MIN_MILLIS;
    /** The node of {@link #serverUris} connected to, or tried next. */
    private int node;
    /** Reconnect attempts in the current round of the nodes. */
    private int triedInRound;
    private boolean sessionPresent;
    private long lastWriteNanos;
    private long pingSentNanos;
    private ScheduledFuture<?> keepAlive;

    private record Sent(Outbox.Attempt attempt, ByteBuffer packet) {
    }

    NioClient(final MqttSettings settings, final String clientId, final PublishStats stats, final NioThreads threads) {
        this(settings, settings.serverUris(), clientId, stats, AcknowledgementListener.NONE, threads);
    }

    /**
     * @param serverUris the broker nodes in the order this client tries them, its own first
     * @param listener   hears of every accepted reading, on the I/O thread
     */
    NioClient(final MqttSettings settings, final List<String> serverUris, final String clientId,
              final PublishStats stats, final AcknowledgementListener listener, final NioThreads threads) {
        if (serverUris.isEmpty()) {
            throw new IllegalArgumentException("no broker to connect to");
        }
        final List<InetSocketAddress> resolved = new ArrayList<>(serverUris.size());
        for (final String serverUri : serverUris) {
            final URI uri = URI.create(serverUri);
            if (!"tcp".equals(uri.getScheme())) {
                throw new IllegalArgumentException("the nio transport speaks plain MQTT over TCP (tcp://host:port), not "
                        + uri.getScheme() + "://; use the paho transport for TLS or WebSockets");
            }
            resolved.add(InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort()));
        }
        this.settings = settings;
        this.clientId = clientId;
        this.serverUris = List.copyOf(serverUris);
        this.addresses = List.copyOf(resolved);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.stats = stats;
        this.threads = threads;
    }

    @Override
    public synchronized String currentServerUri() {
        return serverUris.get(node);
    }

    /** Under the lock: the next node is the one to try. */
    private void nextNode() {
        node = (node + 1) % serverUris.size();
    }

    @Override
    public String clientId() {
        return clientId;
    }

    /** Connects, retrying until the broker answers or the connect timeout has passed. */
    @Override
    public void connect() throws MqttException, InterruptedException {
        final long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        boolean warned = false;
        while (true) {
            try {
                open();
                break;
            } catch (RefusedConnection e) {
                if (System.nanoTime() > deadline || PublisherClient.isRefusedCredentials(e.reasonCode)) {
                    throw new MqttException(e.reasonCode, e);
                }
                synchronized (this) {
                    nextNode();
                }
                if (!warned) {
                    LOG.warn("{}: {}; retrying for up to {} s", clientId, e.getMessage(),
                            settings.connectTimeout().toSeconds());
                    warned = true;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new MqttException(MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR, e);
                }
                synchronized (this) {
                    nextNode();
                }
                if (!warned) {
                    LOG.warn("{}: cannot connect to {} yet ({}); retrying for up to {} s", clientId,
                            String.join(" or ", serverUris), e.getMessage(), settings.connectTimeout().toSeconds());
                    warned = true;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
        outbox = new Outbox(this, stats, listener, threads.timer(), Math.min(settings.maxInflight(), receiveMaximum),
                settings.bufferSize(), ResendBackoff.defaults());
        final long tick = Math.max(1, settings.keepAlive().toSeconds() / 4);
        keepAlive = threads.timer().scheduleWithFixedDelay(this::keepAlive, tick, tick, TimeUnit.SECONDS);
    }

    /** Opens the socket and the MQTT session (blocking), then hands the socket to the I/O thread. */
    private void open() throws IOException {
        final InetSocketAddress unresolved;
        synchronized (this) {
            unresolved = addresses.get(node);
        }
        final InetSocketAddress address = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
        final SocketChannel opened = SocketChannel.open();
        try {
            opened.socket().setTcpNoDelay(true);
            opened.socket().connect(address, (int) settings.connectTimeout().toMillis());
            opened.socket().setSoTimeout((int) settings.connectTimeout().toMillis());
            write(opened, MqttPackets.connect(clientId, settings.sessionExpiry().isZero(),
                    settings.sessionExpiry().toSeconds(), (int) settings.keepAlive().toSeconds(), settings.username(),
                    settings.password()));
            final MqttPackets.Connack connack = MqttPackets.readConnack(opened.socket().getInputStream());
            if (connack.reasonCode() >= 0x80) {
                throw new RefusedConnection(connack.reasonCode(), "the broker refused the connection: "
                        + PubackOutcome.describe(connack.reasonCode())
                        + (connack.reasonString() == null ? "" : " \"" + connack.reasonString() + "\""));
            }
            opened.configureBlocking(false);
            synchronized (this) {
                channel = opened;
                receiveMaximum = connack.receiveMaximum();
                maxPacketSize = connack.maximumPacketSize();
                lastWriteNanos = System.nanoTime();
                pingSentNanos = 0;
                sessionPresent = connack.sessionPresent();
            }
            threads.register(opened, this, this::registered);
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** On the I/O thread: the socket is registered; what was unacknowledged goes out again, then what waited. */
    private void registered(final SelectionKey registeredKey) {
        synchronized (this) {
            if (closing) {
                registeredKey.cancel();
                closeChannel();
                return;
            }
            key = registeredKey;
            connected = true;
            reconnectDelay = RECONNECT_MIN_MILLIS;
            triedInRound = 0;
            if (!inFlight.isEmpty() || !waiting.isEmpty()) {
                LOG.info("{}: connected to {} ({}); sending {} unacknowledged readings again, then {} waiting", clientId,
                        serverUris.get(node), sessionPresent ? "session present" : "without its session",
                        inFlight.size(), waiting.size());
            }
            for (final Sent sent : inFlight.values()) {
                MqttPackets.markDuplicate(sent.packet());
                writeOrQueue(sent.packet().duplicate());
            }
            sendWaiting();
        }
    }

    @Override
    public boolean isConnected() {
        synchronized (this) {
            return connected;
        }
    }

    /**
     * Sends one attempt now, or keeps it until the connection is back or the broker's receive
     * maximum allows; its PUBACK reaches the outbox.
     *
     * @throws MqttException when it can never be sent (too large for the broker, the buffer full, closed)
     */
    @Override
    public void send(final Outbox.Attempt attempt) throws MqttException {
        synchronized (this) {
            if (closing) {
                throw new MqttException(MqttClientException.REASON_CODE_CLIENT_CLOSED);
            }
            if (!connected || inFlight.size() >= receiveMaximum || !waiting.isEmpty()) {
                if (waiting.size() >= settings.bufferSize()) {
                    throw new MqttException(MqttClientException.REASON_CODE_DISCONNECTED_BUFFER_FULL);
                }
                waiting.add(attempt);
                return;
            }
            sendNow(attempt);
        }
    }

    /** Under the lock, connected, below the receive maximum. */
    private void sendNow(final Outbox.Attempt attempt) throws MqttException {
        final int packetId = nextFreePacketId();
        final ByteBuffer packet = MqttPackets.publishQos1(attempt.reading.topic(), attempt.reading.payload(), packetId);
        if (packet.remaining() > maxPacketSize) {
            throw new MqttException(MqttClientException.REASON_CODE_OUTGOING_PACKET_TOO_LARGE);
        }
        inFlight.put(packetId, new Sent(attempt, packet));
        writeOrQueue(packet.duplicate());
    }

    /** Under the lock: sends what waits, as far as the receive maximum allows. */
    private void sendWaiting() {
        while (connected && !waiting.isEmpty() && inFlight.size() < receiveMaximum) {
            final Outbox.Attempt attempt = waiting.poll();
            try {
                sendNow(attempt);
            } catch (MqttException e) {
                threads.timer().execute(() -> outbox.lost(attempt, e));
            }
        }
    }

    private int nextFreePacketId() {
        while (inFlight.containsKey(nextPacketId)) {
            nextPacketId = nextPacketId == MAX_PACKET_ID ? 1 : nextPacketId + 1;
        }
        final int id = nextPacketId;
        nextPacketId = nextPacketId == MAX_PACKET_ID ? 1 : nextPacketId + 1;
        return id;
    }

    /** Under the lock: writes what the socket takes now; the rest goes out when it is writable again. */
    private void writeOrQueue(final ByteBuffer packet) {
        lastWriteNanos = System.nanoTime();
        if (unwritten.isEmpty()) {
            try {
                channel.write(packet);
            } catch (IOException e) {
                lose(e);
                return;
            }
            if (!packet.hasRemaining()) {
                return;
            }
        }
        unwritten.add(packet);
        if (key != null && key.isValid()) {
            key.interestOpsOr(SelectionKey.OP_WRITE);
            key.selector().wakeup();
        }
    }

    /** On the I/O thread: the socket takes more. */
    void writable() {
        synchronized (this) {
            try {
                while (!unwritten.isEmpty()) {
                    final ByteBuffer next = unwritten.peek();
                    channel.write(next);
                    if (next.hasRemaining()) {
                        return;
                    }
                    unwritten.poll();
                }
                key.interestOps(SelectionKey.OP_READ);
            } catch (IOException e) {
                lose(e);
            }
        }
    }

    /** On the I/O thread: PUBACKs (and the odd PINGRESP or DISCONNECT) arrived. */
    void readable() {
        final List<Runnable> outcomes = new ArrayList<>();
        synchronized (this) {
            if (!connected) {
                return;
            }
            try {
                if (channel.read(in) < 0) {
                    lose(new EOFException("the broker closed the connection"));
                    return;
                }
                in.flip();
                MqttPackets.Packet packet;
                while ((packet = MqttPackets.next(in)) != null) {
                    handle(packet, outcomes);
                }
                in.compact();
            } catch (IOException e) {
                lose(e);
            }
        }
        outcomes.forEach(Runnable::run);
    }

    /** Under the lock. */
    private void handle(final MqttPackets.Packet packet, final List<Runnable> outcomes) throws IOException {
        switch (packet.type()) {
            case MqttPackets.PUBACK -> {
                final MqttPackets.Puback puback = MqttPackets.puback(packet);
                final Sent sent = inFlight.remove(puback.packetId());
                if (sent != null) {
                    outcomes.add(() -> outbox.completed(sent.attempt(), puback.reasonCode(), puback.reasonString()));
                    sendWaiting();
                }
            }
            case MqttPackets.PINGRESP -> pingSentNanos = 0;
            case MqttPackets.DISCONNECT -> throw new IOException("the broker disconnected: "
                    + MqttPackets.disconnectReason(packet));
            default -> throw new IOException("unexpected MQTT packet of type " + packet.type());
        }
    }

    /** On the timer: a PINGREQ when nothing was written for half the keep-alive; a dead connection is lost. */
    private void keepAlive() {
        synchronized (this) {
            if (!connected) {
                return;
            }
            final long now = System.nanoTime();
            final long keepAliveNanos = settings.keepAlive().toNanos();
            if (pingSentNanos != 0 && now - pingSentNanos > keepAliveNanos) {
                lose(new IOException("no PINGRESP within the keep-alive of " + settings.keepAlive().toSeconds() + " s"));
            } else if (pingSentNanos == 0 && now - lastWriteNanos > keepAliveNanos / 2) {
                pingSentNanos = now;
                writeOrQueue(MqttPackets.pingreq());
            }
        }
    }

    /** On the I/O thread (socket closed or failed by another thread). */
    void connectionLost(final IOException cause) {
        synchronized (this) {
            lose(cause);
        }
    }

    /** Under the lock: the connection is gone; reconnect unless closing. What was in flight is sent again. */
    private void lose(final IOException cause) {
        if (!connected && channel == null) {
            return;
        }
        final boolean wasConnected = connected;
        connected = false;
        closeChannel();
        if (closing) {
            return;
        }
        if (wasConnected) {
            LOG.warn("{}: connection to {} lost ({}); {} readings unacknowledged, reconnecting{}", clientId,
                    serverUris.get(node), cause.getMessage(), inFlight.size(),
                    serverUris.size() > 1 ? " (next node first)" : "");
            nextNode();
            triedInRound = 0;
        }
        scheduleReconnect();
    }

    private void closeChannel() {
        if (key != null) {
            key.cancel();
            key = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("{}: closing the socket failed: {}", clientId, e.toString());
            }
            channel = null;
        }
        unwritten.clear();
        in.clear();
    }

    /** Under the lock: the next attempt, at the same delay within a round of the nodes, doubled after a round. */
    private void scheduleReconnect() {
        final long delay = reconnectDelay;
        if (++triedInRound >= serverUris.size()) {
            triedInRound = 0;
            reconnectDelay = Math.min(RECONNECT_MAX_MILLIS, reconnectDelay * 2);
        }
        threads.timer().schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }

    /** On the timer. */
    private void reconnect() {
        synchronized (this) {
            if (closing || connected) {
                return;
            }
        }
        try {
            open();
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                LOG.debug("{}: reconnecting to {} failed: {}", clientId, serverUris.get(node), e.toString());
                nextNode();
                if (!closing) {
                    scheduleReconnect();
                }
            }
        }
    }

    @Override
    public void publish(final String topic, final byte[] payload) throws InterruptedException {
        outbox.publish(topic, payload);
    }

    @Override
    public int outstanding() {
        final Outbox o = outbox;
        return o == null ? 0 : o.outstanding();
    }

    /** Disconnects; readings not acknowledged by then are counted as failed. */
    @Override
    public void close() {
        final Outbox o = outbox;
        final int abandoned = o == null ? 0 : o.close();
        final List<Outbox.Attempt> unacknowledged = new ArrayList<>();
        synchronized (this) {
            closing = true;
            if (keepAlive != null) {
                keepAlive.cancel(false);
            }
            if (connected) {
                writeOrQueue(MqttPackets.disconnect());
            }
            connected = false;
            closeChannel();
            inFlight.values().forEach(s -> unacknowledged.add(s.attempt()));
            unacknowledged.addAll(waiting);
            inFlight.clear();
            waiting.clear();
        }
        final MqttException closed = new MqttException(MqttClientException.REASON_CODE_CLIENT_CLOSED);
        if (o != null) {
            unacknowledged.forEach(a -> o.lost(a, closed));
        }
        if (abandoned + unacknowledged.size() > 0) {
            LOG.warn("{}: {} readings were not acknowledged before closing", clientId, abandoned + unacknowledged.size());
        }
    }

    /** A CONNACK with an error reason code. */
    private static final class RefusedConnection extends IOException {
        private static final long serialVersionUID = 1L;
        private final int reasonCode;

        RefusedConnection(final int reasonCode, final String message) {
            super(message);
            this.reasonCode = reasonCode;
        }
    }

    private static void write(final SocketChannel channel, final ByteBuffer packet) throws IOException {
        while (packet.hasRemaining()) {
            channel.write(packet);
        }
    }
}
