package dev.pdm.iiot.platform.chaos.audit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeqSetTest {

    @Test
    void countsEachNumberOnceAcrossPages() {
        // given numbers in the first page, at a page boundary and far away
        final SeqSet set = new SeqSet();

        // when they are added, some twice
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(65_535)).isTrue();
        assertThat(set.add(65_536)).isTrue();
        assertThat(set.add(5_000_000_000L)).isTrue();
        assertThat(set.add(65_536)).isFalse();

        // then each is held once, and nothing else
        assertThat(set.size()).isEqualTo(4);
        assertThat(set.contains(65_536)).isTrue();
        assertThat(set.contains(65_537)).isFalse();
        assertThat(set.contains(-1)).isFalse();
        assertThat(set.max()).isEqualTo(5_000_000_000L);
    }

    @Test
    void listsTheNumbersAnotherSetLacks() {
        // given 0..99 and the even ones of them
        final SeqSet all = new SeqSet();
        final SeqSet even = new SeqSet();
        for (long seq = 0; seq < 100; seq++) {
            all.add(seq);
            if (seq % 2 == 0) {
                even.add(seq);
            }
        }

        // when the odd ones are asked for, three named
        final SeqSet.Missing missing = all.missingFrom(even, 3);

        // then all 50 are counted and the lowest three named
        assertThat(missing.count()).isEqualTo(50);
        assertThat(missing.first()).containsExactly(1L, 3L, 5L);
        assertThat(all.missingFrom(null, 0).count()).isEqualTo(100);
    }

    @Test
    void iteratesInAscendingOrderAndCopiesIndependently() {
        final SeqSet set = new SeqSet();
        set.add(70_000);
        set.add(3);
        final SeqSet copy = set.copy();
        copy.add(4);

        final List<Long> seen = new ArrayList<>();
        set.forEach(seen::add);

        assertThat(seen).containsExactly(3L, 70_000L);
        assertThat(copy.size()).isEqualTo(3);
        assertThat(set.contains(4)).isFalse();
    }

    @Test
    void refusesNegativeNumbers() {
        assertThatThrownBy(() -> new SeqSet().add(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
