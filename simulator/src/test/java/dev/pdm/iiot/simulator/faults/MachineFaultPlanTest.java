package dev.pdm.iiot.simulator.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class MachineFaultPlanTest {

    private static final Instant START = Instant.parse("2025-11-21T00:00:00Z");
    private static final List<String> IDS = List.of("MACHINE_001", "MACHINE_002");

    private static List<FaultEpisode> episodes(final FaultPlan plan, final int machine, final long seed, final Duration span) {
        final MachineFaultPlan p = plan.forMachine(machine, IDS, START, new SplittableRandom(seed));
        final List<FaultEpisode> all = new ArrayList<>();
        for (Instant t = START; t.isBefore(START.plus(span)); t = t.plusSeconds(60)) {
            all.addAll(p.startingUpTo(t));
        }
        return all;
    }

    private static FaultPlan random(final double rate) {
        return new FaultPlan(List.of(), new RandomFaults(rate, FaultType.randomTypes(), Duration.ofMinutes(10),
                Duration.ofMinutes(30)), Degradation.NONE);
    }

    @Test
    void randomEpisodesFollowEachOtherWithoutOverlapping() {
        final List<FaultEpisode> all = episodes(random(1.0), 0, 3, Duration.ofDays(2));

        assertThat(all).hasSizeBetween(20, 60);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).start()).isAfterOrEqualTo(all.get(i - 1).end());
        }
        assertThat(all).allSatisfy(e -> {
            assertThat(Duration.between(e.start(), e.end())).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(30));
            assertThat(e.start()).isEqualTo(e.start().truncatedTo(ChronoUnit.SECONDS));
            assertThat(e.severity()).isBetween(0.6, 1.0);
            assertThat(e.type()).isNotEqualTo(FaultType.DEGRADATION);
            assertThat(e.sensor() != null).isEqualTo(e.type().isSensorFault());
        });
        assertThat(all).extracting(FaultEpisode::type).containsAll(FaultType.randomTypes());
    }

    @Test
    void randomEpisodesAreDrawnFromTheSeed() {
        assertThat(episodes(random(2.0), 0, 5, Duration.ofHours(12)))
                .isEqualTo(episodes(random(2.0), 0, 5, Duration.ofHours(12)))
                .isNotEqualTo(episodes(random(2.0), 0, 6, Duration.ofHours(12)));
    }

    @Test
    void noRateNoRandomEpisode() {
        assertThat(episodes(FaultPlan.NONE, 0, 1, Duration.ofDays(1))).isEmpty();
    }

    @Test
    void scheduledAndRandomEpisodesComeInOrderOfStart() {
        final FaultPlan plan = new FaultPlan(List.of(
                FaultSpec.parse("machine=MACHINE_002,type=OVERHEATING,start=5h,duration=1h"),
                FaultSpec.parse("machine=2,type=PRESSURE_LEAK,start=1h,duration=1h"),
                FaultSpec.parse("machine=MACHINE_001,type=BEARING_WEAR,start=2h")),
                random(0.5).random(), new Degradation(1, Duration.ofMinutes(30), Duration.ofHours(2)));

        final List<FaultEpisode> second = episodes(plan, 1, 9, Duration.ofHours(8));

        assertThat(second).isSortedAccordingTo(Comparator.comparing(FaultEpisode::start));
        assertThat(second).extracting(FaultEpisode::type)
                .contains(FaultType.OVERHEATING, FaultType.PRESSURE_LEAK, FaultType.DEGRADATION);
        assertThat(second).filteredOn(e -> e.type() == FaultType.DEGRADATION).singleElement()
                .satisfies(e -> assertThat(e.end()).isNull());
        assertThat(episodes(plan, 0, 9, Duration.ofHours(8))).extracting(FaultEpisode::type)
                .contains(FaultType.BEARING_WEAR).doesNotContain(FaultType.DEGRADATION, FaultType.OVERHEATING);
    }

    @Test
    void anEpisodeRampsUpOverItsDevelopmentThenHolds() {
        final FaultEpisode e = new FaultEpisode("MACHINE_001", FaultType.OVERHEATING, START, START.plusSeconds(600),
                Duration.ofSeconds(300), 0.8, null);

        assertThat(e.intensity(START.minusSeconds(1))).isZero();
        assertThat(e.intensity(START.plusSeconds(150))).isEqualTo(0.4);
        assertThat(e.intensity(START.plusSeconds(450))).isEqualTo(0.8);
        assertThat(e.isActiveAt(START)).isTrue();
        assertThat(e.isActiveAt(START.plusSeconds(600))).isFalse();
        assertThat(e.isOverAt(START.plusSeconds(600))).isTrue();
    }
}
