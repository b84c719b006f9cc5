package dev.pdm.iiot.connect.mqtt;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AckSequencerTest {

    private final List<Integer> acked = new ArrayList<>();
    private final AckSequencer sequencer = new AckSequencer((id, qos) -> acked.add(id));

    @Test
    void acknowledgesInArrivalOrderWhenKafkaCompletesOutOfOrder() {
        sequencer.reset(1);
        sequencer.received(1, 101, 1, 1);
        sequencer.received(2, 102, 1, 1);
        sequencer.received(3, 103, 1, 1);

        sequencer.complete(3);
        sequencer.complete(2);
        assertThat(acked).isEmpty();
        assertThat(sequencer.inFlight()).isEqualTo(3);

        sequencer.complete(1);
        assertThat(acked).containsExactly(101, 102, 103);
        assertThat(sequencer.inFlight()).isZero();
        assertThat(sequencer.acknowledged()).isEqualTo(3);
    }

    @Test
    void acknowledgesTheCompletedPrefixOnly() {
        sequencer.reset(1);
        for (int i = 1; i <= 5; i++) {
            sequencer.received(i, 100 + i, 1, 1);
        }

        sequencer.complete(1);
        sequencer.complete(2);
        sequencer.complete(4);

        assertThat(acked).containsExactly(101, 102);
        assertThat(sequencer.inFlight()).isEqualTo(3);
    }

    @Test
    void neverAcknowledgesOnANewConnectionWhatArrivedOnAnOldOne() {
        sequencer.reset(1);
        sequencer.received(1, 7, 1, 1);
        sequencer.received(2, 8, 1, 1);

        assertThat(sequencer.reset(2)).isEqualTo(2);
        sequencer.complete(1);
        sequencer.complete(2);

        assertThat(acked).isEmpty();
        assertThat(sequencer.received(3, 9, 1, 1)).as("a late message of the old connection").isFalse();
        assertThat(sequencer.received(4, 7, 1, 2)).isTrue();
        sequencer.complete(4);
        assertThat(acked).containsExactly(7);
    }

    @Test
    void qosZeroNeedsNoAcknowledgementAndBlocksNothing() {
        sequencer.reset(1);
        assertThat(sequencer.received(1, 0, 0, 1)).isFalse();
        sequencer.received(2, 5, 1, 1);

        sequencer.complete(1);
        sequencer.complete(2);

        assertThat(acked).containsExactly(5);
    }

    @Test
    void completingTwiceOrUnknownIsHarmless() {
        sequencer.reset(1);
        sequencer.received(1, 5, 2, 1);

        assertThat(sequencer.complete(1)).isEqualTo(1);
        assertThat(sequencer.complete(1)).isZero();
        assertThat(sequencer.complete(99)).isZero();
        assertThat(acked).containsExactly(5);
    }
}
