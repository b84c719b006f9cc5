package dev.pdm.iiot.detector.streams;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.scoring.TrainedModel;
import dev.pdm.iiot.detector.testing.Readings;
import dev.pdm.iiot.detector.testing.StateDirectories;
import dev.pdm.iiot.events.DeadLetterHeaders;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventSerdes;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertCommand;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.MachineCommand;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.ScoredReading;
import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class DetectorTopologyTest {

    private static final String M1 = "MACHINE_001";
    private static final int N = DetectorSettings.defaults().training().samples();
    private static final int RAISE = DetectorSettings.defaults().alerting().raiseAfter();
    private static final int K = DetectorSettings.defaults().alerting().clearAfter();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> telemetry;
    private TestInputTopic<String, AlertCommand> alertCommands;
    private TestInputTopic<String, MachineCommand> machineCommands;
    private TestOutputTopic<String, MachineStatus> status;
    private TestOutputTopic<String, Alert> alerts;
    private TestOutputTopic<String, ModelDescriptor> models;
    private TestOutputTopic<String, byte[]> dlq;
    private Readings m1;

    @BeforeEach
    void start() {
        driver = newDriver();
        m1 = new Readings(M1, 7);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private TopologyTestDriver newDriver() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "detector-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        final TopologyTestDriver d = new TopologyTestDriver(new DetectorTopology(DetectorSettings.defaults()).build(),
                props, Readings.T0);
        telemetry = d.createInputTopic(KafkaTopics.TELEMETRY, new StringSerializer(), new ByteArraySerializer());
        alertCommands = d.createInputTopic(KafkaTopics.ALERT_COMMANDS, new StringSerializer(),
                EventSerdes.alertCommand());
        machineCommands = d.createInputTopic(KafkaTopics.MACHINE_COMMANDS, new StringSerializer(),
                EventSerdes.machineCommand());
        status = d.createOutputTopic(KafkaTopics.STATUS, new StringDeserializer(), EventSerdes.machineStatus());
        alerts = d.createOutputTopic(KafkaTopics.ALERTS, new StringDeserializer(), EventSerdes.alert());
        models = d.createOutputTopic(KafkaTopics.MODELS, new StringDeserializer(), EventSerdes.modelDescriptor());
        dlq = d.createOutputTopic(KafkaTopics.TELEMETRY_DLQ, new StringDeserializer(), new ByteArrayDeserializer());
        return d;
    }

    private void send(final TelemetryReading reading) {
        telemetry.pipeInput(new TestRecord<>(reading.machineId(), Readings.json(reading), reading.timestamp()));
    }

    private void train(final Readings machine) {
        for (int i = 0; i < N; i++) {
            send(machine.healthy());
        }
    }

    /** The machine's latest published status: statuses are published once per interval, so let one pass. */
    private MachineStatus lastStatus() {
        driver.advanceWallClockTime(DetectorTopology.DEFAULT_STATUS_INTERVAL);
        final List<MachineStatus> all = status.readValuesToList();
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    @Test
    void trainsAfterExactlyNReadings() {
        for (int i = 0; i < N - 1; i++) {
            send(m1.healthy());
        }
        assertThat(models.isEmpty()).isTrue();
        final MachineStatus training = lastStatus();
        assertThat(training.state()).isEqualTo(MachineState.TRAINING);
        assertThat(training.trainingSamples()).isEqualTo(N - 1);
        assertThat(training.trainingTarget()).isEqualTo(N);
        assertThat(training.modelVersion()).isNull();

        send(m1.healthy());

        final List<ModelDescriptor> published = models.readValuesToList();
        assertThat(published).hasSize(1);
        final ModelDescriptor model = published.get(0);
        assertThat(model.machineId()).isEqualTo(M1);
        assertThat(model.version()).isEqualTo(1);
        assertThat(model.samples()).isEqualTo(N);
        assertThat(model.trees()).isEqualTo(100);
        assertThat(model.contamination()).isEqualTo(0.15);
        assertThat(model.reason()).isEqualTo(ModelDescriptor.Reason.INITIAL);
        assertThat(model.features()).isEqualTo(Sensors.PHYSICAL);
        assertThat(model.featureStats().get(0).mean()).as("the model learns deviations from the machine's baseline")
                .isBetween(-1.5, 1.5);
        assertThat(model.featureStats().get(0).std()).isPositive();
        assertThat(model.sizeBytes()).isPositive();
        assertThat(model.threshold()).isBetween(0.3, 0.8);
        final MachineStatus trained = lastStatus();
        assertThat(trained.state()).isEqualTo(MachineState.NORMAL);
        assertThat(trained.modelVersion()).isEqualTo(1);

        send(m1.healthy());
        assertThat(models.isEmpty()).as("no second training").isTrue();
        assertThat(lastStatus().lastScore()).isNotNull();
    }

    @Test
    void aSpikeRaisesOneAlertRepeatsUpdateItAndNormalReadingsClearIt() {
        train(m1);
        for (int i = 0; i < RAISE - 1; i++) {
            send(m1.spike());
        }
        assertThat(alerts.isEmpty()).as("not raised before %d anomalies in a row", RAISE).isTrue();
        assertThat(lastStatus().state()).isEqualTo(MachineState.ANOMALY);

        send(m1.spike());
        final List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).hasSize(1);
        final Alert alert = raised.get(0);
        assertThat(alert.alertId()).isEqualTo(M1 + ":ANOMALY:1");
        assertThat(alert.status()).isEqualTo(AlertStatus.ACTIVE_UNACK);
        assertThat(alert.count()).isEqualTo(RAISE);
        assertThat(alert.anomalyScore()).isEqualTo(-alert.score());
        assertThat(alert.score()).isGreaterThan(alert.threshold());
        assertThat(alert.contributors()).extracting(c -> c.sensor()).contains(Sensors.TEMPERATURE);
        assertThat(alert.recommendation()).startsWith("Schedule inspection: Temperature exceeds safe threshold")
                .contains("temperature", "above normal", "check cooling");
        assertThat(alert.firstSeen()).isEqualTo(Readings.at(N + 1));
        assertThat(lastStatus().openAlertId()).isEqualTo(alert.alertId());

        send(m1.spike());
        send(m1.spike());
        final List<Alert> updates = alerts.readValuesToList();
        assertThat(updates).extracting(Alert::alertId).containsOnly(alert.alertId());
        assertThat(updates.get(updates.size() - 1).count()).isEqualTo(RAISE + 2);
        assertThat(updates.get(updates.size() - 1).lastSeen()).isEqualTo(Readings.at(m1.seq()));

        for (int i = 0; i < K - 1; i++) {
            send(m1.center());
        }
        assertThat(alerts.isEmpty()).as("still open before %d normal readings", K).isTrue();
        send(m1.center());
        final Alert cleared = alerts.readValue();
        assertThat(cleared.alertId()).isEqualTo(alert.alertId());
        assertThat(cleared.status()).isEqualTo(AlertStatus.CLEARED);
        assertThat(cleared.clearedAt()).isEqualTo(Readings.at(m1.seq()));
        assertThat(cleared.clearedBy()).isNull();
        assertThat(lastStatus().openAlertId()).isNull();

        for (int i = 0; i < RAISE; i++) {
            send(m1.spike());
        }
        assertThat(alerts.readValue().alertId()).as("a new episode, a new alert").isEqualTo(M1 + ":ANOMALY:2");
    }

    @Test
    void anAckCommandAcknowledgesTheAlertAndAClearCommandClosesIt() {
        train(m1);
        for (int i = 0; i < RAISE; i++) {
            send(m1.spike());
        }
        final Alert alert = alerts.readValue();
        final Instant at = Readings.at(1000);

        alertCommands.pipeInput(M1, new AlertCommand(alert.alertId(), M1, AlertCommand.Action.ACK, "maria", at));
        final Alert acked = alerts.readValue();
        assertThat(acked.status()).isEqualTo(AlertStatus.ACTIVE_ACK);
        assertThat(acked.acknowledgedBy()).isEqualTo("maria");
        assertThat(acked.acknowledgedAt()).isEqualTo(at);

        alertCommands.pipeInput(M1, new AlertCommand(alert.alertId(), M1, AlertCommand.Action.ACK, "joe", at));
        assertThat(alerts.isEmpty()).as("a second ack changes nothing").isTrue();

        send(m1.spike());
        assertThat(alerts.readValue().status()).as("a repeat keeps the ack").isEqualTo(AlertStatus.ACTIVE_ACK);

        alertCommands.pipeInput(M1, new AlertCommand(alert.alertId(), M1, AlertCommand.Action.CLEAR, "maria", at));
        final Alert cleared = alerts.readValue();
        assertThat(cleared.status()).isEqualTo(AlertStatus.CLEARED);
        assertThat(cleared.clearedBy()).isEqualTo("maria");
        assertThat(lastStatus().openAlertId()).isNull();

        alertCommands.pipeInput(M1, new AlertCommand(alert.alertId(), M1, AlertCommand.Action.ACK, "joe", at));
        assertThat(alerts.isEmpty()).as("a cleared alert stays cleared").isTrue();
    }

    @Test
    void badInputLandsInTheDeadLetterTopicWithItsReason() {
        telemetry.pipeInput(M1, "{\"machine_id\":".getBytes(StandardCharsets.UTF_8));
        telemetry.pipeInput(M1, ("{\"machine_id\":\"" + M1 + "\",\"timestamp\":\"2025-11-21T08:00:00Z\","
                + "\"temperature\":NaN,\"vibration\":2,\"current\":10,\"pressure\":6,\"rpm\":1500}")
                .getBytes(StandardCharsets.UTF_8));
        telemetry.pipeInput("MACHINE_002", Readings.json(m1.healthy()));
        telemetry.pipeInput(M1, ("{\"machine_id\":\"" + M1 + "\",\"timestamp\":\"2025-11-21T08:00:00Z\","
                + "\"temperature\":65}").getBytes(StandardCharsets.UTF_8));

        final List<TestRecord<String, byte[]>> rejected = dlq.readRecordsToList();
        assertThat(rejected).extracting(r -> header(r, DeadLetterHeaders.REASON))
                .containsExactly("MALFORMED_JSON", "NON_FINITE", "KEY_MISMATCH", "MISSING_FIELD");
        assertThat(header(rejected.get(3), DeadLetterHeaders.DETAIL)).contains("vibration");
        assertThat(header(rejected.get(0), DeadLetterHeaders.REJECTED_BY)).isEqualTo("streams-detector");
        assertThat(header(rejected.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(KafkaTopics.TELEMETRY);
        assertThat(new String(rejected.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"machine_id\":");
        driver.advanceWallClockTime(DetectorTopology.DEFAULT_STATUS_INTERVAL);
        assertThat(status.isEmpty()).as("a rejected reading counts nowhere").isTrue();
    }

    @Test
    void duplicateAndStaleSequenceNumbersNeverCountTwice() {
        final TelemetryReading first = m1.healthy();
        final TelemetryReading second = m1.healthy();
        send(first);
        send(second);
        send(second);
        send(first);

        final MachineStatus s = lastStatus();
        assertThat(s.readings()).isEqualTo(2);
        assertThat(s.duplicates()).isEqualTo(2);
        assertThat(s.trainingSamples()).isEqualTo(2);
    }

    @Test
    void keepsRecentScoredReadingsForQueries() {
        train(m1);
        send(m1.spike());
        final WindowStore<String, ScoredReading> store = driver.getWindowStore(DetectorTopology.READINGS_STORE);
        final List<ScoredReading> recent = new java.util.ArrayList<>();
        try (var it = store.fetch(M1, Readings.T0, Readings.at(m1.seq() + 1))) {
            it.forEachRemaining(kv -> recent.add(kv.value));
        }
        assertThat(recent).hasSize(N + 1);
        assertThat(recent.get(0).score()).isNull();
        assertThat(recent.get(N).anomaly()).isTrue();
        assertThat(recent.get(N).modelVersion()).isEqualTo(1);
    }

    @Test
    void aRetrainRequestTrainsTheNextVersionOnTheNextNReadingsWhileTheOldOneScores() {
        train(m1);
        models.readValuesToList();
        machineCommands.pipeInput(M1, new MachineCommand(M1, MachineCommand.Action.RETRAIN, "maria", Readings.at(99)));
        assertThat(lastStatus().trainingSamples()).isZero();

        for (int i = 0; i < N - 1; i++) {
            send(m1.healthy());
        }
        assertThat(models.isEmpty()).isTrue();
        final MachineStatus retraining = lastStatus();
        assertThat(retraining.lastScore()).as("the old model still scores").isNotNull();
        assertThat(retraining.modelVersion()).isEqualTo(1);
        assertThat(retraining.trainingSamples()).isEqualTo(N - 1);
        send(m1.healthy());

        final ModelDescriptor v2 = models.readValue();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.reason()).isEqualTo(ModelDescriptor.Reason.REQUEST);
        assertThat(lastStatus().modelVersion()).isEqualTo(2);
        final KeyValueStore<String, byte[]> stored = driver.getKeyValueStore(DetectorTopology.MODEL_STORE);
        assertThat(stored.get(StoredModels.key(M1, 1))).as("versions are kept").isNotNull();
        assertThat(stored.get(StoredModels.key(M1, 2))).isNotNull();
    }

    @Test
    void machinesLearnTheirOwnNormal() {
        final Readings m2 = new Readings("MACHINE_002", 11);
        for (int i = 0; i < N + 20; i++) {
            send(m1.healthy());
            send(m2.next(hotter(m2.healthy(), 30)));
        }
        assertThat(models.readValuesToList()).extracting(ModelDescriptor::machineId).containsExactly(M1, "MACHINE_002");
        assertThat(alerts.isEmpty()).as("30 °C hotter is normal for the second machine").isTrue();

        for (int i = 0; i < 3 * RAISE; i++) {
            send(m1.next(hotter(m1.healthy(), 30)));
        }
        assertThat(alerts.readValuesToList()).extracting(Alert::machineId).as("and an anomaly for the first")
                .isNotEmpty().containsOnly(M1);
    }

    private static java.util.Map<String, Double> hotter(final TelemetryReading r, final double degrees) {
        final java.util.Map<String, Double> v = new java.util.LinkedHashMap<>(r.values());
        v.put(Sensors.TEMPERATURE, v.get(Sensors.TEMPERATURE) + degrees);
        return v;
    }

    @Test
    void publishesEachMachinesLatestStatusOncePerIntervalNotPerReading() {
        final Readings m2 = new Readings("MACHINE_002", 11);
        for (int i = 0; i < 5; i++) {
            send(m1.healthy());
            send(m2.healthy());
        }
        send(m1.healthy());
        assertThat(status.isEmpty()).as("nothing before the interval has passed").isTrue();

        driver.advanceWallClockTime(DetectorTopology.DEFAULT_STATUS_INTERVAL);

        final List<TestRecord<String, MachineStatus>> published = status.readRecordsToList();
        assertThat(published).extracting(TestRecord::key).containsExactly(M1, "MACHINE_002");
        assertThat(published.get(0).value().readings()).as("the latest of M1").isEqualTo(6);
        assertThat(published.get(1).value().readings()).isEqualTo(5);
        driver.advanceWallClockTime(DetectorTopology.DEFAULT_STATUS_INTERVAL);
        assertThat(status.isEmpty()).as("nothing changed, nothing published").isTrue();
    }

    @Test
    void aZeroStatusIntervalPublishesTheStatusOfEveryReading() {
        driver.close();
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "detector-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(new DetectorTopology(DetectorSettings.defaults(),
                dev.pdm.iiot.events.validation.ReadingParser.withDefaults(), DetectorMetrics.NONE, Duration.ZERO).build(),
                props, Readings.T0);
        telemetry = driver.createInputTopic(KafkaTopics.TELEMETRY, new StringSerializer(), new ByteArraySerializer());
        status = driver.createOutputTopic(KafkaTopics.STATUS, new StringDeserializer(), EventSerdes.machineStatus());

        send(m1.healthy());
        send(m1.healthy());

        assertThat(status.readValuesToList()).extracting(MachineStatus::readings).containsExactly(1L, 2L);
    }

    @Test
    void aStartingTaskPublishesTheStatusOfEveryMachineItHolds(@TempDir final Path snapshot) throws IOException {
        send(m1.healthy());
        send(m1.healthy());
        // a stop before the interval passed: the statuses of these readings were never published
        StateDirectories.copy(stateDir, snapshot);
        driver.close();
        StateDirectories.copy(snapshot, stateDir);
        driver = newDriver();

        driver.advanceWallClockTime(DetectorTopology.DEFAULT_STATUS_INTERVAL);

        final List<MachineStatus> published = status.readValuesToList();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).readings()).isEqualTo(2);
        assertThat(published.get(0).lastReading()).isNotNull();
    }

    @Test
    void aNewDriverOnTheSameStateDirectoryKeepsTheModelWithoutRetraining(@TempDir final Path snapshot)
            throws IOException {
        train(m1);
        assertThat(models.readValuesToList()).hasSize(1);
        // The driver flushes its stores after every record; it wipes its state directory when closed,
        // so keep a copy of what a stopped instance leaves on disk and put it back.
        StateDirectories.copy(stateDir, snapshot);
        driver.close();
        StateDirectories.copy(snapshot, stateDir);

        driver = newDriver();
        send(m1.healthy());

        assertThat(models.isEmpty()).as("no retraining").isTrue();
        final MachineStatus s = lastStatus();
        assertThat(s.modelVersion()).isEqualTo(1);
        assertThat(s.lastScore()).isNotNull();
        assertThat(s.readings()).isEqualTo(N + 1);
    }

    @Test
    void aNewDriverOnTheSameStateDirectoryContinuesTheTrainingSample(@TempDir final Path snapshot) throws IOException {
        final List<TelemetryReading> sent = new ArrayList<>();
        for (int i = 0; i < N + 15; i++) {
            sent.add(m1.healthy());
            send(sent.get(i));
        }
        StateDirectories.copy(stateDir, snapshot);
        driver.close();
        StateDirectories.copy(snapshot, stateDir);

        driver = newDriver();
        for (int i = N + 15; i < N + 300; i++) {
            sent.add(m1.healthy());
            send(sent.get(i));
        }

        final List<TrainedModel> expected = new ArrayList<>();
        final List<double[]> sample = replay(sent, expected);
        assertThat(models.readValuesToList()).as("the refreshes an uninterrupted run trains, after the restart")
                .extracting(ModelDescriptor::version, ModelDescriptor::reason, ModelDescriptor::samples)
                .containsExactlyElementsOf(expected.stream().skip(1)
                        .map(t -> org.assertj.core.groups.Tuple.tuple(t.version(), t.reason(), t.samples())).toList());
        assertThat(expected).as("the first model and at least two refreshes").hasSizeGreaterThanOrEqualTo(3);
        assertThat(storedRows(M1)).as("the sample in the store is the one an uninterrupted run keeps")
                .hasSize(256).containsExactlyElementsOf(sample);
    }

    @Test
    void machinesWhoseIdsArePrefixesOfEachOtherKeepTheirOwnTrainingSets() {
        final Readings pump1 = new Readings("PUMP_1", 31);
        final Readings pump10 = new Readings("PUMP_10", 32);
        final List<TelemetryReading> sent1 = new ArrayList<>();
        final List<TelemetryReading> sent10 = new ArrayList<>();
        for (int i = 0; i < N + 300; i++) {
            sent1.add(pump1.healthy());
            sent10.add(pump10.next(hotter(pump10.healthy(), 10)));
            send(sent1.get(i));
            send(sent10.get(i));
        }
        final List<double[]> sample1 = replay(sent1, new ArrayList<>());
        final List<double[]> sample10 = replay(sent10, new ArrayList<>());
        assertThat(storedRows("PUMP_1")).hasSize(256).containsExactlyElementsOf(sample1);
        assertThat(storedRows("PUMP_10")).hasSize(256).containsExactlyElementsOf(sample10);
        assertThat(storedEntries()).as("one entry per row, nothing else").isEqualTo(2 * 256);

        machineCommands.pipeInput("PUMP_1", new MachineCommand("PUMP_1", MachineCommand.Action.RETRAIN, "maria",
                Readings.at(999)));
        assertThat(storedRows("PUMP_1")).as("a retrain drops the machine's sample").isEmpty();
        assertThat(storedRows("PUMP_10")).as("and no other machine's").containsExactlyElementsOf(sample10);
        send(pump1.healthy());
        assertThat(storedRows("PUMP_1")).hasSize(1);
        assertThat(storedRows("PUMP_10")).containsExactlyElementsOf(sample10);
    }

    private List<double[]> storedRows(final String machineId) {
        final KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(DetectorTopology.TRAINING_STORE);
        return new TrainingRows(store).rows(machineId, Integer.MAX_VALUE);
    }

    private long storedEntries() {
        final KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(DetectorTopology.TRAINING_STORE);
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            long n = 0;
            while (all.hasNext()) {
                all.next();
                n++;
            }
            return n;
        }
    }

    /** One machine's readings through {@link MachineDetector} with its state in memory; its sample at the end. */
    private static List<double[]> replay(final List<TelemetryReading> sent, final List<TrainedModel> trained) {
        final MachineDetector detector = new MachineDetector(DetectorSettings.defaults());
        final MachineContext ctx = MachineContext.initial(sent.get(0).machineId());
        final TrainingRows rows = TrainingRows.inMemory();
        TrainedModel model = null;
        Alert open = null;
        for (final TelemetryReading r : sent) {
            final MachineDetector.Step step = detector.onReading(ctx, rows, model, open, r, r.timestamp(), id -> null);
            if (step.trained() != null) {
                model = step.trained();
                trained.add(model);
            }
            if (step.alert() != null) {
                open = step.alert().status().isOpen() ? step.alert() : null;
            }
        }
        assertThat(ctx.forest().alertSeq).as("healthy readings, all of them clean").isZero();
        return rows.rows(ctx.machineId, detector.sampleSize(ctx));
    }


    private static String header(final TestRecord<String, byte[]> record, final String name) {
        final Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

}
