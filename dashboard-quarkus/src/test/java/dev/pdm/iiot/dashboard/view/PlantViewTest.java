package dev.pdm.iiot.dashboard.view;

import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.pdm.iiot.dashboard.Fixtures.T0;
import static dev.pdm.iiot.dashboard.Fixtures.alert;
import static dev.pdm.iiot.dashboard.Fixtures.normal;
import static dev.pdm.iiot.dashboard.Fixtures.scored;
import static dev.pdm.iiot.dashboard.Fixtures.training;
import static org.assertj.core.api.Assertions.assertThat;

class PlantViewTest {

    private final PlantView view = new PlantView(10);
    private final List<ViewEntry> seen = new ArrayList<>();

    @Test
    void everyChangeGetsAHigherVersionAndReachesTheListeners() {
        view.addListener(seen::add);

        view.applyStatus("M1", training("M1", 3), T0);
        view.applyStatus("M2", training("M2", 1), T0);
        view.applyAlert(alert("M1", 1, AlertStatus.ACTIVE_UNACK, Severity.WARNING, T0));
        view.applyStatus("M1", training("M1", 4), T0.plusSeconds(2));

        assertThat(seen).extracting(ViewEntry::v).containsExactly(1L, 2L, 3L, 4L);
        assertThat(seen).extracting(ViewEntry::key).containsExactly("m:M1", "m:M2", "a:M1:ANOMALY:1", "m:M1");
        assertThat(view.version()).isEqualTo(4);
    }

    @Test
    void aSnapshotHoldsTheLatestEntryOfEachKey() {
        view.applyStatus("M1", training("M1", 3), T0);
        view.applyStatus("M1", scored("M1", MachineState.NORMAL, 0.4, 40, null), T0);
        view.applyStatus("M2", training("M2", 1), T0);
        view.applyAlert(alert("M1", 1, AlertStatus.ACTIVE_UNACK, Severity.WARNING, T0));

        final PlantSnapshot snapshot = view.snapshot();

        assertThat(snapshot.version()).isEqualTo(4);
        assertThat(snapshot.machines()).hasSize(2)
                .filteredOn(m -> m.machineId().equals("M1"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.v()).isEqualTo(2);
                    assertThat(m.status().state()).isEqualTo(MachineState.NORMAL);
                    assertThat(m.status().lastReading().value("temperature")).isEqualTo(70.0);
                });
        assertThat(snapshot.alerts()).extracting(AlertEntry::v).containsExactly(4L);
    }

    @Test
    void applyingAStatusReturnsTheOneItReplaced() {
        assertThat(view.applyStatus("M1", normal("M1", 10, 65), T0)).isNull();

        assertThat(view.applyStatus("M1", normal("M1", 15, 66), T0)).extracting(MachineStatus::readings).isEqualTo(10L);
        assertThat(view.applyStatus("M1", null, T0)).extracting(MachineStatus::readings).isEqualTo(15L);
        assertThat(view.applyStatus("M1", normal("M1", 3, 60), T0)).isNull();
    }

    @Test
    void aTombstoneRemovesTheMachineAndTellsTheListeners() {
        view.addListener(seen::add);
        view.applyStatus("M1", training("M1", 3), T0);

        view.applyStatus("M1", null, T0.plusSeconds(1));

        assertThat(view.machine("M1")).isEmpty();
        assertThat(view.snapshot().machines()).isEmpty();
        assertThat(seen.get(seen.size() - 1)).isInstanceOfSatisfying(MachineEntry.class, m -> {
            assertThat(m.status()).isNull();
            assertThat(m.removed()).isTrue();
        });
    }
}
