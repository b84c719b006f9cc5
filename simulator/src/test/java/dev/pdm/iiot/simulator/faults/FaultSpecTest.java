package dev.pdm.iiot.simulator.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultSpecTest {

    @Test
    void parsesEveryKey() {
        final FaultSpec spec = FaultSpec.parse(
                "machine=MACHINE_002, type=stuck-sensor, start=10m, duration=1h30m, development=0s, severity=0.5, sensor=rpm");

        assertThat(spec).isEqualTo(new FaultSpec("MACHINE_002", FaultType.STUCK_SENSOR, Duration.ofMinutes(10),
                Duration.ofMinutes(90), Duration.ZERO, 0.5, "rpm"));
    }

    @Test
    void developmentDefaultsToHalfTheDuration() {
        assertThat(FaultSpec.parse("machine=1,type=OVERHEATING,start=0s,duration=20m").effectiveDevelopment())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(FaultSpec.parse("machine=1,type=STUCK_SENSOR,start=0s,duration=20m,sensor=rpm").effectiveDevelopment())
                .isZero();
        assertThat(FaultSpec.parse("machine=1,type=OVERHEATING,start=0s").effectiveDevelopment())
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,type=MELTDOWN,start=1m"))
                .hasMessageContaining("unknown fault type 'MELTDOWN'");
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,start=1m")).hasMessageContaining("'type' is missing");
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,type=OVERHEATING,start=1m,colour=red"))
                .hasMessageContaining("unknown keys [colour]");
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,type=OVERHEATING,start=soon"))
                .hasMessageContaining("not a duration");
    }

    @Test
    void parsesASlowDegradation() {
        final FaultSpec spec = FaultSpec.parse("machine=MACHINE_002,type=slow-degradation,start=2h,duration=24h,mix=bearing");

        assertThat(spec).isEqualTo(new FaultSpec("MACHINE_002", FaultType.SLOW_DEGRADATION, Duration.ofHours(2),
                Duration.ofHours(24), null, 1.0, null, DegradationMix.BEARING, 0.0));
        // it grows over its whole duration: full strength as it ends
        assertThat(spec.effectiveDevelopment()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aSlowDegradationCanStartAlongTheWay() {
        final FaultSpec spec = FaultSpec.parse("machine=3,type=SLOW_DEGRADATION,start=0,development=12h,mix=COOLING,from=0.4");

        assertThat(spec.initialLevel()).isEqualTo(0.4);
        assertThat(spec.mix()).isEqualTo(DegradationMix.COOLING);
        assertThat(spec.duration()).isNull();
        assertThat(spec.effectiveDevelopment()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void aSlowDegradationDefaultsToThePrototypesMixOverADay() {
        final FaultSpec spec = FaultSpec.parse("machine=1,type=SLOW_DEGRADATION,start=3h");

        assertThat(spec.mix()).isEqualTo(DegradationMix.PROTOTYPE);
        assertThat(spec.initialLevel()).isZero();
        assertThat(spec.effectiveDevelopment()).isEqualTo(Duration.ofHours(24));
        assertThat(new FaultSpec("1", FaultType.SLOW_DEGRADATION, Duration.ZERO, null, null, 1.0, null).mix())
                .isEqualTo(DegradationMix.PROTOTYPE);
    }

    @Test
    void rejectsSlowDegradationKeysItCannotUse() {
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,type=SLOW_DEGRADATION,start=2h,mix=GEARBOX"))
                .hasMessage("unknown mix 'GEARBOX'; one of [BEARING, COOLING, IMPELLER, PROTOTYPE]");
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,type=SLOW_DEGRADATION,start=2h,from=0.4"))
                .hasMessageContaining("it needs start=0, not start=2h");
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,type=SLOW_DEGRADATION,start=0,from=1"))
                .hasMessageContaining("from (the level at the start of the run) must lie in [0, 1), was 1.0");
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,type=SLOW_DEGRADATION,start=0,from=-0.1"))
                .hasMessageContaining("must lie in [0, 1)");
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,type=SLOW_DEGRADATION,start=0,from=half"))
                .hasMessageContaining("from must be a number, not 'half'");
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,type=SLOW_DEGRADATION,start=0,development=0s"))
                .hasMessageContaining("a development time above 0");
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,type=SLOW_DEGRADATION,start=0,severity=1.5"))
                .hasMessageContaining("severity must lie in (0, 1], was 1.5");
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,type=OVERHEATING,start=1m,mix=COOLING"))
                .hasMessageContaining("mix is for SLOW_DEGRADATION only, not OVERHEATING");
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,type=BEARING_WEAR,start=0,from=0.3"))
                .hasMessageContaining("from is for SLOW_DEGRADATION only, not BEARING_WEAR");
        assertThatThrownBy(() -> FaultSpec.parse("machine=1,type=SLOW_DEGRADATION,start=0,rate=2h"))
                .hasMessageContaining("unknown keys [rate]").hasMessageContaining("mix, from");
    }

    @Test
    void sensorFaultsNeedASensorOfTheMachine() {
        final FaultPlan plan = new FaultPlan(List.of(
                FaultSpec.parse("machine=1,type=SENSOR_DROPOUT,start=1m,sensor=humidity")), RandomFaults.NONE,
                Degradation.NONE);

        assertThatThrownBy(() -> plan.forMachine(0, List.of("MACHINE_001"), Instant.EPOCH,
                new SplittableRandom(1))).hasMessageContaining("not a sensor of the machine: humidity");
    }

    @Test
    void aScheduledFaultReachesTheMachineItNamesByIdOrNumberAndNoOther() {
        final List<String> ids = List.of("3", "MACHINE_002", "MACHINE_003", "MACHINE_004");
        final FaultPlan plan = new FaultPlan(List.of(
                FaultSpec.parse("machine=MACHINE_002,type=OVERHEATING,start=1m"),
                FaultSpec.parse("machine=4,type=BEARING_WEAR,start=2m"),
                FaultSpec.parse("machine=3,type=PRESSURE_LEAK,start=3m")), RandomFaults.NONE, Degradation.NONE);

        final List<List<FaultType>> types = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            final MachineFaultPlan machine = plan.forMachine(i, ids, Instant.EPOCH, new SplittableRandom(1));
            types.add(machine.startingUpTo(Instant.EPOCH.plus(Duration.ofHours(1))).stream()
                    .map(FaultEpisode::type).toList());
        }

        // "3" is the first machine's id, which wins over the third machine's number; "4" is the fourth's number
        assertThat(types).containsExactly(List.of(FaultType.PRESSURE_LEAK), List.of(FaultType.OVERHEATING), List.of(),
                List.of(FaultType.BEARING_WEAR));
    }

    @Test
    void aScheduledFaultMustNameAMachineOfTheRun() {
        final FaultPlan plan = new FaultPlan(List.of(FaultSpec.parse("machine=MACHINE_009,type=OVERHEATING,start=1m")),
                RandomFaults.NONE, Degradation.NONE);

        assertThatThrownBy(() -> plan.validate(List.of("MACHINE_001", "MACHINE_002")))
                .hasMessageContaining("no machine 'MACHINE_009'");
        plan.validate(List.of("MACHINE_009"));
    }
}
