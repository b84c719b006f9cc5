package dev.pdm.iiot.simulator.faults;

import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.core.TestPlants;
import dev.pdm.iiot.simulator.output.FaultLabel;
import dev.pdm.iiot.simulator.output.LabelWriter;
import dev.pdm.iiot.simulator.physics.Stats;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A slow degradation grows linearly over its development and moves its mix's sensors by the amounts the
 * mix promises. Each faulty run is compared with the same machine (same seed, so the same noise) without it.
 */
class SlowDegradationTest {

    private static final long SEED = 20251121L;
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Instant START = TestPlants.START;

    private static final Map<Instant, TelemetryReading> HEALTHY = byTime(
            TestPlants.readings(TestPlants.oneMachine(SEED, INTERVAL), Duration.ofHours(6)));

    private static List<TelemetryReading> withFault(final String keys, final Duration run) {
        return TestPlants.readings(TestPlants.oneMachine(SEED, INTERVAL,
                FaultSpec.parse("machine=1,type=SLOW_DEGRADATION," + keys)), run);
    }

    private static Map<Instant, TelemetryReading> byTime(final List<TelemetryReading> readings) {
        return readings.stream().collect(Collectors.toMap(TelemetryReading::timestamp, r -> r));
    }

    private static List<TelemetryReading> window(final List<TelemetryReading> readings, final Duration from, final Duration to) {
        final Predicate<TelemetryReading> in = r -> !r.timestamp().isBefore(START.plus(from)) && r.timestamp().isBefore(START.plus(to));
        return readings.stream().filter(in).toList();
    }

    /** Mean of (faulty - healthy), reading by reading. */
    private static double shift(final List<TelemetryReading> faulty, final String sensor) {
        return Stats.mean(faulty, r -> r.value(sensor) - HEALTHY.get(r.timestamp()).value(sensor));
    }

    /** Mean of faulty / healthy, reading by reading. */
    private static double ratio(final List<TelemetryReading> faulty, final String sensor) {
        return Stats.mean(faulty, r -> r.value(sensor) / HEALTHY.get(r.timestamp()).value(sensor));
    }

    /** How much a healthy sensor varies over the first two hours, what a detector learns as normal. */
    private static double healthySpread(final String sensor) {
        final List<TelemetryReading> first = HEALTHY.values().stream()
                .filter(r -> r.timestamp().isBefore(START.plus(Duration.ofHours(2)))).toList();
        return Stats.stdDev(first, r -> r.value(sensor));
    }

    /** The readings around 20 % along: the fault starts at 1 h and develops over 10 h, so 20 % at 3 h. */
    private static List<TelemetryReading> atTwentyPercent(final String mix) {
        return window(withFault("start=1h,development=10h,mix=" + mix, Duration.ofHours(4)),
                Duration.ofMinutes(170), Duration.ofMinutes(190));
    }

    /** Fully developed: from 1 h over 2 h, the hour after it has settled (thermal lag included). */
    private static List<TelemetryReading> atFullStrength(final String mix) {
        return window(withFault("start=1h,development=2h,mix=" + mix, Duration.ofHours(5)),
                Duration.ofHours(4), Duration.ofHours(5));
    }

    @Test
    void strengthGrowsLinearlyOverItsDevelopmentThenHolds() {
        final FaultEpisode e = new FaultEpisode("MACHINE_001", FaultType.SLOW_DEGRADATION, START, null,
                Duration.ofHours(24), 1.0, null, DegradationMix.BEARING, 0.0);

        assertThat(e.intensity(START.minusSeconds(1))).isZero();
        assertThat(e.intensity(START)).isZero();
        assertThat(e.intensity(START.plus(Duration.ofHours(6)))).isEqualTo(0.25);
        assertThat(e.intensity(START.plus(Duration.ofHours(12)))).isEqualTo(0.5);
        assertThat(e.intensity(START.plus(Duration.ofHours(18)))).isEqualTo(0.75);
        assertThat(e.intensity(START.plus(Duration.ofHours(24)))).isEqualTo(1.0);
        assertThat(e.intensity(START.plus(Duration.ofDays(10)))).isEqualTo(1.0);
        assertThat(e.isActiveAt(START.plus(Duration.ofDays(10)))).isTrue();
    }

