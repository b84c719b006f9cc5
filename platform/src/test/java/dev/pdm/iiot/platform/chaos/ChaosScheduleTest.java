package dev.pdm.iiot.platform.chaos;

import dev.pdm.iiot.platform.cluster.PlatformCluster.Kind;
import dev.pdm.iiot.platform.cluster.PlatformCluster.Part;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChaosScheduleTest {

    @Test
    void theShortRunKillsOnePartOfEachKindAndThenTwoAtOnce() {
        final List<Fault> faults = ChaosSchedule.oneOfEachKind(3, 2, 2);

        assertThat(faults).extracting(Fault::kind).containsExactly(ChaosSchedule.KAFKA, ChaosSchedule.MQTT,
                ChaosSchedule.DETECTOR, ChaosSchedule.DETECTOR_REBALANCING, ChaosSchedule.CONNECT,
                ChaosSchedule.DASHBOARD, ChaosSchedule.KAFKA_AND_DETECTOR);
        assertThat(faults.get(faults.size() - 1).parts()).extracting(Part::kind)
                .containsExactly(Kind.KAFKA, Kind.DETECTOR);
    }

    @Test
    void theDetectorKilledInTheRebalanceIsNotTheOneJustRestarted() {
        final List<Fault> faults = ChaosSchedule.oneOfEachKind(3, 2, 2);
        final Fault restarted = faults.get(2);
        final Fault inRebalance = faults.get(3);

        assertThat(inRebalance.duringRebalance()).isTrue();
        assertThat(restarted.duringRebalance()).isFalse();
        assertThat(inRebalance.parts()).doesNotContainAnyElementsOf(restarted.parts());
    }

    @Test
    void aRoundKillsEveryPartAndLaterRoundsShiftTheOrder() {
        final List<Fault> faults = ChaosSchedule.rounds(3, 3, 2, 2);

        assertThat(faults).hasSize(33);
        final List<Fault> first = faults.subList(0, 11);
        final Set<Part> killed = first.stream().flatMap(fault -> fault.parts().stream()).collect(Collectors.toSet());
        assertThat(killed).contains(new Part(Kind.KAFKA, 1), new Part(Kind.KAFKA, 2), new Part(Kind.KAFKA, 3),
                new Part(Kind.MQTT, 1), new Part(Kind.MQTT, 2), new Part(Kind.DETECTOR, 1),
                new Part(Kind.DETECTOR, 2), new Part(Kind.CONNECT, 1), new Part(Kind.DASHBOARD, 1),
                new Part(Kind.NOTIFIER, 1));
        assertThat(faults.get(0).parts()).isNotEqualTo(faults.get(11).parts());
    }

    @Test
    void onlyKeepsTheKindsNamedInTheirOrderAndTheDetectorFaultThatStartsAKeptRebalance() {
        final List<Fault> rounds = ChaosSchedule.rounds(2, 3, 2, 2);

        assertThat(ChaosSchedule.only(rounds, List.of("kafka+detector", " Kafka "))).extracting(Fault::kind)
                .containsExactly(ChaosSchedule.KAFKA, ChaosSchedule.KAFKA, ChaosSchedule.KAFKA,
                        ChaosSchedule.KAFKA_AND_DETECTOR, ChaosSchedule.KAFKA, ChaosSchedule.KAFKA,
                        ChaosSchedule.KAFKA, ChaosSchedule.KAFKA_AND_DETECTOR);
        final List<Fault> rebalances = ChaosSchedule.only(rounds, List.of("detector-rebalance"));
        assertThat(rebalances).extracting(Fault::kind).containsExactly(ChaosSchedule.DETECTOR,
                ChaosSchedule.DETECTOR_REBALANCING, ChaosSchedule.DETECTOR, ChaosSchedule.DETECTOR_REBALANCING);
        assertThatThrownBy(() -> ChaosSchedule.only(rounds, List.of("broker")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no fault kind 'broker'")
                .hasMessageContaining("kafka+detector");
    }

    @Test
    void aSingleDetectorIsNotKilledInARebalance() {
        assertThat(ChaosSchedule.oneOfEachKind(3, 2, 1)).noneMatch(Fault::duringRebalance);
    }
}
