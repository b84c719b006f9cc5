package dev.pdm.iiot.connect.source;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MqttSourceTaskTest {

    /** A context whose offset store remembers what the test puts in it. */
    private static final class FakeContext implements SourceTaskContext {
        final Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();

        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> Map<String, Object> offset(final Map<String, T> partition) {
                    return offsets.get((Map<String, Object>) partition);
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(final Collection<Map<String, T>> partitions) {
                    final Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                    partitions.forEach(p -> result.put(p, offset(p)));
                    return result;
                }
            };
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

    @Test
    void startsWhileTheBrokerIsUnreachableAndPollReturnsNullWhenIdle() throws Exception {
        final String uri = "tcp://127.0.0.1:" + closedPort();
        final Map<String, String> props = new HashMap<>(Map.of("name", "readings", "mqtt.server.uri", uri,
                "mqtt.connection.timeout.seconds", "1", "poll.timeout.ms", "50"));
        new TaskAssignment(List.of(uri), List.of("readings-0-0")).writeTo(props);
        final MqttSourceTask task = new MqttSourceTask();
        task.initialize(new FakeContext());

        task.start(props);
        try {
            assertThat(task.poll()).isNull();
            assertThat(task.counters().received()).isZero();
        } finally {
            task.stop();
        }
    }

    @Test
    void acknowledgesAndCountsAMessageWhoseRecordWasNotWritten() throws Exception {
        final String uri = "tcp://127.0.0.1:" + closedPort();
        final Map<String, String> props = new HashMap<>(Map.of("name", "readings", "mqtt.server.uri", uri,
                "mqtt.connection.timeout.seconds", "1", "mqtt.reconnect.backoff.ms", "3600000",
                "mqtt.reconnect.backoff.max.ms", "3600000", "poll.timeout.ms", "1000"));
        new TaskAssignment(List.of(uri), List.of("readings-0-0")).writeTo(props);
        final MqttSourceTask task = new MqttSourceTask();
        task.initialize(new FakeContext());
        task.start(props);
        try {
            final MqttSubscriber subscriber = task.subscriber(0);
            final MqttMessage message = new MqttMessage("{\"machine_id\":\"MACHINE_001\",\"rpm\":1500}"
                    .getBytes(StandardCharsets.UTF_8), 1, false, null);
            message.setId(7);
            subscriber.onMessage("factory/machines/MACHINE_001/sensors", message, 1L); // the first connection's
            final List<SourceRecord> records = task.poll();
            assertThat(records).hasSize(1);
            assertThat(subscriber.inFlight()).isEqualTo(1);

            task.commitRecord(records.get(0), null); // refused by Kafka, skipped under errors.tolerance=all

            assertThat(task.counters().skipped()).isEqualTo(1);
            assertThat(task.counters().acknowledged()).isEqualTo(1);
            assertThat(task.counters().forwarded()).isZero();
            assertThat(subscriber.inFlight()).isZero();
        } finally {
            task.stop();
        }
    }
}
