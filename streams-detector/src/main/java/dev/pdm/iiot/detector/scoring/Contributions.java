package dev.pdm.iiot.detector.scoring;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.events.model.Contributor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which sensors drove an anomaly: each feature's distance from its training distribution,
 * z = (value - mean) / deviation, strongest first. A deviation is floored at a share of the mean's
 * magnitude, so that a sensor that hardly moved during training does not look extreme for a
 * change nobody would notice.
 */
public final class Contributions {

    private final DetectorSettings.Contributions settings;

    public Contributions(final DetectorSettings.Contributions settings) {
        this.settings = settings;
    }

    /**
     * The sensors at least {@code minZ} deviations away, at most {@code max}, strongest first; when
     * none is that far, the single farthest one.
     */
    public List<Contributor> of(final TrainedModel model, final double[] raw) {
        return of(model, raw, null);
    }

    /**
     * Per feature, the deviation a distance z is measured in: the training deviation, floored at
     * {@code minRelativeStd} of the feature's expected value (the baseline plus the mean deviation).
     *
     * @param baseline the levels the model's features are measured from, or null (the readings themselves)
     */
    public double[] scales(final TrainedModel model, final double[] baseline) {
        final double[] s = new double[model.stds().length];
        for (int k = 0; k < s.length; k++) {
            final double offset = baseline == null ? 0.0 : baseline[k];
            s[k] = Math.max(model.stds()[k], Math.max(settings.minRelativeStd() * Math.abs(offset + model.means()[k]), 1e-9));
        }
        return s;
    }

    /**
     * Like {@link #of(TrainedModel, double[])} for a model that learned deviations from a baseline:
     * {@code x} are the deviations, {@code baseline} the levels they were measured from. A contributor
     * then names the reading's own value and its expected value (the baseline plus the mean deviation),
     * and the deviation's floor is relative to that expected value.
     *
     * @param baseline the levels, or null when the model learned the readings themselves
     */
    public List<Contributor> of(final TrainedModel model, final double[] x, final double[] baseline) {
        final double[] scales = scales(model, baseline);
        final List<Contributor> all = new ArrayList<>(x.length);
        for (int k = 0; k < x.length; k++) {
            final double offset = baseline == null ? 0.0 : baseline[k];
            final double mean = model.means()[k];
            final double expected = offset + mean;
            final double z = (x[k] - mean) / scales[k];
            all.add(new Contributor(model.features().get(k), offset + x[k], expected, model.stds()[k], z,
                    z >= 0 ? Contributor.Direction.ABOVE : Contributor.Direction.BELOW));
        }
        all.sort(Comparator.comparingDouble((Contributor c) -> Math.abs(c.z())).reversed());
        final List<Contributor> strong = new ArrayList<>();
        for (final Contributor c : all) {
            if (Math.abs(c.z()) >= settings.minZ() && strong.size() < settings.max()) {
                strong.add(c);
            }
        }
        return strong.isEmpty() ? List.of(all.get(0)) : List.copyOf(strong);
    }
}
