package dev.pdm.iiot.platform.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessTreeCpuTest {

    private static final long TICK = 10_000_000L;

    @Test
    void readsTheParentTheOwnTimeAndTheReapedChildrensTime() {
        final String stat = "4711 (postgres: checkpointer ) S 4700 4700 4700 0 -1 4194624 300 0 0 0 25 15 7 3 20 0 1 0 "
                + "171458 3133440 411 18446744073709551615";

        assertThat(ProcessTreeCpu.parse(4711, stat))
                .contains(new ProcessTreeCpu.Proc(4711, 4700, 40 * TICK, 10 * TICK));
    }

    @Test
    void rejectsALineThatIsNotAStatLine() {
        assertThat(ProcessTreeCpu.parse(1, "")).isEmpty();
        assertThat(ProcessTreeCpu.parse(1, "1 (init) S 0 1 1")).isEmpty();
    }

    @Test
    void sumsTheRootAndEveryDescendantButNotOtherProcesses() {
        final Map<Integer, ProcessTreeCpu.Proc> all = Map.of(
                100, new ProcessTreeCpu.Proc(100, 1, 10, 5),    // postmaster, with ended backends' time
                101, new ProcessTreeCpu.Proc(101, 100, 20, 0),  // a backend
                102, new ProcessTreeCpu.Proc(102, 100, 30, 0),  // the WAL writer
                103, new ProcessTreeCpu.Proc(103, 101, 1, 0),   // a child of a backend
                200, new ProcessTreeCpu.Proc(200, 1, 1_000, 0)); // another process

        assertThat(ProcessTreeCpu.treeNanos(all, 100)).isEqualTo(66);
        assertThat(ProcessTreeCpu.treeNanos(all, 999)).isZero();
    }
}
