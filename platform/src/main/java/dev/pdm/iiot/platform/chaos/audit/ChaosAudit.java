package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.connect.config.MqttSinkConfig.PayloadFormat;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.MqttTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Audits a chaos run from Kafka itself: started before the first reading, it tails
 * {@code machine-telemetry}, the detector's readings changelog, {@code machine-alerts} and
 * {@code machine-models} from their beginnings and receives the MQTT alert topic on every node
 * while the run goes; {@link #finish} waits until each has read everything committed, then checks,
 * waiting up to its patience for the detector to score what is left, for the alerts to arrive on
 * MQTT and for the dashboard to agree with the detector. Give it the readings devices got a PUBACK
 * for as they come ({@link AcknowledgedReadings#add(String, byte[])}).
 */
public final class ChaosAudit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosAudit.class);

    /** The changelog Kafka Streams keeps of the detector's recent-readings store. */
    public static final String READINGS_CHANGELOG = "streams-detector-readings-store-changelog";
    /** How long a broker keeps an alert subscriber's session, and the alerts for it, while it is away. */
    public static final Duration SESSION_EXPIRY = Duration.ofHours(1);
    /** How long {@link #start} tries to connect to each MQTT node. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(2);
    /** The MQTT client ids of the alert subscribers: this, a dash and the node's index. */
    public static final String CLIENT_ID_PREFIX = "chaos-audit";

    /**
     * Where everything is.
     *
     * @param kafkaClient  Kafka client settings: {@code bootstrap.servers}, and security settings if any
     * @param mqttNodes    every MQTT node's URI ({@code tcp://host:port}); each gets a subscriber of the alert topic
     * @param mqttUsername an MQTT account that may subscribe to {@code factory/alerts/#}
     * @param dashboard    the dashboard's base URL
     * @param detector     a detector instance's base URL (it answers for all instances)
     * @param httpUsername a viewer of the web apps
     */
    public record Settings(Map<String, Object> kafkaClient, List<String> mqttNodes, String mqttUsername,
                           String mqttPassword, String dashboard, String detector, String httpUsername,
                           String httpPassword) {

        /** Settings for a cluster without Kafka security. */
        public static Settings of(final String bootstrapServers, final List<String> mqttNodes,
                                  final String mqttUsername, final String mqttPassword, final String dashboard,
                                  final String detector, final String httpUsername, final String httpPassword) {
            return new Settings(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), mqttNodes,
                    mqttUsername, mqttPassword, dashboard, detector, httpUsername, httpPassword);
        }

        @Override
        public String toString() {
            return "Settings[" + kafkaClient.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + ", mqtt " + mqttNodes
                    + ", dashboard " + dashboard + ", detector " + detector + "]";
        }
    }

    private final Settings settings;
    private final AcknowledgedReadings acknowledged;
    private final TelemetryAudit telemetry = new TelemetryAudit();
    /** Readings the detector refused with a reason (a missing sensor, say): in Kafka, not to be scored. */
    private final TelemetryAudit rejected = new TelemetryAudit();
    private final ScoringAudit scoring = new ScoringAudit(new StoredScoredReadings(), Clock.systemUTC());
    private final AlertAudit alerts = new AlertAudit();
    private final ModelAudit models = new ModelAudit();
    private final MqttAlertAudit mqtt;
    private final MqttAlertCapture capture;
    private final SnapshotCheck snapshot;
    private final TopicTail telemetryTail;
    private final TopicTail rejectedTail;
    private final TopicTail changelogTail;
    private final TopicTail alertTail;
    private final TopicTail modelTail;

    public ChaosAudit(final Settings settings, final AcknowledgedReadings acknowledged) {
        this.settings = settings;
        this.acknowledged = acknowledged;
        final PayloadFormat format = AlertIdentity.sinkFormat();
        this.mqtt = new MqttAlertAudit(format);
        try {
            this.capture = new MqttAlertCapture(settings.mqttNodes(), settings.mqttUsername(),
                    settings.mqttPassword(), CLIENT_ID_PREFIX, MqttTopics.ALERTS, format, SESSION_EXPIRY);
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create the MQTT alert subscribers: " + e.getMessage(), e);
        }
        this.snapshot = new SnapshotCheck(URI.create(settings.dashboard()), URI.create(settings.detector()),
                settings.httpUsername(), settings.httpPassword());
        final Map<String, Object> client = settings.kafkaClient();
        this.telemetryTail = new TopicTail(client, KafkaTopics.TELEMETRY, telemetry::onRecord);
        this.rejectedTail = new TopicTail(client, KafkaTopics.TELEMETRY_DLQ, rejected::onRecord);
        this.changelogTail = new TopicTail(client, READINGS_CHANGELOG, scoring::onRecord);
        this.alertTail = new TopicTail(client, KafkaTopics.ALERTS, record -> {
            alerts.onRecord(record);
            mqtt.onRecord(record);
        });
        this.modelTail = new TopicTail(client, KafkaTopics.MODELS, models::onRecord);
    }

    /** An audit of the cluster of {@code settings}, started: before the run's first reading. */
    public static ChaosAudit start(final Settings settings, final AcknowledgedReadings acknowledged) {
        return new ChaosAudit(settings, acknowledged).start();
    }

    /** Every topic the audit reads. */
    private List<TopicTail> tails() {
        return List.of(telemetryTail, rejectedTail, changelogTail, alertTail, modelTail);
    }

    /** Starts the tails and connects the MQTT subscribers. */
    public ChaosAudit start() {
        tails().forEach(TopicTail::start);
        try {
            capture.start(CONNECT_TIMEOUT);
        } catch (MqttException e) {
            throw new IllegalStateException("cannot subscribe to the alerts on " + settings.mqttNodes() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to MQTT", e);
        }
        LOG.info("auditing the run: {}", settings);
        return this;
    }

    /** The readings devices got a PUBACK for, to hand every acknowledgement to. */
    public AcknowledgedReadings acknowledged() {
        return acknowledged;
    }

    /** The live scoring figures, for recovery times while the run goes. */
    public ScoringAudit scoring() {
        return scoring;
    }

    /** The partitions of the readings changelog (= of {@code machine-telemetry}) that accepted readings so far. */
    public Set<Integer> partitionsScoring() {
        return scoring.partitions();
    }

    /** Whether {@code partition} accepted a reading taken after {@code since}. */
    public boolean scoredAfter(final int partition, final Instant since) {
        return scoring.scoredAfter(partition, since);
    }

    /**
     * Once the run has stopped publishing and the detectors have caught up: reads everything
     * committed, waits up to {@code patience} for each of the stragglers (readings to score, the
     * dashboard to agree, alerts to arrive on MQTT) and returns the figures. Alerts that a watch
     * raises on the wall clock after the plant stopped (machines falling silent) are audited too, as
     * far as they are on Kafka before the last look.
     *
     * @throws IllegalStateException when a tail fails or does not catch up within {@code patience}
     */
    public Result finish(final Duration patience) {
        try {
            for (final TopicTail tail : tails()) {
                tail.awaitCaughtUp(patience);
            }
            // a reading the detector sent to the dead-letter topic with its reason is accounted for
            final ReadingSet present = telemetry.present().without(rejected.present());
            if (!Patience.until(patience, () -> {
                changelogTail.awaitCaughtUp(patience);
                return scoring.summary(present).unscored() == 0;
            })) {
                LOG.warn("readings still unscored after {}", patience);
            }
            final List<List<String>> differences = new ArrayList<>(List.of(List.of()));
            Patience.until(patience, () -> {
                differences.set(0, snapshot.differences());
                return differences.get(0).isEmpty();
            });
            // last, so that alerts a watch raised meanwhile (SILENT, on the wall clock) are waited for too
            alertTail.awaitCaughtUp(patience);
            if (!Patience.until(patience, () -> mqtt.compare(capture.seenByNode()).missingSomewhere() == 0)) {
                LOG.warn("alert states still missing on MQTT after {}", patience);
            }
            final Result result = new Result(acknowledged.count(), acknowledged.withoutSeq(), rejected.present().size(),
                    telemetry.summary(acknowledged.snapshot()), scoring.summary(present), alerts.summary(),
                    models.summary(), mqtt.compare(capture.seenByNode()), differences.get(0));
            LOG.info("chaos audit {}:\n{}{}", result.passed() ? "passed" : "FAILED", result.toMarkdown(),
                    result.findingsMarkdown());
            return result;
        } catch (TimeoutException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the audit was interrupted", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the audit failed: " + e, e);
        }
    }

    /** Disconnects from MQTT and stops the tails; a tail's failure is logged, not thrown. */
    @Override
    public void close() {
        capture.close();
        for (final TopicTail tail : tails()) {
            try {
                tail.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("{}", e.getMessage());
            }
        }
    }

    /**
     * Every figure of a chaos run's audit, from Kafka itself: what devices got a PUBACK for against
     * {@code machine-telemetry}, what the detector scored, its alerts and models, the alerts on MQTT,
     * and the dashboard against the detector. {@link #passed()} when nothing acknowledged was lost,
     * every reading was scored exactly once, no alert was raised twice, no model was lost, every alert
     * state reached every MQTT node and the dashboard agrees with the detector.
     *
     * @param readingsAcknowledged distinct readings devices got a PUBACK for
     * @param acknowledgedWithoutSeq acknowledged readings without machine or {@code seq}: not auditable
     * @param readingsRejected     distinct readings the detector sent to the dead-letter topic with a
     *                             reason (e.g. a missing sensor): in Kafka, never to be scored
     * @param snapshotDifferences  the dashboard against the detector, after the last look
     */
    public record Result(long readingsAcknowledged, long acknowledgedWithoutSeq, long readingsRejected,
                         TelemetryAudit.Summary telemetry,
                              ScoringAudit.Summary scoring, AlertAudit.Summary alerts, ModelAudit.Summary models,
                              MqttAlertAudit.Summary mqtt, List<String> snapshotDifferences) {

        public Result {
            snapshotDifferences = List.copyOf(snapshotDifferences);
        }

        /** Distinct readings ({@code machine:seq}) in {@code machine-telemetry}, acknowledged or not. */
        public long readingsInTelemetry() {
            return telemetry.distinct();
        }

        public long readingsLost() {
            return telemetry.lost();
        }

        public long telemetryDuplicates() {
            return telemetry.duplicates();
        }

        /** Distinct readings the detector accepted (scored, or learned from). */
        public long readingsScored() {
            return scoring.distinct();
        }

        public long scoringDuplicates() {
            return scoring.duplicates();
        }

        public long readingsUnscored() {
            return scoring.unscored();
        }

        public long alertRecords() {
            return alerts.records();
        }

        /** Distinct alerts (alert ids) on {@code machine-alerts}. */
        public long alertsRaised() {
            return alerts.alerts();
        }

        public long duplicateAlerts() {
            return alerts.duplicates();
        }

        public long modelsTrained() {
            return models.records() - models.repeated();
        }

        public long modelsLost() {
            return models.lost();
        }

        public long alertRecordsMissingOnMqtt() {
            return mqtt.missingSomewhere();
        }

        public boolean passed() {
            return readingsAcknowledged > 0 && readingsLost() == 0 && scoringDuplicates() == 0
                    && readingsUnscored() == 0 && scoring.unreadable() == 0 && duplicateAlerts() == 0
                    && modelsLost() == 0 && alertRecordsMissingOnMqtt() == 0 && snapshotDifferences.isEmpty();
        }

        /** The figures as a Markdown table, one check a row. */
        public String toMarkdown() {
            return ResultMarkdown.table(this);
        }

        /** What went wrong, a few of each, as a Markdown list; empty when nothing did. */
        public String findingsMarkdown() {
            return ResultMarkdown.findings(this);
        }
    }
}
