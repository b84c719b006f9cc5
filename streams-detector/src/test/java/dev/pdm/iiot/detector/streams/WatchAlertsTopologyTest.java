package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.testing.LoadedPump;
import dev.pdm.iiot.detector.testing.Readings;
import dev.pdm.iiot.detector.testing.StateDirectories;
import dev.pdm.iiot.detector.watch.TrendWatch;
import dev.pdm.iiot.detector.watch.WatchSettings;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventSerdes;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Health;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alert type besides the forest's raises and clears through the topology: degradation,
 * peer deviation, stuck sensor, sensor dropout and silence; a person's clear; a restart keeps the
 * watches' state; and a reading the detector fails on goes to the dead-letter topic.
 */
class WatchAlertsTopologyTest {

    private static final Duration PERIOD = Duration.ofSeconds(5);
    /**
     * The watches on a scale of minutes, so that a test runs hours of a plant in seconds (the
     * thermal model's too: the pump's temperature follows its current without a lag). The pump's
     * temperature is linear in its current, not in its square as a motor's heat is: expected from
     * the square by a reference of 30 minutes of its 2-hour cycle, it is missed by up to 0.8 °C at a
     * load the reference did not see, so the temperature's floor stays at 0.5 % here (at the
     * default 0.25 % the healthy pump raised a degradation).
     */
    private static final WatchSettings FAST = WatchSettings.defaults()
            .withTrend(new WatchSettings.Trend(true, Duration.ofMinutes(2), Duration.ofSeconds(10),
                    Duration.ofMinutes(30), Duration.ofDays(7), 4.0, 2.5, Duration.ofMinutes(2), 0.005,
                    Duration.ofMinutes(20), Duration.ofHours(24), true, Duration.ofMinutes(1), Duration.ofSeconds(20),
                    0.005))
            .withPeers(new WatchSettings.Peers(true, Duration.ofMinutes(1), Duration.ofSeconds(10),
                    Duration.ofMinutes(10), 2, 4.0, 3.0, Duration.ofMinutes(1), 0.10, Map.of()));
    private static final DetectorSettings SETTINGS = DetectorSettings.defaults().withWatches(FAST);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> telemetry;
    private TestOutputTopic<String, Alert> alerts;
    private TestOutputTopic<String, MachineStatus> status;
    private TestOutputTopic<String, byte[]> dlq;
    private final List<Alert> seen = new ArrayList<>();

