package dev.pdm.iiot.simulator.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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
    void sensorFaultsNeedASensorOfTheMachine() {
        final FaultPlan plan = new FaultPlan(List.of(
                FaultSpec.parse("machine=1,type=SENSOR_DROPOUT,start=1m,sensor=humidity")), RandomFaults.NONE,
                Degradation.NONE);

        assertThatThrownBy(() -> plan.forMachine(0, List.of("MACHINE_001"), Instant.EPOCH,
                new SplittableRandom(1))).hasMessageContaining("not a sensor of the machine: humidity");
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
