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
import java.util.concurrent.TimeUnit;

/**
 * Publishes readings on {@code factory/machines/{machineId}/sensors} at QoS 1 through a small pool
 * of MQTT clients; machines are spread over the clients round-robin in the order they first
 * report, and each machine always uses the same client, so its readings stay in order.
 * {@link #accept} is called from one thread; acknowledgements arrive on Paho's threads.
 */
public final class MqttPublisher implements ReadingSink {

    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

    private final MqttSettings settings;
    private final PublishStats stats;
    private final List<PublisherClient> clients;
    private final Map<String, Route> routes = new HashMap<>();
    private boolean closed;

    private MqttPublisher(final MqttSettings settings, final PublishStats stats, final List<PublisherClient> clients) {
        this.settings = settings;
        this.stats = stats;
        this.clients = clients;
    }

    /**
     * Connects every client of the pool, each retrying until the broker answers or
     * {@link MqttSettings#connectTimeout()} has passed.
     */
    public static MqttPublisher connect(final MqttSettings settings, final PublishStats stats)
            throws MqttException, InterruptedException {
        final List<PublisherClient> clients = new ArrayList<>(settings.clients());
        try {
            for (int i = 1; i <= settings.clients(); i++) {
                final PublisherClient client = new PublisherClient(settings, settings.clientIdPrefix() + "-" + i, stats);
                clients.add(client);
                client.connect();
            }
        } catch (MqttException | InterruptedException | RuntimeException e) {
            clients.forEach(PublisherClient::close);
            throw e;
        }
        return new MqttPublisher(settings, stats, List.copyOf(clients));
    }

    public PublishStats stats() {
        return stats;
    }

    /** Whether every client of the pool is connected now. */
    public boolean isConnected() {
        return clients.stream().allMatch(PublisherClient::isConnected);
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
     * acknowledged (including what is buffered while the broker is away), then disconnects.
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
        clients.forEach(PublisherClient::close);
        LOG.info("publisher closed: {} published, {} acknowledged, {} failed, {} unconfirmed (resent after a reconnect)",
                stats.published(), stats.acked(), stats.failed(), stats.unconfirmed());
    }

    private int outstanding() {
        int sum = 0;
        for (final PublisherClient c : clients) {
            sum += c.outstanding();
        }
        return sum;
    }

    private record Route(String topic, PublisherClient client) {
    }
}
