package dev.pdm.iiot.connect.history;

import dev.pdm.iiot.events.model.FeatureStats;
import dev.pdm.iiot.events.model.ModelDescriptor;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import java.util.List;

/**
 * A model descriptor of {@code machine-models} as a row of {@code model_versions}, keyed by machine
 * and version: the compacted topic keeps each machine's latest model, the table every model it had.
 *
 * @param <R> the record type
 */
public final class ModelVersionStruct<R extends ConnectRecord<R>> extends JsonToStruct<R, ModelDescriptor> {

    /** The row's schema; the field names are the table's columns. */
    public static final Schema SCHEMA = SchemaBuilder.struct().name("dev.pdm.iiot.history.ModelVersion")
            .field("machine_id", Schema.STRING_SCHEMA)
            .field("version", Schema.INT32_SCHEMA)
            .field("trained_at", instant().build())
            .field("samples", Schema.INT32_SCHEMA)
            .field("features", jsonb().build())
            .field("feature_stats", optional(jsonb()))
            .field("threshold", Schema.FLOAT64_SCHEMA)
            .field("contamination", Schema.FLOAT64_SCHEMA)
            .field("trees", Schema.INT32_SCHEMA)
            .field("subsample", Schema.FLOAT64_SCHEMA)
            .field("extension_level", Schema.INT32_SCHEMA)
            .field("size_bytes", Schema.INT64_SCHEMA)
            .field("reason", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    public ModelVersionStruct() {
        super(ModelDescriptor.class, List.of("machine_id", "version", "trained_at", "samples", "features",
                "feature_stats", "threshold", "contamination", "trees", "subsample", "extension_level", "size_bytes",
                "reason"));
    }

    /** Counts that are not negative, finite numbers, feature names that a jsonb holds. */
    @Override
    void check(final ModelDescriptor model) {
        RowChecks.machineId("machine_id", model.machineId());
        RowChecks.count("version", model.version(), Integer.MAX_VALUE);
        RowChecks.instant("trained_at", model.trainedAt());
        RowChecks.count("samples", model.samples(), Integer.MAX_VALUE);
        RowChecks.count("trees", model.trees(), Integer.MAX_VALUE);
        RowChecks.count("extension_level", model.extensionLevel(), Integer.MAX_VALUE);
        RowChecks.count("size_bytes", model.sizeBytes(), Long.MAX_VALUE);
        RowChecks.finite("threshold", model.threshold());
        RowChecks.finite("contamination", model.contamination());
        RowChecks.finite("subsample", model.subsample());
        for (final String feature : model.features()) {
            RowChecks.name("features", feature);
        }
        for (final FeatureStats stats : model.featureStats()) {
            RowChecks.name("feature_stats", stats.name());
            RowChecks.finite("feature_stats." + stats.name() + ".mean", stats.mean());
            RowChecks.finite("feature_stats." + stats.name() + ".std", stats.std());
        }
    }

    @Override
    Struct toStruct(final ModelDescriptor model) {
        return new Struct(SCHEMA)
                .put("machine_id", model.machineId())
                .put("version", model.version())
                .put("trained_at", text(model.trainedAt()))
                .put("samples", model.samples())
                .put("features", json(model.features()))
                .put("feature_stats", model.featureStats() == null ? null : json(model.featureStats()))
                .put("threshold", model.threshold())
                .put("contamination", model.contamination())
                .put("trees", model.trees())
                .put("subsample", model.subsample())
                .put("extension_level", model.extensionLevel())
                .put("size_bytes", model.sizeBytes())
                .put("reason", model.reason() == null ? null : model.reason().name());
    }
}
