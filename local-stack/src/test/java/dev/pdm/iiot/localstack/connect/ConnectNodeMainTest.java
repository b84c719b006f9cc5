package dev.pdm.iiot.localstack.connect;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectNodeMainTest {

    @Test
    void aWorkerReadsBackTheArgumentsItIsStartedWith() {
        final ConnectWorkerConfig config = ConnectNodeMain.parse(ConnectNodeMain.args("127.0.0.1:19092", 18083,
                Map.of("offset.storage.replication.factor", "3")));

        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(config.port()).isEqualTo(18083);
        assertThat(config.workerProperties()).containsEntry("offset.storage.replication.factor", "3")
                .containsEntry("listeners", "http://127.0.0.1:18083");
    }

    @Test
    void aWorkerRefusesIncompleteOptions() {
        assertThatThrownBy(() -> ConnectNodeMain.parse(List.of("--port", "18083")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bootstrap-servers");
        assertThatThrownBy(() -> ConnectNodeMain.parse(List.of("--property", "novalue", "--port", "1")))
                .hasMessageContaining("K=V");
    }
}
