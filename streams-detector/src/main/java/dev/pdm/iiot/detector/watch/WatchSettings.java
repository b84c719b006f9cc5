package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.events.model.Sensors;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How the watches besides the forest judge a machine. Every default is documented in
 * docs/DETECTION.md and the module README ({@code detector.trend.*}, {@code detector.peers.*},
 * {@code detector.stuck.*}, {@code detector.silence.*}, {@code detector.dropout.*},
 * {@code detector.limits.*}).
 *
 * @param trend       degradation: a trend away from the machine's healthy reference
 * @param peers       deviation from the machine's peers
 * @param stuck       stuck sensors
 * @param silence     machines that stop publishing
 * @param dropout     sensors missing from a machine's readings
 * @param limits      operating limits per sensor, for the time to limit
 * @param updateEvery an open alert of a watch is published again at most this often while nothing
 *                    but its figures change (a change of severity is published at once)
 */
public record WatchSettings(Trend trend, Peers peers, Stuck stuck, Silence silence, Dropout dropout,
                            Limits limits, Duration updateEvery) {

    public WatchSettings {
        Objects.requireNonNull(trend, "trend");
        Objects.requireNonNull(peers, "peers");
        Objects.requireNonNull(stuck, "stuck");
        Objects.requireNonNull(silence, "silence");
        Objects.requireNonNull(dropout, "dropout");
        Objects.requireNonNull(limits, "limits");
        requirePositive(updateEvery, "updateEvery");
    }

    public static WatchSettings defaults() {
        return new WatchSettings(Trend.defaults(), Peers.defaults(), Stuck.defaults(), Silence.defaults(),
                Dropout.defaults(), Limits.standard(), Duration.ofMinutes(10));
    }

    /** Only the forest: every other watch off (the detector before watches). */
    public static WatchSettings off() {
        final WatchSettings d = defaults();
        return new WatchSettings(d.trend.withEnabled(false), d.peers.withEnabled(false), d.stuck.withEnabled(false),
                d.silence.withEnabled(false), d.dropout.withEnabled(false), d.limits, d.updateEvery);
    }

    public WatchSettings withTrend(final Trend value) {
        return new WatchSettings(value, peers, stuck, silence, dropout, limits, updateEvery);
    }

    public WatchSettings withPeers(final Peers value) {
        return new WatchSettings(trend, value, stuck, silence, dropout, limits, updateEvery);
    }

    public WatchSettings withStuck(final Stuck value) {
        return new WatchSettings(trend, peers, value, silence, dropout, limits, updateEvery);
    }

    public WatchSettings withSilence(final Silence value) {
        return new WatchSettings(trend, peers, stuck, value, dropout, limits, updateEvery);
    }

    public WatchSettings withDropout(final Dropout value) {
        return new WatchSettings(trend, peers, stuck, silence, value, limits, updateEvery);
    }

    public WatchSettings withLimits(final Limits value) {
        return new WatchSettings(trend, peers, stuck, silence, dropout, value, updateEvery);
    }

    /**
     * Degradation. Each sensor's slow level (an exponentially weighted mean over {@code level}) is
     * compared with what the machine's healthy reference predicts from its other sensors' levels (a
     * linear model of how the sensors move together, e.g. with the load), so that a load cycle is
     * not a trend and a fault is.
     *
     * @param enabled         whether the watch runs
     * @param level           time constant of the slow levels
     * @param sampleEvery     how often the levels are sampled for the reference and the trend
     * @param reference       how much healthy time the reference needs before the watch judges
     * @param referenceMemory after that, how slowly the reference follows the machine's healthy
     *                        readings: each sample moves it by its share of this span at most
     * @param alertZ          a sensor's residual, in reference deviations, that counts towards the alert
     * @param clearZ          below this (every sensor) the condition has passed
     * @param sustain         how long the residual must stay beyond {@code alertZ} before the alert is raised
     * @param minChange       the smallest change of a sensor's level that can count, as a share of its
     *                        reference level (a floor under the reference's deviation)
     * @param window          the span the rate is fitted over (exponentially weighted)
     * @param criticalWithin  a time to limit shorter than this makes the alert CRITICAL
     * @param heating         whether a machine's temperature is expected from the heat of its current
     *                        (the current's square, as a motor's copper losses heat it, through the
     *                        thermal lags below), when it has both sensors; otherwise from the other
     *                        sensors' levels
     * @param thermalLevel    with {@code heating}: time constant of the temperature's level judged
     *                        against the heat, and of the lagged heat it is expected from
     * @param thermalLag      with {@code heating}: the heat is seen through first-order lags of this
     *                        and twice this, between which a motor's thermal time constant is fitted
     * @param thermalMinChange with {@code heating}: {@code minChange} of the temperature judged against
     *                        the heat, whose expectation misses by less than the others'
     */
    public record Trend(boolean enabled, Duration level, Duration sampleEvery, Duration reference,
                        Duration referenceMemory, double alertZ, double clearZ, Duration sustain, double minChange,
                        Duration window, Duration criticalWithin, boolean heating, Duration thermalLevel,
                        Duration thermalLag, double thermalMinChange) {

        /** With the thermal model's defaults. */
        public Trend(final boolean enabled, final Duration level, final Duration sampleEvery, final Duration reference,
                     final Duration referenceMemory, final double alertZ, final double clearZ, final Duration sustain,
                     final double minChange, final Duration window, final Duration criticalWithin,
                     final boolean heating) {
            this(enabled, level, sampleEvery, reference, referenceMemory, alertZ, clearZ, sustain, minChange, window,
                    criticalWithin, heating, THERMAL_LEVEL, THERMAL_LAG, THERMAL_MIN_CHANGE);
        }

        private static final Duration THERMAL_LEVEL = Duration.ofMinutes(10);
        private static final Duration THERMAL_LAG = Duration.ofMinutes(10);
        private static final double THERMAL_MIN_CHANGE = 0.0025;

        public Trend {
            requirePositive(level, "trend.level");
            requirePositive(sampleEvery, "trend.sampleEvery");
            requirePositive(reference, "trend.reference");
            requirePositive(referenceMemory, "trend.referenceMemory");
            requirePositive(sustain, "trend.sustain");
            requirePositive(window, "trend.window");
            requirePositive(criticalWithin, "trend.criticalWithin");
            requirePositive(thermalLevel, "trend.thermalLevel");
            requirePositive(thermalLag, "trend.thermalLag");
            if (!(alertZ > 0 && clearZ > 0 && clearZ <= alertZ)) {
                throw new IllegalArgumentException("trend: 0 < clearZ <= alertZ is needed, got " + clearZ + ", " + alertZ);
            }
            if (!(minChange >= 0 && thermalMinChange >= 0)) {
                throw new IllegalArgumentException("trend.minChange and trend.thermalMinChange must not be negative");
            }
        }

        public static Trend defaults() {
            return new Trend(true, Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofHours(12),
                    Duration.ofDays(7), 4.0, 2.5, Duration.ofMinutes(15), 0.005, Duration.ofHours(3),
                    Duration.ofHours(24), true);
        }

        public Trend withEnabled(final boolean value) {
            return new Trend(value, level, sampleEvery, reference, referenceMemory, alertZ, clearZ, sustain, minChange,
                    window, criticalWithin, heating, thermalLevel, thermalLag, thermalMinChange);
        }

        public Trend withReference(final Duration value) {
            return new Trend(enabled, level, sampleEvery, value, referenceMemory, alertZ, clearZ, sustain, minChange,
                    window, criticalWithin, heating, thermalLevel, thermalLag, thermalMinChange);
        }

        public Trend withAlertZ(final double value) {
            return new Trend(enabled, level, sampleEvery, reference, referenceMemory, value, Math.min(clearZ, value),
                    sustain, minChange, window, criticalWithin, heating, thermalLevel, thermalLag, thermalMinChange);
        }

        public Trend withMinChange(final double value) {
            return new Trend(enabled, level, sampleEvery, reference, referenceMemory, alertZ, clearZ, sustain, value,
                    window, criticalWithin, heating, thermalLevel, thermalLag, thermalMinChange);
        }

        public Trend withSustain(final Duration value) {
            return new Trend(enabled, level, sampleEvery, reference, referenceMemory, alertZ, clearZ, value, minChange,
                    window, criticalWithin, heating, thermalLevel, thermalLag, thermalMinChange);
        }

        public Trend withHeating(final boolean value) {
            return new Trend(enabled, level, sampleEvery, reference, referenceMemory, alertZ, clearZ, sustain, minChange,
                    window, criticalWithin, value, thermalLevel, thermalLag, thermalMinChange);
        }

        public Trend withThermalLevel(final Duration value) {
            return new Trend(enabled, level, sampleEvery, reference, referenceMemory, alertZ, clearZ, sustain, minChange,
                    window, criticalWithin, heating, value, thermalLag, thermalMinChange);
        }

        public Trend withThermalLag(final Duration value) {
            return new Trend(enabled, level, sampleEvery, reference, referenceMemory, alertZ, clearZ, sustain, minChange,
                    window, criticalWithin, heating, thermalLevel, value, thermalMinChange);
        }

        public Trend withThermalMinChange(final double value) {
            return new Trend(enabled, level, sampleEvery, reference, referenceMemory, alertZ, clearZ, sustain, minChange,
                    window, criticalWithin, heating, thermalLevel, thermalLag, value);
        }

        public Trend withLevel(final Duration value) {
            return new Trend(enabled, value, sampleEvery, reference, referenceMemory, alertZ, clearZ, sustain, minChange,
                    window, criticalWithin, heating, thermalLevel, thermalLag, thermalMinChange);
        }
    }

    /**
     * Peers: machines of one group compared with each other by their slow levels.
     *
     * @param enabled     whether the watch runs
     * @param level       time constant of the slow levels compared
     * @param every       how often a machine sends its levels to its group
     * @param staleAfter  a member whose last levels are older than this is left out of its group
     * @param minPeers    the fewest other machines a machine is compared with
     * @param alertZ      a sensor's distance from the group's median, in the group's spread, that counts
     * @param clearZ      below this (every sensor) the condition has passed
     * @param sustain     how long it must hold before the alert is raised
     * @param minSpread   the group's spread is taken as at least this share of the median: machines of
     *                    one kind differ by this much when healthy
     * @param groups      group name to a pattern of machine ids, tried in the order of the names; a
     *                    machine in none is in {@link #DEFAULT_GROUP}
     */
    public record Peers(boolean enabled, Duration level, Duration every, Duration staleAfter, int minPeers,
                        double alertZ, double clearZ, Duration sustain, double minSpread, Map<String, Pattern> groups) {

        public static final String DEFAULT_GROUP = "all";

        public Peers {
            requirePositive(level, "peers.level");
            requirePositive(every, "peers.every");
            requirePositive(staleAfter, "peers.staleAfter");
            requirePositive(sustain, "peers.sustain");
            if (minPeers < 1) {
                throw new IllegalArgumentException("peers.minPeers must be at least 1");
            }
            if (!(alertZ > 0 && clearZ > 0 && clearZ <= alertZ)) {
                throw new IllegalArgumentException("peers: 0 < clearZ <= alertZ is needed");
            }
            if (!(minSpread >= 0)) {
                throw new IllegalArgumentException("peers.minSpread must not be negative");
            }
            // in the order of their names: configuration has no order of its own
            groups = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(groups, "groups")));
        }

        public static Peers defaults() {
            return new Peers(true, Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofMinutes(10), 2, 4.0, 3.0,
                    Duration.ofMinutes(15), 0.10, Map.of());
        }

        public Peers withEnabled(final boolean value) {
            return new Peers(value, level, every, staleAfter, minPeers, alertZ, clearZ, sustain, minSpread, groups);
        }

        public Peers withGroups(final Map<String, Pattern> value) {
            return new Peers(enabled, level, every, staleAfter, minPeers, alertZ, clearZ, sustain, minSpread, value);
        }

        /**
         * The group of a machine: the type its reading names ({@code machine_type}) when it names
         * one, else the first configured group (by name) whose pattern matches its whole id, else
         * {@link #DEFAULT_GROUP}.
         */
        public String groupOf(final String machineId, final String machineType) {
            if (machineType != null) {
                return machineType;
            }
            for (final Map.Entry<String, Pattern> g : groups.entrySet()) {
                if (g.getValue().matcher(machineId).matches()) {
                    return g.getKey();
                }
            }
            return DEFAULT_GROUP;
        }
    }

    /**
     * Stuck sensors.
     *
     * @param enabled       whether the watch runs
     * @param readings      readings in a row inside the band that make a sensor stuck
     * @param band          the band, as a share of the sensor's usual change between two readings
     * @param history       readings a sensor must have sent before it can be judged
     * @param maxRepeatRate a sensor that repeats its last value more often than this when healthy
     *                      (a coarse or quantized one) is not judged
     */
    public record Stuck(boolean enabled, int readings, double band, int history, double maxRepeatRate) {
        public Stuck {
            if (readings < 2 || history < 2) {
                throw new IllegalArgumentException("stuck: readings and history must be at least 2");
            }
            if (!(band >= 0) || !(maxRepeatRate >= 0 && maxRepeatRate <= 1)) {
                throw new IllegalArgumentException("stuck: band >= 0 and 0 <= maxRepeatRate <= 1 are needed");
            }
        }

        public static Stuck defaults() {
            return new Stuck(true, 20, 0.05, 60, 0.3);
        }

        public Stuck withEnabled(final boolean value) {
            return new Stuck(value, readings, band, history, maxRepeatRate);
        }
    }

    /**
     * Silent machines, judged by the wall clock.
     *
     * @param enabled     whether the watch runs
     * @param factor      silent after this many of the machine's usual intervals without a reading
     * @param minSilence  but never after less than this
     * @param checkEvery  how often the detector looks
     * @param history     readings a machine must have sent before its silence counts
     */
    public record Silence(boolean enabled, double factor, Duration minSilence, Duration checkEvery, int history) {
        public Silence {
            requirePositive(minSilence, "silence.minSilence");
            requirePositive(checkEvery, "silence.checkEvery");
            if (!(factor >= 1) || history < 2) {
                throw new IllegalArgumentException("silence: factor >= 1 and history >= 2 are needed");
            }
        }

        public static Silence defaults() {
            return new Silence(true, 10.0, Duration.ofSeconds(30), Duration.ofSeconds(5), 10);
        }

        public Silence withEnabled(final boolean value) {
            return new Silence(value, factor, minSilence, checkEvery, history);
        }
    }

    /**
     * Sensors missing from a machine's readings (those readings go to the dead-letter topic; this
     * watch tells the machine's engineer).
     *
     * @param enabled  whether the watch runs
     * @param window   readings the missing share is averaged over (exponentially)
     * @param alertAt  the share of readings missing a sensor that raises the alert
     * @param clearAt  the share below which it clears
     */
    public record Dropout(boolean enabled, int window, double alertAt, double clearAt) {
        public Dropout {
            if (window < 2 || !(alertAt > 0 && alertAt <= 1 && clearAt >= 0 && clearAt < alertAt)) {
                throw new IllegalArgumentException("dropout: window >= 2 and 0 <= clearAt < alertAt <= 1 are needed");
            }
        }

        public static Dropout defaults() {
            return new Dropout(true, 20, 0.2, 0.05);
        }

        public Dropout withEnabled(final boolean value) {
            return new Dropout(value, window, alertAt, clearAt);
        }
    }

    /**
     * Operating limits: the level a sensor must not cross. The time to limit of a degradation
     * alert is the time until its trend crosses one.
     *
     * @param common  limits of any machine, per sensor
     * @param byGroup limits of the machines of a peer group (its type), overriding the common ones per sensor
     */
    public record Limits(Map<String, Limit> common, Map<String, Map<String, Limit>> byGroup) {
        public Limits {
            common = Map.copyOf(common);
            byGroup = Map.copyOf(byGroup);
        }

        /**
         * The defaults for the five physical sensors of a centrifugal pump of the prototype's size:
         * temperature 90 °C (motor insulation class B continuous with margin), vibration 7.1 mm/s
         * (ISO 10816-3 zone C/D for a rigid mount), current 15 A and speed 1,350 rpm (the prototype's
         * alarm levels, 150 % of its rated current and 90 % of its rated speed), pressure 4.5 bar
         * (75 % of its discharge pressure).
         */
        public static Limits standard() {
            final Map<String, Limit> d = new LinkedHashMap<>();
            d.put(Sensors.TEMPERATURE, Limit.above(90.0));
            d.put(Sensors.VIBRATION, Limit.above(7.1));
            d.put(Sensors.CURRENT, Limit.above(15.0));
            d.put(Sensors.PRESSURE, Limit.below(4.5));
            d.put(Sensors.RPM, Limit.below(1350.0));
            return new Limits(d, Map.of());
        }

        public static Limits none() {
            return new Limits(Map.of(), Map.of());
        }

        /** The limit of a sensor of a machine of the group, or null. */
        public Limit of(final String group, final String sensor) {
            final Map<String, Limit> g = byGroup.get(group);
            if (g != null && g.containsKey(sensor)) {
                return g.get(sensor);
            }
            return common.get(sensor);
        }
    }

    /**
     * A sensor's operating range; either end may be open (NaN).
     *
     * @param low  the lowest level allowed, or NaN
     * @param high the highest, or NaN
     */
    public record Limit(double low, double high) {
        public static Limit above(final double high) {
            return new Limit(Double.NaN, high);
        }

        public static Limit below(final double low) {
            return new Limit(low, Double.NaN);
        }

        /** The end a level moving at this rate heads for, or NaN. */
        public double towards(final double rate) {
            return rate > 0 ? high : rate < 0 ? low : Double.NaN;
        }
    }

    private static void requirePositive(final Duration d, final String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
