package dev.pdm.iiot.simulator.mqtt;

import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.localstack.mqtt.MqttBroker;
import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.core.PlantConfig;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.core.Simulation;
import dev.pdm.iiot.simulator.core.TelemetryGenerator;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.output.LabelSink;
import dev.pdm.iiot.simulator.output.ReadingSink;
import dev.pdm.iiot.simulator.testing.ReadingSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two independent broker nodes (HiveMQ CE has no clustering) and two publishers that know both, one
 * per transport, streaming at the same time: each publisher's two clients start one on each node;
 * the first node goes away; its clients go on on the other node, and every reading a PUBACK accepted
 * (each reported once to the acknowledgement listener) reaches a subscriber. The first node keeps
 * its sessions on disk and comes back at the end, so that its subscriber also gets what that node
 * accepted and had not delivered yet when it stopped.
 */
@Timeout(120)
class FailoverIT {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverIT.class);
    /** Per transport 25 machines every 50 ms: 500 readings/s. */
    private static final int MACHINES = 25;
    private static final Duration INTERVAL = Duration.ofMillis(50);

    @Test
    void clientsWhoseNodeGoesAwayGoOnOnTheOtherAndNoAcknowledgedReadingIsLost(@TempDir final Path dir)
            throws Exception {
        final MqttBroker node1 = new MqttBroker(MqttBrokerConfig.loopback(dir.resolve("node1"), MqttPersistence.FILE));
        final MqttBroker node2 = new MqttBroker(MqttBrokerConfig.loopback(dir.resolve("node2"), MqttPersistence.IN_MEMORY));
        final List<ReadingSubscriber> subscribers = new ArrayList<>();
        final List<Stream> streams = new ArrayList<>();
        try {
            node1.start();
            node2.start();
            subscribers.add(ReadingSubscriber.subscribe(node1.uri(), "it-failover-sub1", true));
            subscribers.add(ReadingSubscriber.subscribe(node2.uri(), "it-failover-sub2", true));
            final List<String> machines = MachineIds.first(2 * MACHINES);
            for (final MqttSettings.Transport transport : MqttSettings.Transport.values()) {
                final List<String> own = machines.subList(transport.ordinal() * MACHINES, (transport.ordinal() + 1) * MACHINES);
                streams.add(Stream.start(transport, own, MqttSettings.defaults(node1.uri())
                        .withFailover(List.of(node2.uri())).withClients(2)
                        .withClientIdPrefix("it-failover-" + transport.optionValue()).withTransport(transport)));
            }
            for (final Stream stream : streams) {
                assertThat(stream.publisher.currentServerUris()).as(stream.transport + ": one client on each node")
                        .containsExactly(node1.uri(), node2.uri());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> streams.stream().allMatch(s -> s.stats.acked() >= 500));

            node1.stop();
            final long stoppedAt = System.nanoTime();
            for (final Stream stream : streams) {
                await(stream.transport + ": the first node's client on the second node").atMost(Duration.ofSeconds(20))
                        .until(() -> stream.publisher.isConnected()
                                && stream.publisher.currentServerUris().equals(List.of(node2.uri(), node2.uri())));
                LOG.info("{}: both clients on the second node {} ms after the first stopped", stream.transport,
                        (System.nanoTime() - stoppedAt) / 1_000_000);
            }
            for (final Stream stream : streams) {
                final long ackedAtFailover = stream.stats.acked();
                await(stream.transport + ": readings acknowledged on the second node").atMost(Duration.ofSeconds(20))
                        .until(() -> stream.stats.acked() >= ackedAtFailover + 500);
            }
            streams.forEach(s -> s.sim.stop());

            final Set<String> reported = new HashSet<>();
            for (final Stream stream : streams) {
                assertThat(stream.sim.failure()).isEmpty();
                final PublishStats stats = stream.stats;
                assertThat(stats.failed()).as(stream.transport + " failed").isZero();
                assertThat(stats.published()).isEqualTo(stream.generated.get());
                assertThat(stats.acked()).as(stream.transport + ": every reading acknowledged by the end")
                        .isEqualTo(stats.published());
                assertThat(stream.reports.get()).as(stream.transport + ": one report per acknowledged reading")
                        .isEqualTo(stats.acked());
                for (final byte[] payload : stream.acknowledged) {
                    assertThat(reported.add(key(payload))).as("reported once: " + key(payload)).isTrue();
                }
            }
            assertThat(reported).hasSize((int) streams.stream().mapToLong(s -> s.generated.get()).sum());

            // the first node's subscriber comes back at once to the queue the node kept for it (the old client,
            // still trying to reconnect with the same client id, would take the session over again and again)
            closeQuietly(subscribers.get(0));
            node1.start();
            subscribers.add(ReadingSubscriber.subscribe(node1.uri(), "it-failover-sub1", true));
            final Map<String, Set<Long>> expected = new TreeMap<>();
            for (final String reading : reported) {
                final int colon = reading.lastIndexOf(':');
                expected.computeIfAbsent(reading.substring(0, colon), m -> new TreeSet<>())
                        .add(Long.parseLong(reading.substring(colon + 1)));
            }
            await("every acknowledged reading at a subscriber").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> expected.forEach((machine, seqs) -> {
                        final Set<Long> arrived = new TreeSet<>();
                        subscribers.forEach(sub -> arrived.addAll(sub.seqsOf(machine)));
                        assertThat(arrived).as("acknowledged readings of " + machine + " that arrived").containsAll(seqs);
                    }));
            LOG.info("{} readings acknowledged and reported, all arrived: {} on the first node, {} on the second",
                    reported.size(), subscribers.get(0).received().size() + subscribers.get(2).received().size(),
                    subscribers.get(1).received().size());
        } finally {
            streams.forEach(s -> s.sim.stop());
            for (final ReadingSubscriber subscriber : subscribers) {
                closeQuietly(subscriber);
            }
            // HiveMQ takes seconds to stop: both at once
            CompletableFuture.allOf(CompletableFuture.runAsync(node1::close), CompletableFuture.runAsync(node2::close))
                    .get(60, TimeUnit.SECONDS);
        }
    }

    private static void closeQuietly(final ReadingSubscriber subscriber) {
        try {
            subscriber.close();
        } catch (Exception e) {
            LOG.debug("closing a subscriber: {}", e.toString());
        }
    }

    /** One publisher streaming its machines' readings, and what its listener heard. */
    private record Stream(MqttSettings.Transport transport, MqttPublisher publisher, Simulation sim, PublishStats stats,
                          AtomicLong generated, AtomicLong reports, Queue<byte[]> acknowledged) {

        static Stream start(final MqttSettings.Transport transport, final List<String> machines,
                            final MqttSettings settings) throws Exception {
            final PublishStats stats = new PublishStats();
            final AtomicLong reports = new AtomicLong();
            final Queue<byte[]> acknowledged = new ConcurrentLinkedQueue<>();
            final MqttPublisher publisher = MqttPublisher.connect(settings, stats, (topic, payload) -> {
                reports.incrementAndGet();
                acknowledged.add(payload);
            });
            final AtomicLong generated = new AtomicLong();
            final ReadingSink counting = new ReadingSink() {
                @Override
                public void accept(final TelemetryReading reading, final byte[] json) {
                    generated.incrementAndGet();
                }

                @Override
                public void close() {
                }
            };
            final PlantConfig plant = new PlantConfig(machines, INTERVAL, 11, FaultPlan.NONE, ReadingFormat.DEFAULT);
            final Simulation sim = Simulation.builder().source(new TelemetryGenerator(plant, LabelSink.NONE))
                    .sink(publisher).sink(counting).build().start();
            return new Stream(transport, publisher, sim, stats, generated, reports, acknowledged);
        }
    }

    private static String key(final byte[] payload) {
        final TelemetryReading reading = EventJson.fromJson(new String(payload, StandardCharsets.UTF_8),
                TelemetryReading.class);
        return reading.machineId() + ":" + reading.seq();
    }
}
