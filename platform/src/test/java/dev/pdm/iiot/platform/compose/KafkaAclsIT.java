package dev.pdm.iiot.platform.compose;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The ACLs of docker compose (deploy/kafka/acls.conf) on a real KRaft broker with SASL/SCRAM and
 * Kafka's StandardAuthorizer: each service principal can do its own work and nothing of another's.
 * The broker ({@link SecuredKafka}) keeps a PLAINTEXT listener for itself and this test's
 * administration; the principals use the SASL listener as in compose. SecuredKafkaServicesIT runs
 * the real services under the same ACLs.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaAclsIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static final Map<String, String> PASSWORDS = SecuredKafka.PASSWORDS;
    /** The notifier's consumer group (notifier/src/main/resources/application.properties). */
    private static final String NOTIFIER_GROUP = "iiot-pdm-notifier";

    @TempDir
    static Path dir;
    private static SecuredKafka kafka;

    @BeforeAll
    static void startBrokerWithTheComposeAcls() throws Exception {
        kafka = SecuredKafka.start(dir.resolve("kafka"));
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyTopicTheAclsNameIsOneOfThePlatformsAndEveryPrincipalHasAPassword() throws Exception {
        final Set<String> topics = KafkaTopics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
        final ComposeAcls acls = ComposeAcls.read();
        acls.lines().stream()
                .filter(l -> l.resource() == ResourceType.TOPIC && l.pattern() == PatternType.LITERAL)
                .forEach(l -> assertThat(topics).as(l.toString()).contains(l.name()));
        assertThat(acls.lines().stream().map(ComposeAcls.Line::principal).collect(Collectors.toSet()))
                .isEqualTo(PASSWORDS.keySet());
    }

    @Test
    void theBridgeWritesReadingsAndNothingElse() {
        try (KafkaProducer<String, String> bridge = producer("bridge", Map.of())) {
            await().atMost(PROPAGATION).untilAsserted(() ->
                    bridge.send(new ProducerRecord<>(KafkaTopics.TELEMETRY, "M1", "{}")).get());
            assertThatThrownBy(() -> bridge.send(new ProducerRecord<>(KafkaTopics.ALERTS, "M1", "{}")).get())
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> bridge = consumer("bridge", "bridge-reader", KafkaTopics.TELEMETRY)) {
            assertThatThrownBy(() -> pollUntilError(bridge)).isInstanceOfAny(TopicAuthorizationException.class,
                    GroupAuthorizationException.class);
        }
    }

    @Test
    void theDetectorWritesAlertsInItsOwnTransactionsOnly() throws Exception {
        try (KafkaProducer<String, String> detector = producer("detector",
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "streams-detector-0f1c-0"))) {
            await().atMost(PROPAGATION).ignoreExceptions().untilAsserted(detector::initTransactions);
            detector.beginTransaction();
            detector.send(new ProducerRecord<>(KafkaTopics.ALERTS, "M1", "{}")).get();
            detector.send(new ProducerRecord<>(KafkaTopics.STATUS, "M1", "{}")).get();
            detector.commitTransaction();
        }
        try (KafkaProducer<String, String> other = producer("detector",
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "someone-else-0"))) {
            assertThatThrownBy(other::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> detector = consumer("detector", "streams-detector", KafkaTopics.TELEMETRY)) {
            assertThat(pollOk(detector)).isNotNull();
        }
    }

    @Test
    void theDashboardReadsWhatItShowsAndWritesOnlyCommands() throws Exception {
        try (KafkaConsumer<String, String> dashboard = consumer("dashboard", "iiot-pdm-dashboard-1234",
                KafkaTopics.ALERTS)) {
            assertThat(pollOk(dashboard)).isNotNull();
        }
        try (KafkaProducer<String, String> dashboard = producer("dashboard", Map.of())) {
            await().atMost(PROPAGATION).untilAsserted(() ->
                    dashboard.send(new ProducerRecord<>(KafkaTopics.ALERT_COMMANDS, "M1", "{}")).get());
            assertThatThrownBy(() -> dashboard.send(new ProducerRecord<>(KafkaTopics.TELEMETRY, "M1", "{}")).get())
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void connectReadsAlertsForItsSinkButNotReadings() {
        try (KafkaConsumer<String, String> connect = consumer("connect", "connect-mqtt-alerts", KafkaTopics.ALERTS)) {
            assertThat(pollOk(connect)).isNotNull();
        }
        try (KafkaConsumer<String, String> connect = consumer("connect", "connect-mqtt-alerts", KafkaTopics.TELEMETRY)) {
            assertThatThrownBy(() -> pollUntilError(connect)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theNotifierReadsAlertsInItsOwnGroupAndWritesNothing() {
        try (KafkaConsumer<String, String> notifier = consumer("notifier", NOTIFIER_GROUP, KafkaTopics.ALERTS)) {
            assertThat(pollOk(notifier)).isNotNull();
        }
        try (KafkaConsumer<String, String> notifier = consumer("notifier", "iiot-pdm-dashboard-1234", KafkaTopics.ALERTS)) {
            assertThatThrownBy(() -> pollUntilError(notifier)).isInstanceOf(GroupAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> notifier = consumer("notifier", NOTIFIER_GROUP, KafkaTopics.TELEMETRY)) {
            assertThatThrownBy(() -> pollUntilError(notifier)).isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaProducer<String, String> notifier = producer("notifier", Map.of())) {
            // refused for the topic, or already for want of any topic to write (an idempotent producer's id)
            assertThatThrownBy(() -> notifier.send(new ProducerRecord<>(KafkaTopics.ALERT_COMMANDS, "M1", "{}")).get())
                    .satisfies(e -> assertThat(e.getCause()).isInstanceOfAny(TopicAuthorizationException.class,
                            ClusterAuthorizationException.class));
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        final Map<String, Object> config = client("bridge");
        config.put("sasl.jaas.config", jaas("bridge", "not-the-password"));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> intruder = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> intruder.send(new ProducerRecord<>(KafkaTopics.TELEMETRY, "M1", "{}")).get())
                    .isInstanceOfAny(ExecutionException.class, SaslAuthenticationException.class)
                    .satisfies(e -> assertThat(e instanceof SaslAuthenticationException
                            || e.getCause() instanceof SaslAuthenticationException).isTrue());
        }
    }

    private static ConsumerRecords<String, String> pollOk(final KafkaConsumer<String, String> consumer) {
        final ConsumerRecords<String, String>[] last = new ConsumerRecords[1];
        await().atMost(PROPAGATION).ignoreExceptions().until(() -> {
            last[0] = consumer.poll(Duration.ofMillis(500));
            return consumer.assignment().size() > 0;
        });
        return last[0];
    }

    private static void pollUntilError(final KafkaConsumer<String, String> consumer) {
        final long deadline = System.nanoTime() + PROPAGATION.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500));
        }
    }

    private static KafkaProducer<String, String> producer(final String principal, final Map<String, Object> extra) {
        final Map<String, Object> config = client(principal);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(final String principal, final String group, final String topic) {
        final Map<String, Object> config = client(principal);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        final KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static Map<String, Object> client(final String principal) {
        return kafka.client(principal);
    }

    private static String jaas(final String user, final String password) {
        return SecuredKafka.jaas(user, password);
    }
}
