package dev.pdm.iiot.localstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackModeTest {

    @Test
    void runsInProcessUnlessContainersAreAskedFor() {
        assertThat(StackMode.parse(null)).isEqualTo(StackMode.INPROCESS);
        assertThat(StackMode.parse(" ")).isEqualTo(StackMode.INPROCESS);
        assertThat(StackMode.parse("inprocess")).isEqualTo(StackMode.INPROCESS);
        assertThat(StackMode.parse("Containers")).isEqualTo(StackMode.CONTAINERS);
    }

    @Test
    void rejectsAnUnknownModeByNamingTheProperty() {
        assertThatThrownBy(() -> StackMode.parse("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iiot.stack");
    }
}
