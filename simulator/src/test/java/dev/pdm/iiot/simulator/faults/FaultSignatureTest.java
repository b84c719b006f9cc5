package dev.pdm.iiot.simulator.faults;

import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.core.PlantConfig;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.core.TestPlants;
import dev.pdm.iiot.simulator.physics.Stats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each fault moves the right sensors the right way. A machine with a fault from 1 h to 2 h is
 * compared with the same machine (same seed, so the same noise) without it, over the second half
 * of the episode, when the fault has fully developed.
 */
class FaultSignatureTest {

    private static final long SEED = 20251121L;
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration RUN = Duration.ofHours(3);
    private static final Instant FULL_FROM = TestPlants.START.plus(Duration.ofMinutes(90));
    private static final Instant EPISODE_END = TestPlants.START.plus(Duration.ofHours(2));

    private static final List<TelemetryReading> HEALTHY =
            TestPlants.readings(TestPlants.oneMachine(SEED, INTERVAL), RUN);

    private static List<TelemetryReading> withFault(final String type, final String extra) {
        final FaultSpec spec = FaultSpec.parse("machine=1,type=" + type + ",start=1h,duration=1h" + extra);
        return TestPlants.readings(TestPlants.oneMachine(SEED, INTERVAL, spec), RUN);
    }

    private static List<TelemetryReading> developed(final List<TelemetryReading> readings) {
        return readings.stream().filter(inWindow(FULL_FROM, EPISODE_END)).toList();
    }

    private static Predicate<TelemetryReading> inWindow(final Instant from, final Instant to) {
        return r -> !r.timestamp().isBefore(from) && r.timestamp().isBefore(to);
    }

    /** Mean of (faulty - healthy), reading by reading, over the developed part of the episode. */
    private static double shift(final List<TelemetryReading> faulty, final String sensor) {
        return Stats.mean(developed(faulty), r -> r.value(sensor))
                - Stats.mean(developed(HEALTHY), r -> r.value(sensor));
    }

    private static double spread(final List<TelemetryReading> readings, final String sensor) {
        return Stats.stdDev(developed(readings), r -> r.value(sensor));
    }

    @Test
    void bearingWearRaisesVibrationAndSomeHeat() {
        final List<TelemetryReading> faulty = withFault("BEARING_WEAR", "");

        assertThat(shift(faulty, Sensors.VIBRATION)).isGreaterThan(2.0);
        assertThat(shift(faulty, Sensors.TEMPERATURE)).isBetween(2.0, 20.0);
        assertThat(shift(faulty, Sensors.CURRENT)).isBetween(0.2, 1.5);
        assertThat(Math.abs(shift(faulty, Sensors.PRESSURE))).isLessThan(0.05);
        assertThat(Math.abs(shift(faulty, Sensors.RPM))).isLessThan(1.0);
    }

    @Test
    void bearingWearAccelerates() {
        final List<TelemetryReading> faulty = withFault("BEARING_WEAR", ",development=1h");
        final Instant start = TestPlants.START.plus(Duration.ofHours(1));
        final double firstQuarter = meanDifference(faulty, start, start.plus(Duration.ofMinutes(15)), Sensors.VIBRATION);
        final double lastQuarter = meanDifference(faulty, start.plus(Duration.ofMinutes(45)), EPISODE_END, Sensors.VIBRATION);

        assertThat(lastQuarter).isGreaterThan(5 * firstQuarter);
    }

    @Test
    void overheatingRaisesTemperatureOnly() {
        final List<TelemetryReading> faulty = withFault("OVERHEATING", "");

        assertThat(shift(faulty, Sensors.TEMPERATURE)).isGreaterThan(15.0);
        assertThat(Math.abs(shift(faulty, Sensors.VIBRATION))).isLessThan(0.01);
        assertThat(Math.abs(shift(faulty, Sensors.CURRENT))).isLessThan(0.01);
        assertThat(Math.abs(shift(faulty, Sensors.PRESSURE))).isLessThan(0.01);
        assertThat(Math.abs(shift(faulty, Sensors.RPM))).isLessThan(1.0);
    }

