package dev.pdm.iiot.simulator.faults;

import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.core.PlantConfig;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.core.TestPlants;
import dev.pdm.iiot.simulator.output.FaultLabel;
import dev.pdm.iiot.simulator.output.LabelWriter;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Random slow degradations: which machines, which mixes and rates, when, and that the seed decides it all. */
class SlowFaultsTest {

    private static final List<String> IDS = MachineIds.first(20);

    private static SlowFaults slow(final double share, final int atStart) {
        return new SlowFaults(share, atStart, 0.4, SlowFaults.DEFAULT_DEVELOPMENTS, List.of(DegradationMix.values()),
                Duration.ofHours(2), Duration.ofHours(24));
    }

    private static PlantConfig plant(final int machines, final long seed, final SlowFaults slow) {
        return new PlantConfig(MachineIds.first(machines), Duration.ofSeconds(30), seed,
                new FaultPlan(List.of(), RandomFaults.NONE, Degradation.NONE, slow), ReadingFormat.DEFAULT);
    }

    @Test
    void aShareOfTheMachinesDegradesLaterAndSomeAreDegradedAtStart() {
        final Map<Integer, FaultSpec> drawn = slow(0.3, 2).draw(7, IDS);

        final List<FaultSpec> atStart = drawn.values().stream().filter(s -> s.initialLevel() > 0).toList();
        final List<FaultSpec> later = drawn.values().stream().filter(s -> s.initialLevel() == 0).toList();
        assertThat(atStart).hasSize(2).allSatisfy(s -> {
            assertThat(s.start()).isZero();
            assertThat(s.initialLevel()).isEqualTo(0.4);
        });
        assertThat(later).hasSize(6).allSatisfy(s ->
                assertThat(s.start()).isBetween(Duration.ofHours(2), Duration.ofHours(24)));
        assertThat(drawn.values()).allSatisfy(s -> {
            assertThat(s.type()).isEqualTo(FaultType.SLOW_DEGRADATION);
            assertThat(s.duration()).isNull();
            assertThat(s.severity()).isEqualTo(1.0);
            assertThat(SlowFaults.DEFAULT_DEVELOPMENTS).contains(s.development());
        });
        drawn.forEach((index, spec) -> assertThat(spec.machine()).isEqualTo(IDS.get(index)));
        // spread evenly: the six degrading later cover every mix and every development time
        assertThat(later).extracting(FaultSpec::mix).containsAll(List.of(DegradationMix.values()));
        assertThat(later).extracting(FaultSpec::development).containsAll(SlowFaults.DEFAULT_DEVELOPMENTS);
    }

    @Test
    void noSlowDegradationStartsWithinTheFirstTwoHoursButThoseDegradedAtStart() {
        for (long seed = 0; seed < 50; seed++) {
            final Collection<FaultSpec> drawn = slow(0.5, 1).draw(seed, IDS).values();
            assertThat(drawn).as("seed %d", seed).hasSize(11)
                    .allSatisfy(s -> assertThat(s.start().compareTo(Duration.ofHours(2)) >= 0 || s.initialLevel() > 0)
                            .as("%s", s).isTrue());
        }
    }

    @Test
    void theSeedDecidesWhichMachinesMixesRatesAndOnsets() {
        assertThat(slow(0.4, 2).draw(11, IDS)).isEqualTo(slow(0.4, 2).draw(11, IDS))
                .isNotEqualTo(slow(0.4, 2).draw(12, IDS));
        final Set<Set<Integer>> choices = LongStream.range(0, 10)
                .mapToObj(seed -> slow(0.25, 0).draw(seed, IDS).keySet()).collect(Collectors.toSet());
        assertThat(choices).hasSizeGreaterThan(5);
    }

    @Test
    void onlyTheMixesAndTimesAskedForAreDrawn() {
        final SlowFaults bearingsOnly = new SlowFaults(1.0, 0, 0.4, List.of(Duration.ofHours(6), Duration.ofHours(48)),
                List.of(DegradationMix.BEARING), Duration.ofHours(3), Duration.ofHours(3));

        assertThat(bearingsOnly.draw(1, IDS).values()).hasSize(20).allSatisfy(s -> {
            assertThat(s.mix()).isEqualTo(DegradationMix.BEARING);
            assertThat(s.development()).isIn(Duration.ofHours(6), Duration.ofHours(48));
            assertThat(s.start()).isEqualTo(Duration.ofHours(3));
        });
    }

    @Test
    void tooManyIsRefusedWithTheCounts() {
        assertThatThrownBy(() -> plant(4, 1, slow(0.75, 2)))
                .hasMessageContaining("2 machine(s) degraded at start and 3 degrading later")
                .hasMessageContaining("the run has 4");
        assertThatThrownBy(() -> slow(1.5, 0)).hasMessageContaining("must lie in [0, 1]");
        assertThatThrownBy(() -> new SlowFaults(0.2, 1, 1.0, SlowFaults.DEFAULT_DEVELOPMENTS,
                List.of(DegradationMix.values()), Duration.ofHours(2), Duration.ofHours(24))).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> new SlowFaults(0.2, 0, 0.4, SlowFaults.DEFAULT_DEVELOPMENTS,
                List.of(DegradationMix.values()), Duration.ofHours(5), Duration.ofHours(2)))
                .hasMessageContaining("earliest onset <= latest onset");
        assertThatThrownBy(() -> new RandomFaults(1, List.of(FaultType.SLOW_DEGRADATION), Duration.ofMinutes(10),
                Duration.ofMinutes(20))).hasMessageContaining("--slow-faults");
    }

    @Test
    void machinesLeftHealthyReadExactlyAsInARunWithoutSlowDegradations() {
        final Duration run = Duration.ofHours(4);
        final List<TelemetryReading> without = TestPlants.readings(plant(6, 3, SlowFaults.NONE), run);
        final StringWriter out = new StringWriter();
        final LabelWriter labels = new LabelWriter(out);
        final List<TelemetryReading> with = TestPlants.readings(
                plant(6, 3, new SlowFaults(0.34, 1, 0.4, SlowFaults.DEFAULT_DEVELOPMENTS, List.of(DegradationMix.values()),
                        Duration.ofHours(1), Duration.ofHours(2))), run, labels);

        final Set<String> faulty = labels.written().stream().map(FaultLabel::machineId).collect(Collectors.toSet());
        assertThat(labels.written()).hasSize(3)
                .allSatisfy(l -> assertThat(l.fault()).isEqualTo("SLOW_DEGRADATION"))
                .allSatisfy(l -> assertThat(l.end()).isNull())
                .filteredOn(l -> l.start().equals(TestPlants.START)).singleElement()
                .satisfies(l -> assertThat(l.detail()).endsWith(",from=0.4"));
        assertThat(with).hasSameSizeAs(without);
        for (int i = 0; i < with.size(); i++) {
            if (faulty.contains(with.get(i).machineId())) {
                continue;
            }
            assertThat(with.get(i)).isEqualTo(without.get(i));
        }
        int faultyAtEnd = 0;
        for (int i = with.size() - 6; i < with.size(); i++) {
            if (faulty.contains(with.get(i).machineId())) {
                faultyAtEnd++;
                assertThat(with.get(i).values()).isNotEqualTo(without.get(i).values());
                assertThat(with.get(i).value(Sensors.DEGRADATION_LEVEL)).isZero();
            }
        }
        assertThat(faultyAtEnd).isEqualTo(3);
    }
}
