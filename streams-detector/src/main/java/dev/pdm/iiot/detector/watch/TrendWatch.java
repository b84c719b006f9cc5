package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.SensorTrend;
import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Slow degradation, and how long until it reaches an operating limit.
 *
 * <ol>
 *   <li>Every sensor has a slow level: an exponentially weighted mean of its readings over
 *       {@code level} (30 min), sampled every {@code sampleEvery} (1 min).</li>
 *   <li>Once the machine has a model, its healthy samples (no alert of any type open)
 *       build a {@link Reference} of how its levels move together. It is anchored: after
 *       {@code reference} (12 h) of healthy time it judges, and from then on a healthy sample moves it
 *       by {@code sampleEvery / referenceMemory} (1 min of 7 days) at most, so that a fault developing
 *       over hours cannot become its normal.</li>
 *   <li>Each sample, each sensor's residual: its level minus the level the reference expects from
 *       the others' levels and their slower levels (twice the time constant, so that a sensor that
 *       follows another with a lag is expected with its lag). A load change moves the sensors
 *       together and leaves the residuals near zero; a fault moves some sensors against the others.
 *       Temperature, when the machine also reports current, is expected from the heat of the current
 *       instead ({@code heating}): the current's square, as a motor's copper losses (I²R) heat it,
 *       through first-order lags of {@code thermalLag} and twice that (a motor's thermal time
 *       constant is fitted between them by least squares), and at the temperature's own faster
 *       level ({@code thermalLevel}, 10 min), which is what is judged: a linear fit on the current
 *       itself misses that curvature by degrees at a load the reference did not see, and the slow
 *       levels of the heat without the thermal lag miss the load's faster swings by tenths of a
 *       degree, so that a cooling loss had to wait for the 30-minute level. In deviations of the
 *       reference's scatter around that expectation, floored at {@code minChange} of the sensor's
 *       level ({@code thermalMinChange} for the temperature judged against the heat).</li>
 *   <li>A residual beyond {@code alertZ} (4) for {@code sustain} (15 min) raises {@code DEGRADATION};
 *       it clears when every residual is back below {@code clearZ} (2.5).</li>
 *   <li>The rate is the slope of the residual over time, fitted by exponentially weighted least
 *       squares over {@code window} (3 h). With a limit for the sensor, the time to limit is the
 *       distance from the level (corrected for the level's lag) to the limit at that rate; its
 *       interval is that of the slope (90 %), the slope's error counted with one independent sample
 *       per two level time constants.</li>
 * </ol>
 */
public final class TrendWatch extends AbstractWatch<TrendWatch.State> {

    public static final String ID = "trend";
    /**
     * Format 2 added the heat levels and the reference learned beside one of another layout; format
     * 3 the thermal model's values.
     */
    static final int VERSION = 3;
    /** Values per sensor in a sample: its level and its slower level. */
    private static final int VIEWS = 2;
    /** Values of the heat in a sample: the levels of the current's square, of both time constants. */
    private static final int HEAT_VIEWS = 2;
    private static final double Z90 = 1.645;
    /** Values of the thermal model in a sample: temperature's fast level, then the current's square through each thermal lag. */
    private static final int THERMAL_VIEWS = 3;

    private final WatchSettings.Trend settings;
    private final WatchSettings.Limits limits;
    private final WatchSettings.Peers groups;

    public TrendWatch(final WatchSettings settings) {
        super(ID, Alert.TYPE_DEGRADATION, VERSION);
        this.settings = settings.trend();
        this.limits = settings.limits();
        this.groups = settings.peers();
    }

    /** The machine's levels, reference and trend fit. */
    public static final class State extends SlotState {
        double[] level;
        /** Slower levels (twice the time constant): how a sensor that follows another with a lag is expected. */
        double[] slow;
        /**
         * The levels of the current's square (of the level's and of the slower time constant), the
         * heat temperature was expected from in format 2 (kept for a reference of that layout, which
         * judges until the thermal model's has learned); null when the machine does not report both.
         */
        double[] heat;
        /**
         * The thermal model's values: temperature's fast level, the current's square through a
         * first-order lag of {@code thermalLag} and of twice that, and the fast levels of those two;
         * null when the machine does not report both.
         */
        double[] thermal;
        /** Seconds of readings the levels have taken in. */
        double levelSpan;
        Instant lastReading;
        Instant lastSample;
        Reference reference;
        /** Seconds of healthy samples in the reference. */
        double referenceSpan;
        /** The trend fit: origin of its time axis, and its exponentially weighted sums. */
        Instant origin;
        double sw;
        double st;
        double stt;
        double[] se;
        double[] ste;
        double[] see;
        /** Since when a residual lies beyond alertZ, or null. */
        Instant beyondSince;
        /**
         * A reference of the layout the settings ask for, learned beside {@link #reference} while
         * that one has another layout (a machine judged since before the heat levels existed, or the
         * setting changed); it takes over once it has the healthy time to judge. Null when none.
         */
        Reference pending;
        double pendingSpan;

        State(final AlertSlot slot) {
            super(slot, VERSION);
        }

        /** Whether the reference has enough healthy time to judge. */
        public boolean armed(final WatchSettings.Trend settings) {
            return reference != null && referenceSpan >= settings.reference().toSeconds();
        }

        @Override
        void writeFields(final BinaryWriter out) {
            out.writeDoubles(level);
            out.writeDoubles(slow);
            out.writeDouble(levelSpan);
            out.writeInstant(lastReading);
            out.writeInstant(lastSample);
            out.writeBoolean(reference != null);
            if (reference != null) {
                reference.write(out);
            }
            out.writeDouble(referenceSpan);
            out.writeInstant(origin);
            out.writeDouble(sw);
            out.writeDouble(st);
            out.writeDouble(stt);
            out.writeDoubles(se);
            out.writeDoubles(ste);
            out.writeDoubles(see);
            out.writeInstant(beyondSince);
            // format 2
            out.writeDoubles(heat);
            out.writeBoolean(pending != null);
            if (pending != null) {
                pending.write(out);
            }
            out.writeDouble(pendingSpan);
            // format 3
            out.writeDoubles(thermal);
        }
    }

    @Override
    public State initial() {
        return new State(new AlertSlot());
    }

    @Override
    public State read(final BinaryReader in, final int version) {
        final State s = new State(AlertSlot.read(in));
        s.level = in.readDoubles();
        s.slow = in.readDoubles();
        s.levelSpan = in.readDouble();
        s.lastReading = in.readInstant();
        s.lastSample = in.readInstant();
        if (in.readBoolean()) {
            s.reference = Reference.read(in);
        }
        s.referenceSpan = in.readDouble();
        s.origin = in.readInstant();
        s.sw = in.readDouble();
        s.st = in.readDouble();
        s.stt = in.readDouble();
        s.se = in.readDoubles();
        s.ste = in.readDoubles();
        s.see = in.readDoubles();
        s.beyondSince = in.readInstant();
        if (version >= 2) {
            s.heat = in.readDoubles();
            if (in.readBoolean()) {
                s.pending = Reference.read(in);
            }
            s.pendingSpan = in.readDouble();
        }
        if (version >= 3) {
            s.thermal = in.readDoubles();
        }
        return s;
    }

    @Override
    public Verdict onReading(final State s, final Observation o) {
        final double[] x = o.values();
        final int d = x.length;
        final int current = o.features().indexOf(Sensors.CURRENT);
        final int temperature = o.features().indexOf(Sensors.TEMPERATURE);
        final boolean heatable = current >= 0 && temperature >= 0;
        if (s.level == null || s.level.length != d) {
            s.level = x.clone();
            s.slow = x.clone();
            s.heat = heatable ? new double[] {x[current] * x[current], x[current] * x[current]} : null;
            s.thermal = heatable ? thermal(x[temperature], x[current] * x[current]) : null;
            s.levelSpan = 0;
            s.lastReading = o.timestamp();
            s.reference = null;
            s.referenceSpan = 0;
            s.pending = null;
            s.pendingSpan = 0;
            s.origin = null;
            return null;
        }
        if (!heatable) {
            // the features no longer hold both (their reference, if it had the heat, is learned again)
            s.heat = null;
            s.thermal = null;
        } else if (s.heat == null) {
            // a state kept before the heat levels: started from the current's levels, whose squares they
            // differ from by the current's small variance
            s.heat = new double[] {s.level[current] * s.level[current], s.slow[current] * s.slow[current]};
        }
        if (heatable && s.thermal == null) {
            // a state kept before the thermal model: started from the levels
            s.thermal = thermal(s.level[temperature], s.heat[0]);
        }
        final double gap = Math.max(0, Duration.between(s.lastReading, o.timestamp()).toMillis() / 1000.0);
        s.lastReading = o.timestamp();
        final double alpha = 1 - Math.exp(-gap / settings.level().toSeconds());
        final double slower = 1 - Math.exp(-gap / (2.0 * settings.level().toSeconds()));
        for (int k = 0; k < d; k++) {
            s.level[k] += alpha * (x[k] - s.level[k]);
            s.slow[k] += slower * (x[k] - s.slow[k]);
        }
        if (s.heat != null) {
            final double square = x[current] * x[current];
            s.heat[0] += alpha * (square - s.heat[0]);
            s.heat[1] += slower * (square - s.heat[1]);
            final double fast = 1 - Math.exp(-gap / settings.thermalLevel().toSeconds());
            final double lag = 1 - Math.exp(-gap / settings.thermalLag().toSeconds());
            final double lag2 = 1 - Math.exp(-gap / (2.0 * settings.thermalLag().toSeconds()));
            final double[] h = s.thermal;
            h[0] += fast * (x[temperature] - h[0]);
            h[1] += lag * (square - h[1]);
            h[2] += lag2 * (square - h[2]);
            h[3] += fast * (h[1] - h[3]);
            h[4] += fast * (h[2] - h[4]);
        }
        s.levelSpan += gap;
        if (s.levelSpan < settings.level().toSeconds() || !o.learned()) {
            return null;
        }
        if (s.lastSample != null && Duration.between(s.lastSample, o.timestamp()).compareTo(settings.sampleEvery()) < 0) {
            return null;
        }
        final double step = s.lastSample == null ? settings.sampleEvery().toSeconds()
                : Math.min(Duration.between(s.lastSample, o.timestamp()).toSeconds(), 10.0 * settings.sampleEvery().toSeconds());
        s.lastSample = o.timestamp();
        return sample(s, o, step);
    }

    private static double[] thermal(final double temperature, final double square) {
        return new double[] {temperature, square, square, square, square};
    }

    private Verdict sample(final State s, final Observation o, final double step) {
        final int d = s.level.length;
        final Reference.Layout wanted = wanted(s, o);
        if (s.reference == null) {
            s.reference = Reference.empty(d, wanted.size());
        }
        Reference.Layout layout = layoutOf(s.reference, s, o);
        if (layout == null) {
            // a reference of values this machine no longer has: learned again
            s.reference = Reference.empty(d, wanted.size());
            s.referenceSpan = 0;
            s.pending = null;
            return null;
        }
        if (layout.size() != wanted.size() && learnPending(s, o, step, wanted)) {
            layout = wanted;
        }
        if (!s.armed(settings)) {
            if (o.healthy()) {
                s.reference.add(views(s, layout));
                s.referenceSpan += step;
            }
            return null;
        }
        final double[] expected = new double[d];
        final double[] scatter = new double[d];
        final double[] x = views(s, layout);
        s.reference.expect(x, layout, expected, scatter);
        final double[] residual = new double[d];
        final double[] z = new double[d];
        double worst = 0;
        for (int k = 0; k < d; k++) {
            residual[k] = x[layout.judged()[k]] - expected[k];
            z[k] = residual[k] / Math.max(scatter[k], floor(s, layout, k));
            worst = Math.max(worst, Math.abs(z[k]));
        }
        fit(s, o.timestamp(), residual, step);
        if (o.healthy() && worst < settings.clearZ() && s.slot.level == Verdict.Level.CLEAR) {
            s.reference.follow(x, Math.min(1.0, step / settings.referenceMemory().toSeconds()));
            s.referenceSpan += step;
        }
        if (worst >= settings.alertZ()) {
            if (s.beyondSince == null) {
                s.beyondSince = o.timestamp();
            }
        } else {
            s.beyondSince = null;
        }
        final boolean alert = s.beyondSince != null
                && Duration.between(s.beyondSince, o.timestamp()).compareTo(settings.sustain()) >= 0
                || s.slot.level == Verdict.Level.ALERT && worst >= settings.clearZ();
        if (alert) {
            return alert(s, o, layout, expected, residual, z);
        }
        return Verdict.belowAlert(s.slot, worst >= settings.clearZ());
    }

    /** The layout the settings ask for: with the heat when they say so and the machine reports temperature and current. */
    private Reference.Layout wanted(final State s, final Observation o) {
        final int d = s.level.length;
        if (settings.heating() && s.thermal != null) {
            return Reference.Layout.withLaggedCause(d, VIEWS, THERMAL_VIEWS - 1, o.features().indexOf(Sensors.CURRENT),
                    o.features().indexOf(Sensors.TEMPERATURE));
        }
        if (settings.heating() && s.heat != null) {
            return Reference.Layout.withCause(d, VIEWS, HEAT_VIEWS, o.features().indexOf(Sensors.CURRENT),
                    o.features().indexOf(Sensors.TEMPERATURE));
        }
        return Reference.Layout.levels(d, VIEWS);
    }

    /** The layout a reference was learned with, told by its size; null when the machine no longer has those values. */
    private static Reference.Layout layoutOf(final Reference r, final State s, final Observation o) {
        final int d = s.level.length;
        if (r.sensors != d) {
            return null;
        }
        if (r.dim() == VIEWS * d) {
            return Reference.Layout.levels(d, VIEWS);
        }
        if (r.dim() == VIEWS * d + THERMAL_VIEWS && s.thermal != null) {
            return Reference.Layout.withLaggedCause(d, VIEWS, THERMAL_VIEWS - 1, o.features().indexOf(Sensors.CURRENT),
                    o.features().indexOf(Sensors.TEMPERATURE));
        }
        if (r.dim() == VIEWS * d + HEAT_VIEWS && s.heat != null) {
            return Reference.Layout.withCause(d, VIEWS, HEAT_VIEWS, o.features().indexOf(Sensors.CURRENT),
                    o.features().indexOf(Sensors.TEMPERATURE));
        }
        return null;
    }

    /**
     * Learns the reference of the wanted layout beside one of another, from the healthy samples
     * while no degradation is open or pending, and lets it take over once it can judge: a machine
     * keeps being judged by what it learned while the new reference is learned.
     *
     * @return whether the new reference took over
     */
    private boolean learnPending(final State s, final Observation o, final double step, final Reference.Layout wanted) {
        if (s.pending == null || s.pending.dim() != wanted.size()) {
            s.pending = Reference.empty(s.level.length, wanted.size());
            s.pendingSpan = 0;
        }
        if (o.healthy() && s.slot.level == Verdict.Level.CLEAR && s.beyondSince == null) {
            s.pending.add(views(s, wanted));
            s.pendingSpan += step;
        }
        if (s.pendingSpan >= settings.reference().toSeconds()) {
            s.reference = s.pending;
            s.referenceSpan = s.pendingSpan;
            s.pending = null;
            s.pendingSpan = 0;
            return true;
        }
        return false;
    }

    /** What the reference sees of the machine: its levels, then its slower levels, then (in a layout with it) the heat. */
    private static double[] views(final State s, final Reference.Layout layout) {
        final int d = s.level.length;
        final double[] v = new double[layout.size()];
        System.arraycopy(s.level, 0, v, 0, d);
        System.arraycopy(s.slow, 0, v, d, d);
        if (v.length == VIEWS * d + HEAT_VIEWS) {
            System.arraycopy(s.heat, 0, v, VIEWS * d, HEAT_VIEWS);
        } else if (v.length == VIEWS * d + THERMAL_VIEWS) {
            v[VIEWS * d] = s.thermal[0];
            v[VIEWS * d + 1] = s.thermal[3];
            v[VIEWS * d + 2] = s.thermal[4];
        }
        return v;
    }

    /** The least deviation a sensor's expectation is given: {@code minChange} of its reference level. */
    private double floor(final State s, final Reference.Layout layout, final int k) {
        final double share = layout.judged()[k] == k ? settings.minChange() : settings.thermalMinChange();
        return Math.max(share * Math.abs(s.reference.mean[k]), 1e-9);
    }

    /**
     * Which sensors are at fault: while some sensor lies beyond {@code clearZ} of its expectation,
     * the sensor whose leaving-out makes the rest most consistent (the least sum of squared residuals
     * of the others, each expected from the others still in) is taken as faulty and left out of the
     * rest's expectations. Sensors that move together with the load vouch for each other: a fault in
     * one of two tightly coupled sensors (temperature and current) is told from one in the other by
     * the sensors that stay with the load.
     *
     * @param expected filled, for the faulty sensors, with their expectation from the consistent rest
     * @param z        filled, for the faulty sensors, with their residual in deviations
     * @return per sensor, whether it is at fault
     */
    private boolean[] isolate(final State s, final Reference.Layout layout, final double[] expected, final double[] z) {
        final int d = s.level.length;
        final boolean[] faulty = new boolean[d];
        final double[] e = new double[d];
        final double[] scatter = new double[d];
        final double[] x = views(s, layout);
        for (int found = 0; found < d; found++) {
            s.reference.expect(x, layout, e, scatter, faulty);
            if (worst(s, layout, x, e, scatter, faulty) < settings.clearZ()) {
                return faulty;
            }
            int pick = -1;
            double least = Double.MAX_VALUE;
            for (int k = 0; k < d; k++) {
                if (faulty[k]) {
                    continue;
                }
                faulty[k] = true;
                s.reference.expect(x, layout, e, scatter, faulty);
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    if (!faulty[j]) {
                        final double zj = (x[layout.judged()[j]] - e[j]) / Math.max(scatter[j], floor(s, layout, j));
                        sum += zj * zj;
                    }
                }
                if (sum < least) {
                    least = sum;
                    pick = k;
                    expected[k] = e[k];
                    z[k] = (x[layout.judged()[k]] - e[k]) / Math.max(scatter[k], floor(s, layout, k));
                }
                faulty[k] = false;
            }
            faulty[pick] = true;
        }
        return faulty;
    }

    /** The largest residual, in deviations, of the sensors not left out. */
    private double worst(final State s, final Reference.Layout layout, final double[] x, final double[] e,
                         final double[] scatter, final boolean[] out) {
        double worst = 0;
        for (int k = 0; k < e.length; k++) {
            if (!out[k]) {
                worst = Math.max(worst, Math.abs((x[layout.judged()[k]] - e[k]) / Math.max(scatter[k], floor(s, layout, k))));
            }
        }
        return worst;
    }

    /** Adds one sample of the residuals to the exponentially weighted least-squares fit over time. */
    private void fit(final State s, final Instant t, final double[] residual, final double step) {
        final int d = residual.length;
        if (s.origin == null || s.se == null || s.se.length != d) {
            s.origin = t;
            s.sw = s.st = s.stt = 0;
            s.se = new double[d];
            s.ste = new double[d];
            s.see = new double[d];
        }
        double h = Duration.between(s.origin, t).toMillis() / 3_600_000.0;
        if (h > 100) {
            // move the time axis's origin to now, so that the sums stay small
            s.stt = s.stt - 2 * h * s.st + h * h * s.sw;
            s.st = s.st - h * s.sw;
            for (int k = 0; k < d; k++) {
                s.ste[k] = s.ste[k] - h * s.se[k];
            }
            s.origin = t;
            h = 0;
        }
        final double keep = Math.exp(-step / settings.window().toSeconds());
        s.sw = keep * s.sw + 1;
        s.st = keep * s.st + h;
        s.stt = keep * s.stt + h * h;
        for (int k = 0; k < d; k++) {
            s.se[k] = keep * s.se[k] + residual[k];
            s.ste[k] = keep * s.ste[k] + h * residual[k];
            s.see[k] = keep * s.see[k] + residual[k] * residual[k];
        }
    }

    /** The fitted rate of sensor k per hour and its standard error (NaN when the fit has too few samples). */
    private double[] rate(final State s, final int k) {
        final double sxx = s.stt - s.st * s.st / s.sw;
        if (s.sw < 3 || sxx <= 1e-12) {
            return new double[] {Double.NaN, Double.NaN};
        }
        final double slope = (s.ste[k] - s.st * s.se[k] / s.sw) / sxx;
        final double intercept = (s.se[k] - slope * s.st) / s.sw;
        final double rss = s.see[k] - 2 * intercept * s.se[k] - 2 * slope * s.ste[k] + intercept * intercept * s.sw
                + 2 * intercept * slope * s.st + slope * slope * s.stt;
        final double variance = Math.max(rss, 0) / Math.max(s.sw - 2, 1);
        // samples one step apart share the level's memory: one independent sample per two time constants
        final double dependence = Math.max(1.0, 2.0 * settings.level().toSeconds() / settings.sampleEvery().toSeconds());
        return new double[] {slope, Math.sqrt(variance / sxx * dependence)};
    }

    private Verdict alert(final State s, final Observation o, final Reference.Layout layout, final double[] expected,
                          final double[] residual, final double[] z) {
        final String group = groups.groupOf(o.machineId(), o.reading().machineType());
        final double[] x = views(s, layout);
        final double span = Math.min(settings.window().toSeconds(), s.sw * settings.sampleEvery().toSeconds()) / 3600.0;
        final List<SensorTrend> trends = new ArrayList<>();
        final List<Contributor> contributors = new ArrayList<>();
        final Map<String, Double> metrics = new LinkedHashMap<>();
        final double[] firstZ = z.clone();
        final double[] firstExpected = expected.clone();
        final boolean[] faulty = isolate(s, layout, expected, z);
        boolean named = false;
        for (int k = 0; k < z.length; k++) {
            faulty[k] &= Math.abs(z[k]) >= settings.clearZ();
            named |= faulty[k];
        }
        if (!named) {
            // the rest became consistent without any one sensor standing out: name the farthest
            int far = 0;
            for (int k = 1; k < z.length; k++) {
                far = Math.abs(firstZ[k]) > Math.abs(firstZ[far]) ? k : far;
            }
            faulty[far] = true;
            z[far] = firstZ[far];
            expected[far] = firstExpected[far];
        }
        for (int k = 0; k < z.length; k++) {
            if (!faulty[k]) {
                continue;
            }
            final double level = x[layout.judged()[k]];
            final double lagHours = (layout.judged()[k] == k ? settings.level() : settings.thermalLevel()).toSeconds() / 3600.0;
            residual[k] = level - expected[k];
            final String sensor = o.features().get(k);
            final double[] r = rate(s, k);
            // no usable slope yet: the direction is reported, with no time to limit
            final double rate = Double.isNaN(r[0]) ? 0.0 : r[0];
            final double now = level + rate * lagHours;
            Double hours = null;
            Double low = null;
            Double high = null;
            final WatchSettings.Limit limit = limits.of(group, sensor);
            final double target = limit == null ? Double.NaN : limit.towards(Math.signum(residual[k]));
            if (!Double.isNaN(target)) {
                final double distance = target - now;
                if (Math.signum(distance) != Math.signum(residual[k]) || distance == 0) {
                    hours = 0.0;
                    low = 0.0;
                    high = 0.0;
                } else if (Math.signum(rate) == Math.signum(distance)) {
                    hours = distance / rate;
                    final double fast = Math.abs(rate) + Z90 * r[1];
                    final double slow = Math.abs(rate) - Z90 * r[1];
                    low = Math.abs(distance) / fast;
                    high = slow > 0 ? Math.abs(distance) / slow : null;
                }
            }
            trends.add(new SensorTrend(sensor, rate, span, now, expected[k], Double.isNaN(target) ? null : target,
                    hours, low, high));
            contributors.add(new Contributor(sensor, level, expected[k], Math.abs(residual[k] / z[k]), z[k],
                    z[k] >= 0 ? Contributor.Direction.ABOVE : Contributor.Direction.BELOW));
            metrics.put(sensor, level);
        }
        trends.sort(Comparator.comparing((SensorTrend t) -> t.hoursToLimit() == null ? Double.MAX_VALUE : t.hoursToLimit())
                .thenComparing(t -> -Math.abs(t.ratePerHour())));
        contributors.sort(Comparator.comparingDouble(c -> -Math.abs(c.z())));
        final boolean soon = trends.stream().anyMatch(t -> t.hoursToLimit() != null
                && t.hoursToLimit() * 3600 <= settings.criticalWithin().toSeconds());
        return Verdict.alert(soon ? Severity.CRITICAL : Severity.WARNING, text(trends), metrics, contributors, trends);
    }

    private static String text(final List<SensorTrend> trends) {
        final StringBuilder b = new StringBuilder("Degrading: ");
        for (int i = 0; i < trends.size(); i++) {
            final SensorTrend t = trends.get(i);
            final String unit = Sensors.unitOf(t.sensor());
            final String u = unit.isEmpty() ? "" : " " + unit;
            b.append(i == 0 ? "" : "; ").append(t.sensor()).append(String.format(Locale.ROOT, " %s%s (its load predicts %s%s)",
                    number(t.level()), u, number(t.reference()), u));
            if (t.ratePerHour() != 0) {
                b.append(String.format(Locale.ROOT, ", %+.3g%s/h over %.1f h", t.ratePerHour(), u, t.overHours()));
            }
        }
        final SensorTrend first = trends.get(0);
        if (first.hoursToLimit() != null) {
            final String unit = Sensors.unitOf(first.sensor());
            if (first.hoursToLimit() == 0) {
                b.append(String.format(Locale.ROOT, ". %s is past its limit of %s%s: inspect the machine now",
                        first.sensor(), number(first.limit()), unit.isEmpty() ? "" : " " + unit));
            } else {
                b.append(String.format(Locale.ROOT, ". %s reaches its limit of %s%s in about %s", first.sensor(),
                        number(first.limit()), unit.isEmpty() ? "" : " " + unit, Durations.hours(first.hoursToLimit())));
                if (first.hoursToLimitLow() != null) {
                    b.append(" (").append(Durations.hours(first.hoursToLimitLow())).append(" to ")
                            .append(first.hoursToLimitHigh() == null ? "open" : Durations.hours(first.hoursToLimitHigh()))
                            .append(')');
                }
                b.append(": plan maintenance before then");
            }
        } else {
            b.append(": inspect the machine at the next opportunity");
        }
        return b.toString();
    }

    private static String number(final double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3g", v);
    }
}