    @Test
    void aDegradationSeenFirstAlongTheWayStartsAtItsLevelAndGoesOnAtTheSamePace() {
        final FaultEpisode e = new FaultEpisode("MACHINE_001", FaultType.SLOW_DEGRADATION, START, null,
                Duration.ofHours(10), 1.0, null, DegradationMix.COOLING, 0.4);

        assertThat(e.intensity(START)).isEqualTo(0.4);
        assertThat(e.intensity(START.plus(Duration.ofHours(3)))).isCloseTo(0.7, within(1e-12));
        assertThat(e.intensity(START.plus(Duration.ofHours(6)))).isEqualTo(1.0);
        assertThat(e.intensity(START.plus(Duration.ofHours(9)))).isEqualTo(1.0);
    }

    @Test
    void severityScalesTheFullStrength() {
        final FaultEpisode e = new FaultEpisode("MACHINE_001", FaultType.SLOW_DEGRADATION, START, null,
                Duration.ofHours(10), 0.5, null, DegradationMix.IMPELLER, 0.0);

        assertThat(e.intensity(START.plus(Duration.ofHours(5)))).isEqualTo(0.25);
        assertThat(e.intensity(START.plus(Duration.ofHours(20)))).isEqualTo(0.5);
    }

    @Test
    void theReadingsFollowTheRampLinearly() {
        // bearing vibration adds 6 mm/s times the strength: from 1 h over 4 h, 25 % at 2 h, 50 % at 3 h, 75 % at 4 h
        final List<TelemetryReading> faulty = withFault("start=1h,development=4h,mix=BEARING", Duration.ofHours(6));
        final double quarter = shift(window(faulty, Duration.ofMinutes(110), Duration.ofMinutes(130)), Sensors.VIBRATION);
        final double half = shift(window(faulty, Duration.ofMinutes(170), Duration.ofMinutes(190)), Sensors.VIBRATION);
        final double threeQuarters = shift(window(faulty, Duration.ofMinutes(230), Duration.ofMinutes(250)), Sensors.VIBRATION);
        final double full = shift(window(faulty, Duration.ofMinutes(300), Duration.ofMinutes(360)), Sensors.VIBRATION);

        assertThat(window(faulty, Duration.ZERO, Duration.ofHours(1)))
                .allSatisfy(r -> assertThat(r).isEqualTo(HEALTHY.get(r.timestamp())));
        assertThat(quarter).isCloseTo(1.5, within(0.1));
        assertThat(half).isCloseTo(3.0, within(0.15));
        assertThat(threeQuarters).isCloseTo(4.5, within(0.2));
        assertThat(full).isCloseTo(6.0, within(0.25));
    }

    @Test
    void bearingAtTwentyPercentShakesClearlyAndWarmsALittle() {
        final List<TelemetryReading> faulty = atTwentyPercent("BEARING");

        assertThat(shift(faulty, Sensors.VIBRATION)).isCloseTo(1.2, within(0.1));
        assertThat(ratio(faulty, Sensors.CURRENT)).isCloseTo(1.006, within(0.003));
        assertThat(shift(faulty, Sensors.TEMPERATURE)).isBetween(0.4, 1.5);
        assertThat(shift(faulty, Sensors.PRESSURE)).isZero();
        assertThat(shift(faulty, Sensors.RPM)).isZero();
        // the weaker sensors move by less than what they vary anyway
        assertThat(Math.abs(shift(faulty, Sensors.TEMPERATURE))).isLessThan(3 * healthySpread(Sensors.TEMPERATURE));
        assertThat(Math.abs(shift(faulty, Sensors.CURRENT))).isLessThan(healthySpread(Sensors.CURRENT));
    }

