package dev.pdm.iiot.platform.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatTest {

    @Test
    void readsATasksNameAndItsUserPlusSystemTime() {
        final String stat = "19114 (C2 CompilerThre) S 19000 19000 12500 0 -1 4194304 102 0 0 0 250 40 0 0 20 0 1 0 "
                + "171458 3133440 411 18446744073709551615";

        assertThat(ProcStat.parseTask(stat)).contains(new ProcStat.Task("C2 CompilerThre", 290 * 10_000_000L));
    }

    @Test
    void takesTheNameUpToTheLastParenthesisSoANameWithParenthesesAndSpacesStaysWhole() {
        final String stat = "42 (odd ) (name) R 1 1 1 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 1 1 1";

        assertThat(ProcStat.parseTask(stat)).contains(new ProcStat.Task("odd ) (name", 10 * 10_000_000L));
    }

    @Test
    void rejectsALineThatIsNotAStatLine() {
        assertThat(ProcStat.parseTask("")).isEmpty();
        assertThat(ProcStat.parseTask("42 (short) R 1 2")).isEmpty();
    }

    @Test
    void countsTheMachinesIdleAndIowaitAsNotBusyAndEveryCoreLine() {
        final List<String> stat = List.of(
                "cpu  67630 0 14890 256617 420 0 787 218 0 0",
                "cpu0 33846 0 6981 128842 70 0 362 112 0 0",
                "cpu1 33784 0 7909 127774 350 0 424 105 0 0",
                "intr 1357635 0 0 0");

        final ProcStat.Machine machine = ProcStat.parseMachine(stat).orElseThrow();

        assertThat(machine.busyTicks()).isEqualTo(67630 + 14890 + 787 + 218);
        assertThat(machine.totalTicks()).isEqualTo(67630 + 14890 + 256617 + 420 + 787 + 218);
        assertThat(machine.cores()).isEqualTo(2);
    }
}