    private void start() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "watch-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(new DetectorTopology(SETTINGS).build(), props, Readings.T0);
        telemetry = driver.createInputTopic(KafkaTopics.TELEMETRY, new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(KafkaTopics.ALERTS, new StringDeserializer(), EventSerdes.alert());
        status = driver.createOutputTopic(KafkaTopics.STATUS, new StringDeserializer(), EventSerdes.machineStatus());
        dlq = driver.createOutputTopic(KafkaTopics.TELEMETRY_DLQ, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void send(final TelemetryReading r) {
        telemetry.pipeInput(new TestRecord<>(r.machineId(), Readings.json(r), r.timestamp()));
    }

    private void send(final LoadedPump pump, final int readings) {
        for (int i = 0; i < readings; i++) {
            send(pump.next());
        }
    }

    /** Alerts of the type published so far (every change), oldest first. */
    private List<Alert> alerts(final String type) {
        seen.addAll(alerts.readValuesToList());
        return seen.stream().filter(a -> a.type().equals(type)).toList();
    }

    private MachineStatus lastStatus(final String machineId) {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        final List<MachineStatus> all = status.readValuesToList().stream()
                .filter(s -> s.machineId().equals(machineId)).toList();
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    private static int readings(final Duration span) {
        return (int) (span.toSeconds() / PERIOD.toSeconds());
    }

    @Test
    void aDevelopingFaultRaisesADegradationWithItsTrendAndTimeToLimitAndRecoveryClearsIt() {
        start();
        final LoadedPump pump = new LoadedPump("MACHINE_001", 1, PERIOD, Duration.ofHours(2), 0.0);
        send(pump, readings(Duration.ofMinutes(95)));
        assertThat(alerts(Alert.TYPE_DEGRADATION)).as("a healthy machine under a moving load").isEmpty();

        final int ramp = readings(Duration.ofMinutes(30));
        Alert raised = null;
        for (int i = 0; i < ramp && raised == null; i++) {
            pump.wear = 0.5 * i / ramp;
            send(pump.next());
            final List<Alert> d = alerts(Alert.TYPE_DEGRADATION);
            raised = d.isEmpty() ? null : d.get(0);
        }
        assertThat(raised).as("raised while the fault develops").isNotNull();
        assertThat(pump.wear).as("a fifth of the way to full wear at most").isLessThan(0.2);
        assertThat(raised.status()).isEqualTo(AlertStatus.ACTIVE_UNACK);
        assertThat(raised.trends()).extracting(t -> t.sensor()).containsAnyOf(Sensors.TEMPERATURE, Sensors.VIBRATION);
        assertThat(raised.contributors().get(0).sensor()).as("the sensor farthest from its load's expectation")
                .isIn(Sensors.TEMPERATURE, Sensors.VIBRATION);
        assertThat(raised.trends()).as("a sensor the fault moves, upwards")
                .anySatisfy(t -> {
                    assertThat(t.sensor()).isIn(Sensors.TEMPERATURE, Sensors.VIBRATION);
                    assertThat(t.level()).isGreaterThan(t.reference());
                    assertThat(t.ratePerHour()).isPositive();
                });
        assertThat(raised.trends().stream().filter(t -> t.hoursToLimit() != null)).as("a time to its limit")
                .isNotEmpty();
        assertThat(raised.recommendation()).startsWith("Degrading: ").contains("/h over");
        final MachineStatus during = lastStatus("MACHINE_001");
        assertThat(during.health()).isEqualTo(Health.ALERT);
        assertThat(during.openAlerts()).containsKey(Alert.TYPE_DEGRADATION);

        pump.wear = 0;
        send(pump, readings(Duration.ofMinutes(30)));
        final List<Alert> d = alerts(Alert.TYPE_DEGRADATION);
        assertThat(d.get(d.size() - 1).status()).as("the levels are back: cleared").isEqualTo(AlertStatus.CLEARED);
        assertThat(d.stream().map(Alert::alertId).distinct()).as("one alert over its life").hasSize(1);
    }

    @Test
    void aMachineFarFromItsPeersRaisesAPeerDeviationAndOnlyIt() {
        start();
        final List<LoadedPump> plant = new ArrayList<>();
        for (int m = 1; m <= 4; m++) {
            plant.add(new LoadedPump("MACHINE_00" + m, m, PERIOD, Duration.ofHours(2), m * Math.PI / 2));
        }
        plant.get(3).offset(Sensors.VIBRATION, 1.2);
        for (int i = 0; i < readings(Duration.ofMinutes(8)); i++) {
            plant.forEach(p -> send(p.next()));
        }
        final List<Alert> raised = alerts(Alert.TYPE_PEER_DEVIATION);
        assertThat(raised).isNotEmpty();
        assertThat(raised).extracting(Alert::machineId).containsOnly("MACHINE_004");
        final Alert first = raised.get(0);
        assertThat(first.contributors().get(0).sensor()).isEqualTo(Sensors.VIBRATION);
        assertThat(first.recommendation()).startsWith("MACHINE_004 vibrates 1.").contains("than its 3 peers");

        plant.get(3).offset(Sensors.VIBRATION, 0.0);
        for (int i = 0; i < readings(Duration.ofMinutes(10)); i++) {
            plant.forEach(p -> send(p.next()));
        }
        final List<Alert> after = alerts(Alert.TYPE_PEER_DEVIATION);
        assertThat(after.get(after.size() - 1).status()).isEqualTo(AlertStatus.CLEARED);
    }

    @Test
    void machinesAreComparedWithTheMachinesOfTheTypeTheirReadingsName() {
        start();
        // three pumps, which run with 1.5 mm/s more vibration than fans, and four fans, one of which vibrates
        // like a pump: unusual for a fan. Compared all together, the three usual fans would stand out instead.
        final List<LoadedPump> pumps = new ArrayList<>();
        final List<LoadedPump> fans = new ArrayList<>();
        for (int m = 1; m <= 7; m++) {
            final LoadedPump machine = new LoadedPump("MACHINE_00" + m, m, PERIOD, Duration.ofHours(2), m * Math.PI / 2);
            (m <= 3 ? pumps : fans).add(machine);
            if (m <= 3 || m == 7) {
                machine.offset(Sensors.VIBRATION, 1.5);
            }
        }
        for (int i = 0; i < readings(Duration.ofMinutes(8)); i++) {
            pumps.forEach(p -> send(typed(p.next(), "pump")));
            fans.forEach(f -> send(typed(f.next(), "fan")));
        }

        final List<Alert> raised = alerts(Alert.TYPE_PEER_DEVIATION);
        assertThat(raised).extracting(Alert::machineId).containsOnly("MACHINE_007");
        assertThat(raised.get(0).recommendation()).contains("than its 3 peers in group fan");
    }

    private static TelemetryReading typed(final TelemetryReading r, final String type) {
        return new TelemetryReading(r.machineId(), r.timestamp(), r.values(), r.schemaVersion(), r.seq(), type);
    }

    @Test
    void aSensorThatFreezesRaisesAStuckSensorAndClearsWhenItMovesAgain() {
        start();
        final LoadedPump pump = new LoadedPump("MACHINE_001", 2, PERIOD, Duration.ofHours(2), 0.0);
        send(pump, 100);
        final int stuckAfter = SETTINGS.watches().stuck().readings();
        for (int i = 0; i < stuckAfter - 1; i++) {
            send(frozen(pump.next(), Sensors.TEMPERATURE, 66.43));
        }
        assertThat(alerts(Alert.TYPE_STUCK_SENSOR)).as("not yet: " + (stuckAfter - 1) + " in a row").isEmpty();
        send(frozen(pump.next(), Sensors.TEMPERATURE, 66.43));
        final List<Alert> stuck = alerts(Alert.TYPE_STUCK_SENSOR);
        assertThat(stuck).hasSize(1);
        assertThat(stuck.get(0).recommendation()).startsWith("temperature has stayed at 66.4 °C for 20 readings");
        assertThat(stuck.get(0).metrics()).containsEntry(Sensors.TEMPERATURE, 66.43);

        send(pump, 3);
        final List<Alert> after = alerts(Alert.TYPE_STUCK_SENSOR);
        assertThat(after.get(after.size() - 1).status()).isEqualTo(AlertStatus.CLEARED);
    }

    @Test
    void aSensorMissingFromManyReadingsRaisesADropoutWhileTheReadingsGoToTheDeadLetterTopic() {
        start();
        final LoadedPump pump = new LoadedPump("MACHINE_001", 3, PERIOD, Duration.ofHours(2), 0.0);
        send(pump, 60);
        for (int i = 0; i < 10; i++) {
            send(without(pump.next(), Sensors.VIBRATION));
        }
        assertThat(dlq.readRecordsToList()).hasSize(10);
        final List<Alert> raised = alerts(Alert.TYPE_SENSOR_DROPOUT);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).recommendation()).startsWith("vibration is missing from");

        send(pump, 80);
        final List<Alert> after = alerts(Alert.TYPE_SENSOR_DROPOUT);
        assertThat(after.get(after.size() - 1).status()).isEqualTo(AlertStatus.CLEARED);
    }

    @Test
    void aMachineThatStopsPublishingIsSilentByTheWallClockAndItsNextReadingClearsIt() {
        start();
        final LoadedPump pump = new LoadedPump("MACHINE_001", 4, PERIOD, Duration.ofHours(2), 0.0);
        send(pump, 40);
        // usual interval 5 s: silent after 10 intervals (50 s), checked every 5 s, with no reading
        driver.advanceWallClockTime(Duration.ofSeconds(45));
        assertThat(alerts(Alert.TYPE_SILENT)).isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        final List<Alert> silent = alerts(Alert.TYPE_SILENT);
        assertThat(silent).hasSize(1);
        assertThat(silent.get(0).recommendation()).startsWith("No reading for 5");
        assertThat(lastStatus("MACHINE_001").openAlerts()).containsKey(Alert.TYPE_SILENT);
        driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(alerts(Alert.TYPE_SILENT)).as("raised once").hasSize(1);

        send(pump.next());
        final List<Alert> after = alerts(Alert.TYPE_SILENT);
        assertThat(after).hasSize(2);
        assertThat(after.get(1).status()).isEqualTo(AlertStatus.CLEARED);
    }

    @Test
    void aRestartKeepsEveryWatchsStateAndGivesMachinesTheirSilenceLimitFromTheStart(@TempDir final Path snapshot)
            throws IOException {
        start();
        final LoadedPump pump = new LoadedPump("MACHINE_001", 5, PERIOD, Duration.ofHours(2), 0.0);
        send(pump, readings(Duration.ofMinutes(40)));
        final TrendWatch trend = new TrendWatch(FAST);
        final KeyValueStore<String, MachineContext> before = driver.getKeyValueStore(DetectorTopology.MACHINE_STORE);
        assertThat(before.get("MACHINE_001").watches().of(trend).armed(FAST.trend())).isTrue();
        StateDirectories.copy(stateDir, snapshot);
        driver.close();
        StateDirectories.copy(snapshot, stateDir);

        start();
        final MachineContext after = driver.<String, MachineContext>getKeyValueStore(DetectorTopology.MACHINE_STORE)
                .get("MACHINE_001");
        assertThat(after.watches().of(trend).armed(FAST.trend())).as("the trend's reference survives").isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(45));
        assertThat(alerts(Alert.TYPE_SILENT)).as("the restarted detector gives the machine its limit again").isEmpty();
        send(pump.next());
        assertThat(alerts(Alert.TYPE_DEGRADATION)).isEmpty();
    }