    @Test
    void coolingAtTwentyPercentWarmsOnly() {
        final List<TelemetryReading> faulty = atTwentyPercent("COOLING");

        // heat rise / (1 - 0.45 * 0.7 * 0.2) is 6.7 % more heat rise (about 40 °C), a little less for the lag
        assertThat(shift(faulty, Sensors.TEMPERATURE)).isBetween(1.5, 3.5);
        for (final String other : List.of(Sensors.VIBRATION, Sensors.CURRENT, Sensors.PRESSURE, Sensors.RPM)) {
            assertThat(shift(faulty, other)).as(other).isZero();
        }
    }

    @Test
    void impellerAtTwentyPercentLowersThePressureAndDrawsMoreCurrent() {
        final List<TelemetryReading> faulty = atTwentyPercent("IMPELLER");

        assertThat(ratio(faulty, Sensors.PRESSURE)).isCloseTo(0.95, within(0.004));
        assertThat(ratio(faulty, Sensors.CURRENT)).isCloseTo(1.02, within(0.004));
        assertThat(shift(faulty, Sensors.VIBRATION)).isCloseTo(0.16, within(0.03));
        assertThat(shift(faulty, Sensors.TEMPERATURE)).isBetween(0.5, 2.5);
        assertThat(shift(faulty, Sensors.RPM)).isZero();
        assertThat(Math.abs(shift(faulty, Sensors.CURRENT))).isLessThan(3 * healthySpread(Sensors.CURRENT));
        assertThat(Math.abs(shift(faulty, Sensors.VIBRATION))).isLessThan(3 * healthySpread(Sensors.VIBRATION));
    }

    @Test
    void prototypeAtTwentyPercentIsAFifthOfThePrototypesOffsets() {
        final List<TelemetryReading> faulty = atTwentyPercent("PROTOTYPE");

        assertThat(shift(faulty, Sensors.CURRENT)).isCloseTo(1.0, within(0.05));
        assertThat(shift(faulty, Sensors.RPM)).isCloseTo(-20.0, within(1.0));
        assertThat(shift(faulty, Sensors.VIBRATION)).isCloseTo(0.6, within(0.05));
        assertThat(shift(faulty, Sensors.TEMPERATURE)).isBetween(2.0, 3.1);
        assertThat(faulty).allSatisfy(r -> assertThat(r.value(Sensors.DEGRADATION_LEVEL)).isZero());
    }

    @Test
    void atFullStrengthEveryMixIsClearlyFaulty() {
        final List<TelemetryReading> bearing = atFullStrength("BEARING");
        assertThat(Stats.mean(bearing, r -> r.value(Sensors.VIBRATION))).isGreaterThan(7.1);
        assertThat(shift(bearing, Sensors.TEMPERATURE)).isBetween(3.0, 8.0);

        assertThat(shift(atFullStrength("COOLING"), Sensors.TEMPERATURE)).isBetween(14.0, 24.0);

        final List<TelemetryReading> impeller = atFullStrength("IMPELLER");
        assertThat(ratio(impeller, Sensors.PRESSURE)).isCloseTo(0.75, within(0.005));
        assertThat(ratio(impeller, Sensors.CURRENT)).isCloseTo(1.10, within(0.005));

        final List<TelemetryReading> prototype = atFullStrength("PROTOTYPE");
        assertThat(shift(prototype, Sensors.TEMPERATURE)).isCloseTo(15.0, within(0.5));
        assertThat(shift(prototype, Sensors.VIBRATION)).isCloseTo(3.0, within(0.15));
        assertThat(shift(prototype, Sensors.CURRENT)).isCloseTo(5.0, within(0.05));
        assertThat(shift(prototype, Sensors.RPM)).isCloseTo(-100.0, within(1.0));
    }

