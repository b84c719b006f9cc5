package dev.pdm.iiot.localstack.connect;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectWorkerConfigTest {

    @Test
    void describesADistributedWorkerKeepingItsStateInKafkaAtReplicationFactorOne() {
        final Map<String, String> props = ConnectWorkerConfig.loopback("127.0.0.1:9092").withPort(8083)
                .workerProperties();

        assertThat(props)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("group.id", ConnectWorkerConfig.GROUP_ID)
                .containsEntry("config.storage.topic", "connect-configs")
                .containsEntry("offset.storage.topic", "connect-offsets")
                .containsEntry("status.storage.topic", "connect-status")
                .containsEntry("config.storage.replication.factor", "1")
                .containsEntry("offset.storage.replication.factor", "1")
                .containsEntry("status.storage.replication.factor", "1")
                .containsEntry("plugin.discovery", "service_load")
                .containsEntry("listeners", "http://127.0.0.1:8083");
    }

    @Test
    void defaultsToStringKeysAndByteArrayValues() {
        assertThat(ConnectWorkerConfig.loopback("b:9092").withPort(8083).workerProperties())
                .containsEntry("key.converter", "org.apache.kafka.connect.storage.StringConverter")
                .containsEntry("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    }

    @Test
    void overridesWinAndAWildcardListenerIsReachedOnLoopback() {
        final ConnectWorkerConfig config = new ConnectWorkerConfig("b:9092", "0.0.0.0", 8083,
                Map.of("value.converter", "org.apache.kafka.connect.json.JsonConverter"));

        assertThat(config.workerProperties())
                .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("listeners", "http://0.0.0.0:8083")
                .containsEntry("rest.advertised.host.name", "127.0.0.1");
        assertThat(config.url()).isEqualTo("http://127.0.0.1:8083");
    }

    @Test
    void needsAResolvedPort() {
        assertThatThrownBy(() -> ConnectWorkerConfig.loopback("b:9092").workerProperties())
                .isInstanceOf(IllegalStateException.class);
    }
}