    @Test
    void aReadingTheDetectorFailsOnGoesToTheDeadLetterTopicAndTheNextIsScored() {
        start();
        final LoadedPump pump = new LoadedPump("MACHINE_001", 6, PERIOD, Duration.ofHours(2), 0.0);
        send(pump, 40);
        // damage the store: the machine's context names a model version whose stored bytes are garbage
        final KeyValueStore<String, MachineContext> machines = driver.getKeyValueStore(DetectorTopology.MACHINE_STORE);
        final KeyValueStore<String, byte[]> models = driver.getKeyValueStore(DetectorTopology.MODEL_STORE);
        final MachineContext ctx = machines.get("MACHINE_001");
        final int good = ctx.forest().modelVersion;
        ctx.forest().modelVersion = good + 1;
        machines.put("MACHINE_001", ctx);
        models.put(StoredModels.key("MACHINE_001", good + 1), new byte[]{1, 2, 3});
        dlq.readRecordsToList();

        send(pump.next());

        final List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).isEqualTo("PROCESSING_FAILED");
        assertThat(header(dead.get(0), DeadLetterHeaders.DETAIL)).isNotBlank();
        assertThat(machines.get("MACHINE_001").readings).as("the machine's state is not written").isEqualTo(40);

        final MachineContext repaired = machines.get("MACHINE_001");
        repaired.forest().modelVersion = good;
        machines.put("MACHINE_001", repaired);
        send(pump.next());
        assertThat(dlq.readRecordsToList()).isEmpty();
        assertThat(machines.get("MACHINE_001").readings).isEqualTo(41);
    }

    private static TelemetryReading frozen(final TelemetryReading r, final String sensor, final double value) {
        final Map<String, Double> v = new LinkedHashMap<>(r.values());
        v.put(sensor, value);
        return new TelemetryReading(r.machineId(), r.timestamp(), v, r.schemaVersion(), r.seq());
    }

    private static TelemetryReading without(final TelemetryReading r, final String sensor) {
        final Map<String, Double> v = new LinkedHashMap<>(r.values());
        v.remove(sensor);
        return new TelemetryReading(r.machineId(), r.timestamp(), v, r.schemaVersion(), r.seq());
    }

    private static String header(final TestRecord<String, byte[]> record, final String name) {
        final Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

}
