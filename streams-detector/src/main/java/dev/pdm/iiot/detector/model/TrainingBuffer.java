package dev.pdm.iiot.detector.model;

import dev.pdm.iiot.events.model.ModelDescriptor;

import java.util.List;
import java.util.Objects;

/**
 * The readings collected for a machine's next model: the value of the training store.
 *
 * @param reason   why the model is trained
 * @param features the feature names, in the order of each row
 * @param rows     the feature values of each collected reading
 */
public record TrainingBuffer(ModelDescriptor.Reason reason, List<String> features, List<double[]> rows) {

    public TrainingBuffer {
        Objects.requireNonNull(reason, "reason");
        features = List.copyOf(features);
        rows = List.copyOf(rows);
    }
}
