package dev.pdm.iiot.platform.chaos.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class AcknowledgedReadingsTest {

    private static byte[] reading(final String machineId, final long seq) {
        return ("{\"machine_id\":\"" + machineId + "\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"seq\":" + seq
                + ",\"temperature\":60.0}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void takesTheMachineFromTheTopicAndTheSeqFromThePayload() {
        final AcknowledgedReadings acknowledged = new AcknowledgedReadings();

        acknowledged.add("factory/machines/M1/sensors", reading("M1", 7));

        assertThat(acknowledged.contains("M1", 7)).isTrue();
        assertThat(acknowledged.contains("M1", 8)).isFalse();
        assertThat(acknowledged.count()).isEqualTo(1);
    }

    @Test
    void takesTheMachineFromThePayloadOnAnotherTopic() {
        final AcknowledgedReadings acknowledged = new AcknowledgedReadings();

        acknowledged.add("gateway/readings", reading("M2", 3));

        assertThat(acknowledged.contains("M2", 3)).isTrue();
    }

    @Test
    void countsReadingsWithoutSeqApartAndAPubackTwiceOnce() {
        final AcknowledgedReadings acknowledged = new AcknowledgedReadings();

        acknowledged.add("factory/machines/M1/sensors", "{\"machine_id\":\"M1\",\"temperature\":1}"
                .getBytes(StandardCharsets.UTF_8));
        acknowledged.add("M1", 5);
        acknowledged.add("M1", 5);

        assertThat(acknowledged.withoutSeq()).isEqualTo(1);
        assertThat(acknowledged.count()).isEqualTo(1);
    }

    @Test
    void keepsEveryReadingAddedFromManyThreads() throws Exception {
        // given eight threads acknowledging 20,000 readings each of the same two machines
        final AcknowledgedReadings acknowledged = new AcknowledgedReadings();
        final ExecutorService threads = Executors.newFixedThreadPool(8);
        final List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            final int offset = t * 20_000;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 20_000; i++) {
                    acknowledged.add("factory/machines/M" + (i % 2) + "/sensors", reading("M" + (i % 2), offset + i));
                }
            }));
        }
        for (final Future<?> f : done) {
            f.get();
        }
        threads.shutdown();

        // then all are there, and a snapshot holds the same
        assertThat(acknowledged.count()).isEqualTo(160_000);
        final ReadingSet snapshot = acknowledged.snapshot();
        assertThat(snapshot.size()).isEqualTo(160_000);
        assertThat(snapshot.contains("M1", 159_999)).isTrue();
        assertThat(snapshot.contains("M0", 159_999)).isFalse();
    }
}
