package dev.pdm.iiot.simulator.mqtt;

import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.output.ReadingSink;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes readings on {@code factory/machines/{machineId}/sensors} at QoS 1 through a pool of
 * MQTT clients; machines are spread over the clients round-robin in the order they first report,
 * and each machine always uses the same client, so its readings stay in order (a reading the broker
 * refuses is sent again before that client's later ones, see {@link Outbox}).
 * {@link #accept} is called from one thread; acknowledgements arrive on the transport's threads. With
 * Paho all clients share one {@link PahoThreads} (three threads per connected client and one timer);
 * with the lean {@link NioClient} they share one {@link NioThreads} (two threads in all).
 *
 * <p>With several broker nodes ({@link MqttSettings#serverUris()}) the pool's client i (from 0)
 * starts on node i % n, so every node carries its share, and has the other nodes as failover: a
 * client whose node goes away reconnects to another with the same client id and sends again
 * whatever had not been acknowledged. An {@link AcknowledgementListener} hears of every reading a
 * PUBACK accepted, once.
 */
public final class MqttPublisher implements ReadingSink {

    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

    /**
     * Clients connected (or closed) at the same time. Paho waits about 0.3 s in each connect (it polls
     * for its threads to start), so 200 clients one after the other would take a minute.
     */
    static final int PARALLEL_CONNECTS = 32;

    private final MqttSettings settings;
    private final PublishStats stats;
    private final AutoCloseable threads;
    private final List<PublisherConnection> clients;
    private final Map<String, Route> routes = new HashMap<>();
    private boolean closed;

    private MqttPublisher(final MqttSettings settings, final PublishStats stats, final AutoCloseable threads,
                          final List<PublisherConnection> clients) {
        this.settings = settings;
        this.stats = stats;
        this.threads = threads;
        this.clients = clients;
    }

    /**
     * Connects every client of the pool, {@value #PARALLEL_CONNECTS} at a time, each retrying until
     * the broker answers or {@link MqttSettings#connectTimeout()} has passed.
     */
    public static MqttPublisher connect(final MqttSettings settings, final PublishStats stats)
            throws MqttException, InterruptedException {
        return connect(settings, stats, AcknowledgementListener.NONE);
    }

    /**
     * Connects every client of the pool as {@link #connect(MqttSettings, PublishStats)} does; the
     * listener hears of every reading a PUBACK accepted, exactly once, on the transport's thread (it
     * must be cheap and must not block, see {@link AcknowledgementListener}).
     */
    public static MqttPublisher connect(final MqttSettings settings, final PublishStats stats,
                                        final AcknowledgementListener listener)
            throws MqttException, InterruptedException {
        Objects.requireNonNull(listener, "listener");
        final long started = System.nanoTime();
        final boolean nio = settings.transport() == MqttSettings.Transport.NIO;
        final NioThreads nioThreads = nio ? new NioThreads(settings.clientIdPrefix()) : null;
        final PahoThreads pahoThreads = nio ? null : new PahoThreads(settings.clientIdPrefix());
        final AutoCloseable threads = nio ? nioThreads : pahoThreads::shutdownNow;
        final List<PublisherConnection> clients = new ArrayList<>(settings.clients());
        try {
            for (int i = 1; i <= settings.clients(); i++) {
                final String clientId = settings.clientIdPrefix() + "-" + i;
                final List<String> uris = settings.serverUrisFor(i - 1);
                clients.add(nio ? new NioClient(settings, uris, clientId, stats, listener, nioThreads)
                        : new PublisherClient(settings, uris, clientId, stats, listener, pahoThreads));
            }
            forEachInParallel(clients, PublisherConnection::connect);
        } catch (MqttException | InterruptedException | RuntimeException e) {
            closeAll(clients);
            closeQuietly(threads);
            throw e;
        }
        LOG.info("{} client(s) connected to {} in {} ms", clients.size(), String.join(",", settings.serverUris()),
                (System.nanoTime() - started) / 1_000_000);
        return new MqttPublisher(settings, stats, threads, List.copyOf(clients));
    }

    public PublishStats stats() {
        return stats;
    }

    /** The broker node each client of the pool is on (or was last on), in the order of the clients. */
    List<String> currentServerUris() {
        return clients.stream().map(PublisherConnection::currentServerUri).toList();
    }

    /** Whether every client of the pool is connected now. */
    public boolean isConnected() {
        return clients.stream().allMatch(PublisherConnection::isConnected);
    }

    @Override
    public void accept(final TelemetryReading reading, final byte[] json) throws InterruptedException {
        Route route = routes.get(reading.machineId());
        if (route == null) {
            route = new Route(MqttTopics.sensors(reading.machineId()), clients.get(routes.size() % clients.size()));
            routes.put(reading.machineId(), route);
        }
        route.client().publish(route.topic(), json);
    }

    /**
     * Waits up to {@link MqttSettings#drainTimeout()} for every published reading to be
     * acknowledged (including what is buffered while the broker is away and what waits to be sent
     * again after a refusal), then disconnects; readings still waiting to be sent again fail.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        final long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        int outstanding = outstanding();
        if (outstanding > 0) {
            LOG.info("waiting up to {} s for {} readings to be acknowledged", settings.drainTimeout().toSeconds(), outstanding);
        }
        while (outstanding > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            outstanding = outstanding();
        }
        closeAll(clients);
        closeQuietly(threads);
        LOG.info("publisher closed: {} published, {} acknowledged, {} refused and sent again, {} rejected, {} failed",
                stats.published(), stats.acked(), stats.refused(), stats.rejected(), stats.failed());
    }

    private static void closeQuietly(final AutoCloseable threads) {
        try {
            threads.close();
        } catch (Exception e) {
            LOG.debug("stopping the publisher's threads failed: {}", e.toString());
        }
    }

    private static void closeAll(final List<PublisherConnection> clients) {
        try {
            forEachInParallel(clients, PublisherConnection::close);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MqttException | RuntimeException e) {
            LOG.warn("closing the clients failed: {}", e.toString());
        }
    }

    private interface ClientTask {
        void run(PublisherConnection client) throws MqttException, InterruptedException;
    }

    /** Runs the task for every client, {@value #PARALLEL_CONNECTS} at a time; rethrows the first failure. */
    private static void forEachInParallel(final List<PublisherConnection> clients, final ClientTask task)
            throws MqttException, InterruptedException {
        if (clients.size() <= 1) {
            for (final PublisherConnection client : clients) {
                task.run(client);
            }
            return;
        }
        final ExecutorService pool = Executors.newFixedThreadPool(Math.min(clients.size(), PARALLEL_CONNECTS), r -> {
            final Thread t = new Thread(r, "mqtt-publisher-pool");
            t.setDaemon(true);
            return t;
        });
        try {
            final List<Future<Void>> done = new ArrayList<>();
            for (final PublisherConnection client : clients) {
                done.add(pool.submit(() -> {
                    task.run(client);
                    return null;
                }));
            }
            for (final Future<Void> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof MqttException m) {
                        throw m;
                    }
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private int outstanding() {
        int sum = 0;
        for (final PublisherConnection c : clients) {
            sum += c.outstanding();
        }
        return sum;
    }

    private record Route(String topic, PublisherConnection client) {
    }
}
