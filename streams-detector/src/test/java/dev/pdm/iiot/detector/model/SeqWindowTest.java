package dev.pdm.iiot.detector.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeqWindowTest {

    @Test
    void anEmptyWindowHasSeenNothingBelowTheHighestButTheHighestAndWhatIsOlder() {
        final long[] w = SeqWindow.empty();

        assertThat(w).hasSize(SeqWindow.WORDS).containsOnly(0L);
        assertThat(SeqWindow.seen(w, 1000, 1000)).as("the highest itself").isTrue();
        assertThat(SeqWindow.seen(w, 1000, 1001)).as("above the highest").isFalse();
        assertThat(SeqWindow.seen(w, 1000, 999)).isFalse();
        assertThat(SeqWindow.seen(w, 1000, 1000 - SeqWindow.SIZE)).as("the window's oldest").isFalse();
        assertThat(SeqWindow.seen(w, 1000, 999 - SeqWindow.SIZE)).as("older than the window").isTrue();
    }

    @Test
    void aNullWindowCountsEveryNumberBelowTheHighestAsSeen() {
        assertThat(SeqWindow.seen(null, 1000, 999)).isTrue();
        assertThat(SeqWindow.seen(null, 1000, 900)).isTrue();
        assertThat(SeqWindow.seen(null, 1000, 1001)).isFalse();
        SeqWindow.mark(null, 1000, 999); // nothing to mark, nothing thrown
    }

    @Test
    void markingANumberMakesItSeenAndNoOther() {
        final long[] w = SeqWindow.empty();

        for (final long seq : new long[]{999, 1000 - 64, 1000 - 65, 1000 - 200, 1000 - SeqWindow.SIZE}) {
            SeqWindow.mark(w, 1000, seq);
        }

        for (long seq = 1000 - SeqWindow.SIZE; seq < 1000; seq++) {
            final boolean marked = seq == 999 || seq == 936 || seq == 935 || seq == 800 || seq == 744;
            assertThat(SeqWindow.seen(w, 1000, seq)).as("seq %d", seq).isEqualTo(marked);
        }
        assertThat(Long.bitCount(w[0]) + Long.bitCount(w[1]) + Long.bitCount(w[2]) + Long.bitCount(w[3])).isEqualTo(5);
    }

    @Test
    void markingOutsideTheWindowChangesNothing() {
        final long[] w = SeqWindow.empty();

        SeqWindow.mark(w, 1000, 999 - SeqWindow.SIZE);
        SeqWindow.mark(w, 1000, 1000);
        SeqWindow.mark(w, 1000, 1001);

        assertThat(w).containsOnly(0L);
    }

    @Test
    void advancingByOneMarksTheOldHighestInPlace() {
        final long[] w = SeqWindow.empty();

        final long[] after = SeqWindow.advance(w, 1000, 1001);

        assertThat(after).as("no new array on the usual path").isSameAs(w);
        assertThat(SeqWindow.seen(w, 1001, 1000)).isTrue();
        assertThat(SeqWindow.seen(w, 1001, 999)).isFalse();
        assertThat(w[0]).isEqualTo(1L);
    }

    @Test
    void advancingOneByOneKeepsEveryNumberAcrossTheWordsUntilItLeavesTheWindow() {
        long[] w = SeqWindow.empty();
        long highest = 0;
        for (long seq = 1; seq <= 300; seq++) {
            if (seq == 100) {
                continue; // never arrives
            }
            w = SeqWindow.advance(w, highest, seq);
            highest = seq;
        }

        assertThat(highest).isEqualTo(300);
        for (long seq = 300 - SeqWindow.SIZE; seq < 300; seq++) {
            assertThat(SeqWindow.seen(w, 300, seq)).as("seq %d", seq).isEqualTo(seq != 100);
        }
        SeqWindow.mark(w, 300, 100);
        assertThat(SeqWindow.seen(w, 300, 100)).isTrue();
    }

    @Test
    void advancingByKLeavesTheSkippedNumbersUnseenAndMovesTheMarks() {
        final long[] w = SeqWindow.empty();
        SeqWindow.mark(w, 1000, 990);
        SeqWindow.mark(w, 1000, 937);

        SeqWindow.advance(w, 1000, 1070);

        assertThat(SeqWindow.seen(w, 1070, 1000)).as("the old highest").isTrue();
        assertThat(SeqWindow.seen(w, 1070, 990)).isTrue();
        assertThat(SeqWindow.seen(w, 1070, 937)).isTrue();
        for (long seq = 1001; seq < 1070; seq++) {
            assertThat(SeqWindow.seen(w, 1070, seq)).as("skipped seq %d", seq).isFalse();
        }
        assertThat(SeqWindow.seen(w, 1070, 991)).isFalse();
        assertThat(SeqWindow.seen(w, 1070, 938)).isFalse();
        assertThat(SeqWindow.seen(w, 1070, 936)).isFalse();
    }

    @Test
    void advancingByAWholeWordOrMoreMovesTheMarksByWords() {
        final long[] w = SeqWindow.empty();
        SeqWindow.mark(w, 1000, 999);
        SeqWindow.mark(w, 1000, 950);

        SeqWindow.advance(w, 1000, 1128);

        assertThat(SeqWindow.seen(w, 1128, 1000)).isTrue();
        assertThat(SeqWindow.seen(w, 1128, 999)).isTrue();
        assertThat(SeqWindow.seen(w, 1128, 950)).isTrue();
        assertThat(Long.bitCount(w[0]) + Long.bitCount(w[1]) + Long.bitCount(w[2]) + Long.bitCount(w[3])).isEqualTo(3);
    }

    @Test
    void marksThatFallOutOfTheWindowAreForgotten() {
        final long[] w = SeqWindow.empty();
        SeqWindow.mark(w, 1000, 999);
        SeqWindow.mark(w, 1000, 800);

        SeqWindow.advance(w, 1000, 1100);

        assertThat(SeqWindow.seen(w, 1100, 999)).isTrue();
        assertThat(SeqWindow.seen(w, 1100, 800)).as("older than the window: seen anyway").isTrue();
        assertThat(Long.bitCount(w[0]) + Long.bitCount(w[1]) + Long.bitCount(w[2]) + Long.bitCount(w[3]))
                .as("the old highest and 999 only").isEqualTo(2);
    }

    @Test
    void aJumpOfTheWindowsSizeOrMoreClearsIt() {
        final long[] exact = SeqWindow.empty();
        SeqWindow.mark(exact, 1000, 999);
        SeqWindow.advance(exact, 1000, 1000 + SeqWindow.SIZE);
        assertThat(SeqWindow.seen(exact, 1000 + SeqWindow.SIZE, 1000)).as("the old highest, the window's oldest")
                .isTrue();
        assertThat(exact[0] | exact[1] | exact[2]).isZero();
        assertThat(exact[3]).isEqualTo(Long.MIN_VALUE);

        final long[] far = SeqWindow.empty();
        SeqWindow.mark(far, 1000, 999);
        SeqWindow.advance(far, 1000, 5000);
        assertThat(far).containsOnly(0L);
        assertThat(SeqWindow.seen(far, 5000, 4999)).isFalse();
        assertThat(SeqWindow.seen(far, 5000, 1000)).as("older than the window").isTrue();
    }

    @Test
    void advancingAnUnknownWindowCountsEverythingUpToTheOldHighestAsSeen() {
        final long[] w = SeqWindow.advance(null, 1000, 1003);

        assertThat(w).hasSize(SeqWindow.WORDS);
        assertThat(SeqWindow.seen(w, 1003, 1002)).isFalse();
        assertThat(SeqWindow.seen(w, 1003, 1001)).isFalse();
        assertThat(SeqWindow.seen(w, 1003, 1000)).isTrue();
        assertThat(SeqWindow.seen(w, 1003, 1003 - SeqWindow.SIZE)).isTrue();

        final long[] far = SeqWindow.advance(null, 1000, 2000);
        assertThat(SeqWindow.seen(far, 2000, 1999)).isFalse();
        assertThat(far).containsOnly(0L);
    }

    @Test
    void theWindowOnlyMovesUp() {
        assertThatThrownBy(() -> SeqWindow.advance(SeqWindow.empty(), 1000, 1000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
