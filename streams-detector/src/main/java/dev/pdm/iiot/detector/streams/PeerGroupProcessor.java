package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.watch.PeerComparison;
import dev.pdm.iiot.detector.watch.PeerGroup;
import dev.pdm.iiot.detector.watch.PeerLevel;
import dev.pdm.iiot.detector.watch.WatchSettings;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.pdm.iiot.detector.streams.DetectorTopology.PEER_COMPARISONS_SINK;

/**
 * The peer groups: {@code machine-peer-levels} is keyed by group, so one task holds every member of
 * a group in the peer store (key {@code group:machineId}, its latest levels). Each machine's levels
 * are answered at once with how they compare with the group, on {@code machine-peer-comparisons}
 * keyed by the machine, which brings the answer back to the machine's own task (too few fresh members:
 * an answer with no peers, which clears what the machine's peer watch held). The group's median
 * and spread are computed again at most every half {@code every} per group (one pass over its
 * members, dropping those gone stale), so that a group of n machines costs n entries per interval,
 * not n per message.
 */
final class PeerGroupProcessor implements Processor<String, PeerLevel, String, Object> {

    private final PeerGroup group;
    private final WatchSettings.Peers settings;
    private final Map<String, PeerGroup.Stats> cached = new HashMap<>();

    private KeyValueStore<String, PeerLevel> members;
    private ProcessorContext<String, Object> context;

    PeerGroupProcessor(final WatchSettings.Peers settings) {
        this.settings = settings;
        this.group = new PeerGroup(settings);
    }

    @Override
    public void init(final ProcessorContext<String, Object> context) {
        this.context = context;
        this.members = context.getStateStore(DetectorTopology.PEER_STORE);
    }

    @Override
    public void process(final Record<String, PeerLevel> record) {
        final PeerLevel level = record.value();
        if (level == null) {
            return;
        }
        final String name = level.group();
        members.put(name + ':' + level.machineId(), level);
        PeerGroup.Stats stats = cached.get(name);
        if (stats == null || Duration.between(stats.at(), level.at()).compareTo(settings.every().dividedBy(2)) >= 0
                || level.at().isBefore(stats.at())) {
            stats = recompute(name, level);
            if (stats == null) {
                cached.remove(name);
            } else {
                cached.put(name, stats);
            }
        }
        final PeerComparison c = stats == null ? PeerComparison.alone(level) : PeerGroup.compare(level, stats);
        context.forward(new Record<>(level.machineId(), (Object) c, record.timestamp()), PEER_COMPARISONS_SINK);
    }

    private PeerGroup.Stats recompute(final String name, final PeerLevel latest) {
        final List<PeerLevel> fresh = new ArrayList<>();
        final List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, PeerLevel> it = members.prefixScan(name + ':', new StringSerializer())) {
            while (it.hasNext()) {
                final KeyValue<String, PeerLevel> kv = it.next();
                if (Duration.between(kv.value.at(), latest.at()).compareTo(settings.staleAfter()) > 0) {
                    stale.add(kv.key);
                } else {
                    fresh.add(kv.value);
                }
            }
        }
        stale.forEach(members::delete);
        return group.stats(fresh, latest.at());
    }
}
