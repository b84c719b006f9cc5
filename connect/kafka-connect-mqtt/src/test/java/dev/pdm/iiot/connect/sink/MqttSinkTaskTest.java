package dev.pdm.iiot.connect.sink;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MqttSinkTaskTest {

    /** Records what the task asks of the worker. */
    private static final class FakeContext implements SinkTaskContext {
        final Map<TopicPartition, Long> rewinds = new HashMap<>();

        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(final Map<TopicPartition, Long> offsets) {
            rewinds.putAll(offsets);
        }

        @Override
        public void offset(final TopicPartition tp, final long offset) {
            rewinds.put(tp, offset);
        }

        @Override
        public void timeout(final long timeoutMs) {
        }

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of();
        }

        @Override
        public void pause(final TopicPartition... partitions) {
        }

        @Override
        public void resume(final TopicPartition... partitions) {
        }

        @Override
        public void requestCommit() {
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static SinkRecord alert(final int partition, final long offset) {
        return new SinkRecord("machine-alerts", partition, null, "MACHINE_001", null,
                "{\"alert_id\":\"a\"}".getBytes(StandardCharsets.UTF_8), offset);
    }

    @Test
    void withoutABrokerRewindsInsteadOfCommittingAnything() throws IOException {
        final FakeContext context = new FakeContext();
        final MqttSinkTask task = new MqttSinkTask();
        task.initialize(context);
        task.start(Map.of("mqtt.server.uri", "tcp://127.0.0.1:" + closedPort(), "topics", "machine-alerts",
                "mqtt.connection.timeout.seconds", "1", "mqtt.reconnect.backoff.ms", "50"));
        try {
            task.put(List.of(alert(0, 40), alert(0, 41), alert(3, 7)));

            assertThat(context.rewinds).containsExactlyInAnyOrderEntriesOf(Map.of(
                    new TopicPartition("machine-alerts", 0), 40L, new TopicPartition("machine-alerts", 3), 7L));
            assertThat(task.counters().published()).isZero();
            assertThat(task.counters().retries()).isEqualTo(1);
            assertThat(task.preCommit(Map.of())).isEmpty();
        } finally {
            task.stop();
        }
    }
}