    @Test
    void pressureLeakLowersPressureAndDrawsMoreCurrent() {
        final List<TelemetryReading> faulty = withFault("PRESSURE_LEAK", "");

        assertThat(shift(faulty, Sensors.PRESSURE)).isLessThan(-1.5);
        assertThat(shift(faulty, Sensors.CURRENT)).isBetween(0.1, 1.0);
        assertThat(Math.abs(shift(faulty, Sensors.VIBRATION))).isLessThan(0.01);
        assertThat(Math.abs(shift(faulty, Sensors.RPM))).isLessThan(1.0);
    }

    @Test
    void electricalFaultSpikesTheCurrent() {
        final List<TelemetryReading> faulty = withFault("ELECTRICAL_FAULT", "");
        final double ratedCurrent = Stats.mean(developed(HEALTHY), r -> r.value(Sensors.CURRENT));

        assertThat(Stats.max(developed(faulty), r -> r.value(Sensors.CURRENT)))
                .isGreaterThan(Stats.max(developed(HEALTHY), r -> r.value(Sensors.CURRENT)) + 0.3 * ratedCurrent);
        assertThat(spread(faulty, Sensors.CURRENT)).isGreaterThan(3 * spread(HEALTHY, Sensors.CURRENT));
        final long spikes = developed(faulty).stream()
                .filter(r -> r.value(Sensors.CURRENT) > 1.25 * ratedCurrent).count();
        assertThat(spikes).as("about a third of the readings spike at full development")
                .isBetween(developed(faulty).size() / 6L, developed(faulty).size() * 2L / 3);
        assertThat(Math.abs(shift(faulty, Sensors.PRESSURE))).isLessThan(0.01);
    }

    @Test
    void rpmInstabilityMakesTheSpeedOscillateAndTheMachineShake() {
        final List<TelemetryReading> faulty = withFault("RPM_INSTABILITY", "");

        assertThat(spread(faulty, Sensors.RPM)).isGreaterThan(5 * spread(HEALTHY, Sensors.RPM));
        assertThat(shift(faulty, Sensors.VIBRATION)).isGreaterThan(0.8);
        assertThat(Math.abs(shift(faulty, Sensors.RPM))).isLessThan(10.0);
    }

    @Test
    void stuckSensorRepeatsItsLastValue() {
        final List<TelemetryReading> faulty = withFault("STUCK_SENSOR", ",sensor=temperature");
        final Instant start = TestPlants.START.plus(Duration.ofHours(1));
        final List<TelemetryReading> before = faulty.stream().filter(r -> r.timestamp().isBefore(start)).toList();
        final double lastBefore = before.get(before.size() - 1).value(Sensors.TEMPERATURE);
        final List<TelemetryReading> during = faulty.stream().filter(inWindow(start, EPISODE_END)).toList();

        assertThat(during).isNotEmpty().allSatisfy(r -> assertThat(r.value(Sensors.TEMPERATURE)).isEqualTo(lastBefore));
        assertThat(spread(during, Sensors.VIBRATION)).isGreaterThan(0);
        final List<TelemetryReading> after = faulty.stream().filter(r -> !r.timestamp().isBefore(EPISODE_END)).toList();
        assertThat(after.stream().map(r -> r.value(Sensors.TEMPERATURE)).distinct().count()).isGreaterThan(10);
    }

