package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.scoring.ForestCodec;
import dev.pdm.iiot.detector.scoring.TrainedModel;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model store of one stream task, with its decoded models cached per machine and version, so
 * that a model is decoded once per version and never per reading. Keys are
 * {@code machineId#v0000000007}, so that a machine's versions sort together.
 */
final class StoredModels {

    private final KeyValueStore<String, byte[]> store;
    private final Map<String, TrainedModel> cache;

    StoredModels(final KeyValueStore<String, byte[]> store, final int cacheSize) {
        this.store = store;
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, TrainedModel> eldest) {
                return size() > cacheSize;
            }
        };
    }

    static String key(final String machineId, final int version) {
        return machineId + "#v" + String.format("%010d", version);
    }

    /** The machine's model of that version, or null when the store no longer has it. */
    TrainedModel get(final String machineId, final int version) {
        final TrainedModel cached = cache.get(machineId);
        if (cached != null && cached.version() == version) {
            return cached;
        }
        final byte[] bytes = store.get(key(machineId, version));
        if (bytes == null) {
            return null;
        }
        final TrainedModel model = ForestCodec.decode(bytes);
        cache.put(machineId, model);
        return model;
    }

    /** Stores a new version, drops the versions beyond the newest {@code keep}, returns the stored size. */
    long put(final TrainedModel model, final int keep) {
        final byte[] bytes = ForestCodec.encode(model);
        store.put(key(model.machineId(), model.version()), bytes);
        final int drop = model.version() - keep;
        if (drop >= 1) {
            store.delete(key(model.machineId(), drop));
        }
        cache.put(model.machineId(), model);
        return bytes.length;
    }
}