    @Test
    void aMachineDegradedAtStartShowsItFromItsFirstReading() {
        final StringWriter labels = new StringWriter();
        final LabelWriter writer = new LabelWriter(labels);
        final List<TelemetryReading> faulty = TestPlants.readings(TestPlants.oneMachine(SEED, INTERVAL,
                FaultSpec.parse("machine=1,type=SLOW_DEGRADATION,start=0,development=24h,mix=BEARING,from=0.4")),
                Duration.ofHours(1), writer);
        final List<TelemetryReading> cooling = TestPlants.readings(TestPlants.oneMachine(SEED, INTERVAL,
                FaultSpec.parse("machine=1,type=SLOW_DEGRADATION,start=0,development=24h,mix=COOLING,from=0.4")),
                Duration.ofHours(1));
        final TelemetryReading first = faulty.get(0);
        final TelemetryReading healthyFirst = HEALTHY.get(START);

        assertThat(first.timestamp()).isEqualTo(START);
        // 0.4 x 6 mm/s, give or take the noise of one reading
        assertThat(first.value(Sensors.VIBRATION) - healthyFirst.value(Sensors.VIBRATION)).isBetween(1.8, 3.0);
        // the model starts at its steady temperature, so a lost cooling shows at once too
        assertThat(cooling.get(0).value(Sensors.TEMPERATURE) - healthyFirst.value(Sensors.TEMPERATURE)).isBetween(3.0, 9.0);
        assertThat(shift(window(faulty, Duration.ZERO, Duration.ofMinutes(10)), Sensors.VIBRATION)).isCloseTo(2.4, within(0.1));
        assertThat(writer.written()).containsExactly(new FaultLabel("MACHINE_001", "SLOW_DEGRADATION", START, null,
                "mix=BEARING,development=24h,from=0.4"));
        assertThat(labels.toString()).isEqualTo("{\"machine_id\":\"MACHINE_001\",\"fault\":\"SLOW_DEGRADATION\","
                + "\"start\":\"2025-11-21T08:00:00Z\",\"detail\":\"mix=BEARING,development=24h,from=0.4\"}\n");
    }

    @Test
    void aSlowDegradationWithADurationEndsAtFullStrengthAndIsRepaired() {
        final StringWriter labels = new StringWriter();
        final List<TelemetryReading> faulty = TestPlants.readings(TestPlants.oneMachine(SEED, INTERVAL,
                FaultSpec.parse("machine=1,type=SLOW_DEGRADATION,start=1h,duration=2h,mix=IMPELLER")),
                Duration.ofHours(4), new LabelWriter(labels));

        assertThat(ratio(window(faulty, Duration.ofMinutes(175), Duration.ofMinutes(180)), Sensors.PRESSURE))
                .isCloseTo(0.75, within(0.01));
        assertThat(window(faulty, Duration.ofHours(3), Duration.ofHours(4)))
                .allSatisfy(r -> assertThat(r.value(Sensors.PRESSURE)).isEqualTo(HEALTHY.get(r.timestamp()).value(Sensors.PRESSURE)));
        assertThat(labels.toString()).isEqualTo("{\"machine_id\":\"MACHINE_001\",\"fault\":\"SLOW_DEGRADATION\","
                + "\"start\":\"2025-11-21T09:00:00Z\",\"end\":\"2025-11-21T11:00:00Z\",\"detail\":\"mix=IMPELLER,development=2h\"}\n");
    }

    @Test
    void aSlowDegradationIsReproducibleFromItsSeed() {
        final List<TelemetryReading> a = withFault("start=30m,development=6h,mix=BEARING", Duration.ofHours(2));
        final List<TelemetryReading> b = withFault("start=30m,development=6h,mix=BEARING", Duration.ofHours(2));

        assertThat(a).isEqualTo(b);
        assertThat(window(a, Duration.ZERO, Duration.ofMinutes(30)))
                .allSatisfy(r -> assertThat(r).isEqualTo(HEALTHY.get(r.timestamp())));
        assertThat(window(a, Duration.ofMinutes(40), Duration.ofHours(2)))
                .allSatisfy(r -> assertThat(r.value(Sensors.VIBRATION)).isNotEqualTo(HEALTHY.get(r.timestamp()).value(Sensors.VIBRATION)));
    }
}
