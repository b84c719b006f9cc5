package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.testing.Readings;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventSerdes;
import dev.pdm.iiot.events.model.MinuteAggregate;
import dev.pdm.iiot.events.model.SensorMinute;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.events.validation.ReadingParser;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The minute aggregates of the history: one-minute windows by reading time, with a grace period. */
class MinuteAggregatesTopologyTest {

    private static final Instant T0 = Readings.T0;
    private static final Duration GRACE = Duration.ofMinutes(2);

    @TempDir
    Path stateDir;

    private final AtomicInteger late = new AtomicInteger();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> telemetry;
    private TestOutputTopic<String, MinuteAggregate> minutes;

    @BeforeEach
    void start() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "minute-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        final DetectorMetrics counting = new DetectorMetrics() {
            @Override
            public void lateForHistory() {
                late.incrementAndGet();
            }
        };
        driver = new TopologyTestDriver(new DetectorTopology(DetectorSettings.defaults(), ReadingParser.withDefaults(),
                counting, Duration.ZERO, GRACE).build(), props, T0.plus(Duration.ofDays(1)));
        telemetry = driver.createInputTopic(KafkaTopics.TELEMETRY, new StringSerializer(), new ByteArraySerializer());
        minutes = driver.createOutputTopic(KafkaTopics.MINUTE_AGGREGATES, new StringDeserializer(),
                EventSerdes.minuteAggregate());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(final String machine, final Duration after, final double vibration) {
        final TelemetryReading r = TelemetryReading.of(machine, T0.plus(after), Map.of("temperature", 65.0,
                "vibration", vibration, "current", 10.0, "pressure", 6.0, "rpm", 1500.0));
        telemetry.pipeInput(new TestRecord<>(machine, Readings.json(r), r.timestamp()));
    }

    @Test
    void publishesAMinuteOnceStreamTimePassesItsEnd() {
        send("M1", Duration.ofSeconds(10), 2.0);
        send("M1", Duration.ofSeconds(30), 4.0);
        assertThat(minutes.isEmpty()).isTrue();

        send("M1", Duration.ofSeconds(61), 3.0);

        final MinuteAggregate minute = minutes.readValue();
        assertThat(minute.machineId()).isEqualTo("M1");
        assertThat(minute.minute()).isEqualTo(T0);
        assertThat(minute.readings()).isEqualTo(2);
        assertThat(minute.anomalies()).isZero();
        assertThat(minute.maxScore()).as("training: nothing scored yet").isNull();
        assertThat(minute.sensors()).containsEntry("vibration", new SensorMinute(2.0, 3.0, 4.0, 2))
                .containsEntry("temperature", new SensorMinute(65.0, 65.0, 65.0, 2));
        assertThat(minutes.isEmpty()).isTrue();
    }

    @Test
    void aLateReadingWithinTheGracePeriodUpdatesItsMinuteAtOnce() {
        send("M1", Duration.ofSeconds(10), 2.0);
        send("M2", Duration.ofSeconds(70), 2.0);
        assertThat(minutes.readValue().readings()).isEqualTo(1);

        send("M1", Duration.ofSeconds(50), 6.0);

        final MinuteAggregate updated = minutes.readValue();
        assertThat(updated.minute()).isEqualTo(T0);
        assertThat(updated.readings()).isEqualTo(2);
        assertThat(updated.sensors().get("vibration").max()).isEqualTo(6.0);
        assertThat(late).hasValue(0);
    }

    @Test
    void aReadingAfterTheGracePeriodIsLeftOutAndCounted() {
        send("M1", Duration.ofSeconds(10), 2.0);
        send("M2", Duration.ofMinutes(3).plusSeconds(1), 2.0);
        assertThat(minutes.readValuesToList()).extracting(MinuteAggregate::minute).containsExactly(T0);

        send("M1", Duration.ofSeconds(20), 9.0);

        assertThat(minutes.isEmpty()).isTrue();
        assertThat(late).hasValue(1);
    }

    @Test
    void aReadingWithoutEveryFeatureStillCountsInItsMinute() {
        telemetry.pipeInput(new TestRecord<>("M1", Readings.json(TelemetryReading.of("M1", T0.plusSeconds(5),
                Map.of("vibration", 2.5))), T0.plusSeconds(5)));
        send("M1", Duration.ofSeconds(61), 3.0);

        final MinuteAggregate minute = minutes.readValue();
        assertThat(minute.readings()).isEqualTo(1);
        assertThat(minute.sensors()).containsOnlyKeys("vibration");
    }

    @Test
    void eachMachineHasItsOwnMinutes() {
        send("M1", Duration.ofSeconds(1), 1.0);
        send("M2", Duration.ofSeconds(2), 5.0);
        send("M1", Duration.ofSeconds(62), 1.0);

        assertThat(minutes.readKeyValuesToMap()).containsOnlyKeys("M1", "M2")
                .allSatisfy((machine, minute) -> assertThat(minute.readings()).isEqualTo(1));
    }
}