    @Test
    void droppedOutSensorGoesMissingIntermittentlyThenAltogether() {
        final List<TelemetryReading> faulty = withFault("SENSOR_DROPOUT", ",sensor=pressure");
        final Instant start = TestPlants.START.plus(Duration.ofHours(1));
        final List<TelemetryReading> developing = faulty.stream()
                .filter(inWindow(start, start.plus(Duration.ofMinutes(10)))).toList();

        assertThat(developing).anyMatch(r -> !r.values().containsKey(Sensors.PRESSURE))
                .anyMatch(r -> r.values().containsKey(Sensors.PRESSURE));
        assertThat(developed(faulty)).allSatisfy(r -> assertThat(r.values()).doesNotContainKey(Sensors.PRESSURE)
                .containsKeys(Sensors.TEMPERATURE, Sensors.VIBRATION, Sensors.CURRENT, Sensors.RPM));
        assertThat(faulty.stream().filter(r -> r.timestamp().isBefore(start)))
                .allSatisfy(r -> assertThat(r.values()).containsKey(Sensors.PRESSURE));
    }

    @Test
    void droppedOutSensorCanBeSentAsNaN() {
        final FaultSpec spec = FaultSpec.parse("machine=1,type=SENSOR_DROPOUT,start=1h,duration=1h,sensor=rpm");
        final PlantConfig plant = new PlantConfig(MachineIds.first(1), INTERVAL, SEED,
                new FaultPlan(List.of(spec), RandomFaults.NONE, Degradation.NONE),
                new ReadingFormat(true, false, ReadingFormat.DropoutEncoding.NAN));

        final List<TelemetryReading> readings = TestPlants.readings(plant, RUN);

        assertThat(developed(readings)).allSatisfy(r -> assertThat(r.values().get(Sensors.RPM)).isNaN());
    }

    @Test
    void degradationMovesEverySensorAsInThePrototype() {
        final PlantConfig plant = new PlantConfig(MachineIds.first(1), INTERVAL, SEED,
                new FaultPlan(List.of(), RandomFaults.NONE, new Degradation(1, Duration.ofHours(1), Duration.ofMinutes(30))),
                ReadingFormat.DEFAULT);

        final List<TelemetryReading> degraded = TestPlants.readings(plant, RUN);

        assertThat(developed(degraded)).allSatisfy(r -> assertThat(r.value(Sensors.DEGRADATION_LEVEL)).isEqualTo(100.0));
        assertThat(degraded.get(0).value(Sensors.DEGRADATION_LEVEL)).isZero();
        assertThat(shift(degraded, Sensors.TEMPERATURE)).isBetween(12.0, 16.0);
        assertThat(shift(degraded, Sensors.VIBRATION)).isBetween(2.8, 3.4);
        assertThat(shift(degraded, Sensors.CURRENT)).isBetween(4.9, 5.1);
        assertThat(shift(degraded, Sensors.RPM)).isBetween(-105.0, -95.0);
    }

    @Test
    void aFaultLeavesNoTraceOnceRepairedExceptTheCoolingDown() {
        final List<TelemetryReading> faulty = withFault("BEARING_WEAR", "");
        final Instant lateAfter = EPISODE_END.plus(Duration.ofMinutes(45));
        final List<TelemetryReading> f = faulty.stream().filter(r -> r.timestamp().isAfter(lateAfter)).toList();
        final List<TelemetryReading> h = HEALTHY.stream().filter(r -> r.timestamp().isAfter(lateAfter)).toList();

        assertThat(Stats.mean(f, r -> r.value(Sensors.VIBRATION))).isEqualTo(Stats.mean(h, r -> r.value(Sensors.VIBRATION)));
        assertThat(Math.abs(Stats.mean(f, r -> r.value(Sensors.TEMPERATURE)) - Stats.mean(h, r -> r.value(Sensors.TEMPERATURE))))
                .isLessThan(1.0);
    }

    private static double meanDifference(final List<TelemetryReading> faulty, final Instant from, final Instant to,
                                         final String sensor) {
        final Predicate<TelemetryReading> window = inWindow(from, to);
        final Map<Instant, Double> healthy = HEALTHY.stream().filter(window)
                .collect(Collectors.toMap(TelemetryReading::timestamp, r -> r.value(sensor)));
        return faulty.stream().filter(window).mapToDouble(r -> r.value(sensor) - healthy.get(r.timestamp()))
                .average().orElseThrow();
    }
}
