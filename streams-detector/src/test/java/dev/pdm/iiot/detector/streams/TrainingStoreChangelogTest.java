package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.testing.Readings;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the training set costs the training store's changelog: one machine, its first model, then
 * 1,000 clean readings joining its sample.
 */
class TrainingStoreChangelogTest {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingStoreChangelogTest.class);
    private static final String APPLICATION_ID = "detector-test";
    private static final String CHANGELOG = APPLICATION_ID + "-" + DetectorTopology.TRAINING_STORE + "-changelog";
    private static final int CLEAN = 1_000;
    /** A row of five doubles and its key (machine id, slot), with room for a few more features. */
    private static final int MAX_BYTES_PER_WRITE = 128;

    @TempDir
    Path stateDir;

    @Test
    void aReadingThatJoinsTheTrainingSetWritesOneSmallEntryWhateverTheSetsSize() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        final int n = DetectorSettings.defaults().training().samples();
        try (TopologyTestDriver driver = new TopologyTestDriver(new DetectorTopology(DetectorSettings.defaults()).build(),
                props, Readings.T0)) {
            final TestInputTopic<String, byte[]> telemetry = driver.createInputTopic(KafkaTopics.TELEMETRY,
                    new StringSerializer(), new ByteArraySerializer());
            final TestOutputTopic<byte[], byte[]> changelog = driver.createOutputTopic(CHANGELOG,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            final Readings machine = new Readings("MACHINE_001", 5);
            for (int i = 0; i < n + CLEAN; i++) {
                final TelemetryReading r = machine.healthy();
                telemetry.pipeInput(new TestRecord<>(r.machineId(), Readings.json(r), r.timestamp()));
            }

            final List<TestRecord<byte[], byte[]>> written = changelog.readRecordsToList();
            final long valueBytes = written.stream().mapToLong(w -> w.value() == null ? 0 : w.value().length).sum();
            final long keyBytes = written.stream().mapToLong(w -> w.key().length).sum();
            final int largest = written.stream().mapToInt(w -> w.key().length
                    + (w.value() == null ? 0 : w.value().length)).max().orElse(0);
            LOG.info("training store changelog over {} readings: {} records, {} value bytes + {} key bytes,"
                            + " {} bytes per reading, largest record {} bytes", n + CLEAN, written.size(), valueBytes,
                    keyBytes, String.format(java.util.Locale.ROOT, "%.1f", (valueBytes + keyBytes) / (double) (n + CLEAN)),
                    largest);

            assertThat(written).as("the first N readings and those that joined the sample").hasSizeGreaterThan(n);
            assertThat(largest).as("bytes of one write").isLessThanOrEqualTo(MAX_BYTES_PER_WRITE);
        }
    }
}
