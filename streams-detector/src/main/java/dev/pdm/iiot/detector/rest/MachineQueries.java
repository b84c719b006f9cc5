package dev.pdm.iiot.detector.rest;

import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.streams.DetectorTopology;
import dev.pdm.iiot.detector.streams.MachineDetector;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.ScoredReading;
import jakarta.enterprise.context.ApplicationScoped;
import dev.pdm.iiot.events.KafkaTopics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Interactive queries of this instance's stores, and where a machine's state lives. Never waits
 * for a store: while the instance is not RUNNING or a store is migrating it throws
 * {@link Unavailable}, which the REST layer answers with 503 and Retry-After.
 */
@ApplicationScoped
public class MachineQueries {

    private final KafkaStreams streams;
    private final MachineDetector detector;
    private final HostInfo self;

    public MachineQueries(final KafkaStreams streams, final MachineDetector detector,
                          @ConfigProperty(name = "quarkus.kafka-streams.application-server") final String applicationServer) {
        this.streams = streams;
        this.detector = detector;
        this.self = HostInfo.buildFromEndpoint(applicationServer);
    }

    /**
     * Where a machine's state lives: this instance (empty) or another one. Whether it is here is
     * told by this instance's own active tasks, not by comparing host names.
     */
    public Optional<HostInfo> ownerOf(final String machineId) {
        requireRunning();
        final KeyQueryMetadata meta = streams.queryMetadataForKey(DetectorTopology.MACHINE_STORE, machineId,
                new StringSerializer());
        if (meta == null || KeyQueryMetadata.NOT_AVAILABLE.equals(meta)) {
            throw new Unavailable("the owner of " + machineId + " is not known yet (rebalancing)");
        }
        if (localPartitions().contains(meta.partition())) {
            return Optional.empty();
        }
        if (self().equals(meta.activeHost())) {
            throw new Unavailable("partition " + meta.partition() + " of " + machineId + " is moving to this instance");
        }
        return Optional.of(meta.activeHost());
    }

    /** The other instances of this application. */
    public List<HostInfo> otherInstances() {
        requireRunning();
        final HostInfo me = self();
        final List<HostInfo> hosts = new ArrayList<>();
        for (final StreamsMetadata m : streams.metadataForAllStreamsClients()) {
            if (!me.equals(m.hostInfo())) {
                hosts.add(m.hostInfo());
            }
        }
        return hosts;
    }

    /** This instance as the others know it: the client holding this instance's partitions, else the configured one. */
    public HostInfo self() {
        final Set<Integer> mine = localPartitions();
        if (!mine.isEmpty()) {
            for (final StreamsMetadata m : streams.metadataForAllStreamsClients()) {
                for (final TopicPartition tp : m.topicPartitions()) {
                    if (tp.topic().equals(KafkaTopics.TELEMETRY) && mine.contains(tp.partition())) {
                        return m.hostInfo();
                    }
                }
            }
        }
        return self;
    }

    private Set<Integer> localPartitions() {
        final Set<Integer> partitions = new HashSet<>();
        for (final ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (final TaskMetadata task : thread.activeTasks()) {
                for (final TopicPartition tp : task.topicPartitions()) {
                    if (tp.topic().equals(KafkaTopics.TELEMETRY)) {
                        partitions.add(tp.partition());
                    }
                }
            }
        }
        return partitions;
    }

    public Optional<MachineStatus> status(final String machineId) {
        final MachineContext ctx = machines().get(machineId);
        return ctx == null ? Optional.empty() : Optional.of(detector.status(ctx));
    }

    public List<MachineStatus> statuses() {
        return all(machines(), kv -> detector.status(kv.value));
    }

    public Optional<ModelDescriptor> model(final String machineId) {
        return Optional.ofNullable(
                this.<ModelDescriptor>keyValue(DetectorTopology.DESCRIPTOR_STORE).get(machineId));
    }

    public Optional<Alert> alert(final String alertId) {
        return Optional.ofNullable(this.<Alert>keyValue(DetectorTopology.ALERT_STORE).get(alertId));
    }

    public List<Alert> alerts() {
        return all(this.<Alert>keyValue(DetectorTopology.ALERT_STORE), kv -> kv.value);
    }

    /** The machine's last {@code last} scored readings, oldest first. */
    public List<ScoredReading> readings(final String machineId, final int last) {
        final ReadOnlyWindowStore<String, ScoredReading> store = query(DetectorTopology.READINGS_STORE,
                QueryableStoreTypes.windowStore());
        final List<ScoredReading> newestFirst = new ArrayList<>(last);
        try (WindowStoreIterator<ScoredReading> it = store.backwardFetch(machineId, Instant.EPOCH,
                Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
            while (it.hasNext() && newestFirst.size() < last) {
                newestFirst.add(it.next().value);
            }
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("the readings store is migrating", e);
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private ReadOnlyKeyValueStore<String, MachineContext> machines() {
        return keyValue(DetectorTopology.MACHINE_STORE);
    }

    private <V> ReadOnlyKeyValueStore<String, V> keyValue(final String name) {
        return query(name, QueryableStoreTypes.keyValueStore());
    }

    private <T> T query(final String name, final org.apache.kafka.streams.state.QueryableStoreType<T> type) {
        requireRunning();
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, type));
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("store " + name + " is not queryable now: " + e.getMessage(), e);
        }
    }

    private static <V, R> List<R> all(final ReadOnlyKeyValueStore<String, V> store,
                                      final Function<KeyValue<String, V>, R> map) {
        final List<R> out = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.all()) {
            it.forEachRemaining(kv -> out.add(map.apply(kv)));
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("a store is migrating", e);
        }
        return out;
    }

    private void requireRunning() {
        final KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new Unavailable("the detector is " + state + ", not RUNNING");
        }
    }
}
