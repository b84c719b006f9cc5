package dev.pdm.iiot.connect.source;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
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
}
