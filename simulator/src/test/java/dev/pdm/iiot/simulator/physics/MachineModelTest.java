package dev.pdm.iiot.simulator.physics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MachineModelTest {

    private static final OperatingPoint POINT = OperatingPoint.PROTOTYPE;

    private static List<PhysicalState> run(final MachineModel model, final int steps, final double dt, final Disturbance d) {
        final List<PhysicalState> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            out.add(model.step(i * dt, i == 0 ? 0 : dt, d));
        }
        return out;
    }

    @Test
    void healthyMachineStaysNearItsOperatingPoint() {
        final List<PhysicalState> states = run(new MachineModel(POINT, new SplittableRandom(1)), 1200, 3.0, Disturbance.NONE);

        assertThat(Stats.mean(states, PhysicalState::temperature)).isCloseTo(POINT.baseTemperature(), within(8.0));
        assertThat(Stats.mean(states, PhysicalState::vibration)).isCloseTo(POINT.baseVibration(), within(0.3));
        assertThat(Stats.mean(states, PhysicalState::current)).isCloseTo(POINT.ratedCurrent(), within(1.5));
        assertThat(Stats.mean(states, PhysicalState::pressure)).isCloseTo(POINT.basePressure(), within(0.4));
        assertThat(Stats.mean(states, PhysicalState::rpm)).isCloseTo(POINT.ratedRpm(), within(15.0));
        assertThat(Stats.max(states, PhysicalState::temperature)).isLessThan(80.0);
        assertThat(Stats.max(states, PhysicalState::vibration)).isLessThan(4.0);
    }

    @Test
    void everySensorIsNoisyButNotWild() {
        final List<PhysicalState> states = run(new MachineModel(POINT, new SplittableRandom(2)), 200, 3.0, Disturbance.NONE);

        assertThat(Stats.stdDev(states, PhysicalState::temperature)).isBetween(0.05, 3.0);
        assertThat(Stats.stdDev(states, PhysicalState::vibration)).isBetween(0.01, 0.3);
        assertThat(Stats.stdDev(states, PhysicalState::current)).isBetween(0.05, 1.0);
        assertThat(Stats.stdDev(states, PhysicalState::pressure)).isBetween(0.01, 0.3);
        assertThat(Stats.stdDev(states, PhysicalState::rpm)).isBetween(1.0, 15.0);
    }

    @Test
    void loadDrivesCurrentUpAndSpeedDown() {
        // over a day the load follows a ±20 % sine: current and rpm move against each other
        final List<PhysicalState> day = run(new MachineModel(POINT, new SplittableRandom(3)), 1440, 60.0, Disturbance.NONE);

        assertThat(Stats.correlation(day, PhysicalState::current, PhysicalState::rpm)).isLessThan(-0.8);
        assertThat(Stats.max(day, PhysicalState::current) - Stats.min(day, PhysicalState::current)).isGreaterThan(2.0);
    }

    @Test
    void pressureFollowsThePumpCurve() {
        // more demand: more flow and current, less head and a little less speed
        final List<PhysicalState> day = run(new MachineModel(POINT, new SplittableRandom(4)), 1440, 60.0, Disturbance.NONE);

        assertThat(Stats.correlation(day, PhysicalState::current, PhysicalState::pressure)).isLessThan(-0.5);
        assertThat(Stats.correlation(day, PhysicalState::rpm, PhysicalState::pressure)).isGreaterThan(0.5);
    }

    @Test
    void temperatureFollowsTheCurrentWithAThermalLag() {
        final MachineModel model = new MachineModel(POINT, new SplittableRandom(5));
        final double before = Stats.mean(run(model, 100, 3.0, Disturbance.NONE), PhysicalState::temperature);
        // from now on the motor draws its rated current half again (a constant spike): I²R heat is 2.25 times higher
        final Disturbance surge = new Disturbance(0, 0, 0, 0.5, 0, 0);
        final List<PhysicalState> after = new ArrayList<>();
        for (int i = 100; i < 100 + 1200; i++) {
            after.add(model.step(i * 3.0, 3.0, surge));
        }

        final double firstMinute = Stats.mean(after.subList(0, 20), PhysicalState::temperature);
        final double oneTimeConstant = after.get((int) (POINT.thermalTimeConstant() / 3.0)).temperature();
        final double settled = Stats.mean(after.subList(1100, 1200), PhysicalState::temperature);
        assertThat(firstMinute - before).as("no jump: the winding heats up slowly").isLessThan(5.0);
        assertThat(settled - before).as("the steady rise of I²R heat").isGreaterThan(25.0);
        assertThat((oneTimeConstant - before) / (settled - before)).as("about 63 % after one time constant")
                .isBetween(0.45, 0.8);
    }

    @Test
    void sameRandomStreamGivesTheSameStates() {
        final List<PhysicalState> a = run(new MachineModel(POINT, new SplittableRandom(9)), 300, 3.0, Disturbance.NONE);
        final List<PhysicalState> b = run(new MachineModel(POINT, new SplittableRandom(9)), 300, 3.0, Disturbance.NONE);

        assertThat(a).isEqualTo(b);
    }

    @Test
    void everyMachineDrawsItsOwnOperatingPoint() {
        final OperatingPoint first = OperatingPoint.draw(RandomStreams.of(42, 0, RandomStreams.OPERATING_POINT));
        final OperatingPoint second = OperatingPoint.draw(RandomStreams.of(42, 1, RandomStreams.OPERATING_POINT));

        assertThat(first).isNotEqualTo(second);
        assertThat(first).isEqualTo(OperatingPoint.draw(RandomStreams.of(42, 0, RandomStreams.OPERATING_POINT)));
        assertThat(second.baseTemperature()).isBetween(61.0, 69.0);
        assertThat(second.ratedRpm()).isBetween(1470.0, 1530.0);
    }
}
