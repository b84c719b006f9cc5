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
        final List<Contributor> all = new ArrayList<>(raw.length);
        for (int k = 0; k < raw.length; k++) {
            final double mean = model.means()[k];
            final double std = Math.max(model.stds()[k], Math.max(settings.minRelativeStd() * Math.abs(mean), 1e-9));
            final double z = (raw[k] - mean) / std;
            all.add(new Contributor(model.features().get(k), raw[k], mean, model.stds()[k], z,
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
