package dev.pdm.iiot.hivemq.bridge.config;

import dev.pdm.iiot.bridge.BridgeSettings;
import dev.pdm.iiot.bridge.KeySource;
import dev.pdm.iiot.bridge.RecordSize;
import dev.pdm.iiot.bridge.TopicFilters;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.MqttTopics;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The extension's settings: a properties file in the extension's folder ({@code conf/config.properties}),
 * each key overridable by an environment variable ({@code PDM_BRIDGE_} and the key in capitals with
 * {@code _} for {@code .} and {@code -}: {@code PDM_BRIDGE_KAFKA_BOOTSTRAP_SERVERS}). Every setting has a
 * default; a bad value stops the extension with a sentence naming the key.
 *
 * @param bootstrapServers    the Kafka cluster
 * @param bridge              how a message becomes a record (topics, key, validation, limits)
 * @param topicFilters        the MQTT topics whose messages are readings; others pass untouched
 * @param deliverToSubscribers whether readings also go to MQTT subscribers once Kafka has them
 * @param ackTimeout          how long a device's PUBACK may wait for Kafka before it is refused
 * @param unavailableRetry    while Kafka is unreachable, how often one reading is let through to find out
 *                            whether it is back (the others are refused at once)
 * @param producer            Kafka producer settings beyond the bridge's own ({@code producer.*} keys)
 */
public record BridgeConfig(String bootstrapServers, BridgeSettings bridge, List<String> topicFilters,
                           boolean deliverToSubscribers, Duration ackTimeout, Duration unavailableRetry,
                           Map<String, String> producer) {

    public static final String FILE = "conf/config.properties";
    public static final String ENV_PREFIX = "PDM_BRIDGE_";
    /** The value of {@code dlq.rejected.by} on this extension's dead letters. */
    public static final String REJECTED_BY = "hivemq-kafka-bridge";

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String TOPIC = "kafka.topic";
    public static final String DLQ_TOPIC = "kafka.dlq.topic";
    public static final String KEY_SOURCE = "kafka.key.source";
    public static final String KEY_TOPIC_SEGMENT = "kafka.key.topic.segment";
    public static final String KEY_JSON_FIELD = "kafka.key.json.field";
    public static final String TOPIC_FILTERS = "mqtt.topic.filters";
    public static final String DELIVER_TO_SUBSCRIBERS = "mqtt.deliver.to.subscribers";
    public static final String VALIDATION = "validation.enabled";
    public static final String PAYLOAD_MAX_BYTES = "payload.max.bytes";
    public static final String DLQ_EXCERPT_BYTES = "dlq.excerpt.bytes";
    public static final String ACK_TIMEOUT_MS = "ack.timeout.ms";
    public static final String UNAVAILABLE_RETRY_MS = "kafka.unavailable.retry.ms";
    public static final String PRODUCER_PREFIX = "producer.";

    /** Every key this extension reads, besides {@code producer.*}. */
    public static final Set<String> KEYS = Set.of(BOOTSTRAP_SERVERS, TOPIC, DLQ_TOPIC, KEY_SOURCE, KEY_TOPIC_SEGMENT,
            KEY_JSON_FIELD, TOPIC_FILTERS, DELIVER_TO_SUBSCRIBERS, VALIDATION, PAYLOAD_MAX_BYTES, DLQ_EXCERPT_BYTES,
            ACK_TIMEOUT_MS, UNAVAILABLE_RETRY_MS);

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final long DEFAULT_ACK_TIMEOUT_MS = 10_000;
    public static final long DEFAULT_UNAVAILABLE_RETRY_MS = 1_000;

    /** Producer settings the bridge's guarantee rests on: a setting of the same name is refused. */
    private static final Set<String> FIXED_PRODUCER_SETTINGS = Set.of(ProducerConfig.ACKS_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG);

    public BridgeConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(bridge, "bridge");
        topicFilters = List.copyOf(topicFilters);
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(unavailableRetry, "unavailableRetry");
        producer = Map.copyOf(producer);
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(BOOTSTRAP_SERVERS + " must name at least one Kafka broker (host:port)");
        }
        if (topicFilters.isEmpty()) {
            throw new IllegalArgumentException(TOPIC_FILTERS + " must name at least one MQTT topic filter");
        }
        for (final String filter : topicFilters) {
            final String problem = TopicFilters.problemOf(filter);
            if (problem != null) {
                throw new IllegalArgumentException(TOPIC_FILTERS + ": '" + filter + "': " + problem);
            }
        }
        if (ackTimeout.toMillis() < 100 || ackTimeout.toMillis() > 600_000) {
            throw new IllegalArgumentException(ACK_TIMEOUT_MS + " must be in 100..600000, was " + ackTimeout.toMillis());
        }
        if (!bridge.deadLettersFit()) {
            throw new IllegalArgumentException(PRODUCER_PREFIX + ProducerConfig.MAX_REQUEST_SIZE_CONFIG + "="
                    + bridge.maxRecordBytes() + " leaves no room for a dead letter of " + bridge.dlqExcerptBytes()
                    + " payload bytes (" + DLQ_EXCERPT_BYTES + ") and up to " + RecordSize.DEAD_LETTER_OVERHEAD
                    + " bytes of key and headers: lower " + DLQ_EXCERPT_BYTES + " or raise the limit");
        }
        if (unavailableRetry.toMillis() < 10 || unavailableRetry.toMillis() > 600_000) {
            throw new IllegalArgumentException(UNAVAILABLE_RETRY_MS + " must be in 10..600000, was "
                    + unavailableRetry.toMillis());
        }
        for (final String key : producer.keySet()) {
            if (FIXED_PRODUCER_SETTINGS.contains(key)) {
                throw new IllegalArgumentException(PRODUCER_PREFIX + key + " cannot be set: the bridge "
                        + (ProducerConfig.BOOTSTRAP_SERVERS_CONFIG.equals(key) ? "takes it from " + BOOTSTRAP_SERVERS
                        : "needs its own value to acknowledge only what Kafka stored"));
            }
        }
    }

    /** The platform's defaults, against the given Kafka cluster. */
    public static BridgeConfig defaults(final String bootstrapServers) {
        return new BridgeConfig(bootstrapServers, BridgeSettings.readings(REJECTED_BY),
                List.of(MqttTopics.SENSORS_FILTER), true, Duration.ofMillis(DEFAULT_ACK_TIMEOUT_MS),
                Duration.ofMillis(DEFAULT_UNAVAILABLE_RETRY_MS), Map.of());
    }

    /** The settings of an installed extension: its properties file (if any), then the environment. */
    public static BridgeConfig load(final Path extensionHome, final Map<String, String> environment) {
        final Properties properties = new Properties();
        final Path file = extensionHome.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return from(properties, environment);
    }

    /** The settings from properties, each overridden by its {@code PDM_BRIDGE_…} environment variable. */
    public static BridgeConfig from(final Properties properties, final Map<String, String> environment) {
        final Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k.trim(), properties.getProperty(k).trim()));
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                values.put(keyOf(name.substring(ENV_PREFIX.length())), value.trim());
            }
        });
        final Map<String, String> producer = new LinkedHashMap<>();
        for (final Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(PRODUCER_PREFIX)) {
                producer.put(e.getKey().substring(PRODUCER_PREFIX.length()), e.getValue());
            } else if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown setting '" + e.getKey() + "'; the settings are "
                        + KEYS.stream().sorted().toList() + " and " + PRODUCER_PREFIX + "*");
            }
        }
        final BridgeSettings bridge = new BridgeSettings(
                text(values, TOPIC, KafkaTopics.TELEMETRY),
                text(values, DLQ_TOPIC, KafkaTopics.TELEMETRY_DLQ),
                keySource(values),
                (int) number(values, KEY_TOPIC_SEGMENT, BridgeSettings.DEFAULT_KEY_TOPIC_SEGMENT, 0, 1_000),
                text(values, KEY_JSON_FIELD, BridgeSettings.DEFAULT_KEY_JSON_FIELD),
                bool(values, VALIDATION, true),
                (int) number(values, PAYLOAD_MAX_BYTES, BridgeSettings.DEFAULT_PAYLOAD_MAX_BYTES, 1,
                        BridgeSettings.MAX_PAYLOAD_BYTES),
                (int) number(values, DLQ_EXCERPT_BYTES, BridgeSettings.DEFAULT_DLQ_EXCERPT_BYTES, 0,
                        BridgeSettings.MAX_DLQ_EXCERPT_BYTES),
                (int) number(values, PRODUCER_PREFIX + ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        RecordSize.KAFKA_DEFAULT_MAX_REQUEST_SIZE, 1, Integer.MAX_VALUE),
                REJECTED_BY);
        final List<String> filters = Arrays.stream(text(values, TOPIC_FILTERS, MqttTopics.SENSORS_FILTER).split(","))
                .map(String::trim).filter(f -> !f.isEmpty()).toList();
        return new BridgeConfig(text(values, BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP_SERVERS), bridge, filters,
                bool(values, DELIVER_TO_SUBSCRIBERS, true),
                Duration.ofMillis(number(values, ACK_TIMEOUT_MS, DEFAULT_ACK_TIMEOUT_MS, 100, 600_000)),
                Duration.ofMillis(number(values, UNAVAILABLE_RETRY_MS, DEFAULT_UNAVAILABLE_RETRY_MS, 10, 600_000)),
                producer);
    }

    public BridgeConfig withBootstrapServers(final String servers) {
        return new BridgeConfig(servers, bridge, topicFilters, deliverToSubscribers, ackTimeout, unavailableRetry,
                producer);
    }

    public BridgeConfig withProducerSetting(final String name, final String value) {
        final Map<String, String> settings = new LinkedHashMap<>(producer);
        settings.put(name, value);
        return new BridgeConfig(bootstrapServers, bridge, topicFilters, deliverToSubscribers, ackTimeout,
                unavailableRetry, settings);
    }

    public BridgeConfig withDeliverToSubscribers(final boolean deliver) {
        return new BridgeConfig(bootstrapServers, bridge, topicFilters, deliver, ackTimeout, unavailableRetry,
                producer);
    }

    public BridgeConfig withAckTimeout(final Duration timeout) {
        return new BridgeConfig(bootstrapServers, bridge, topicFilters, deliverToSubscribers, timeout,
                unavailableRetry, producer);
    }

    /** Whether a topic carries readings. */
    public boolean isReadingTopic(final String topic) {
        for (final String filter : topicFilters) {
            if (TopicFilters.matches(filter, topic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The env variable's key: the known key whose capitals it is, or else its lower case with dots
     * (a producer setting, e.g. {@code PRODUCER_LINGER_MS} is {@code producer.linger.ms}).
     */
    private static String keyOf(final String variable) {
        for (final String key : KEYS) {
            if (envName(key).equals(variable)) {
                return key;
            }
        }
        return variable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The environment variable that overrides a key. */
    public static String envVariable(final String key) {
        return ENV_PREFIX + envName(key);
    }

    private static String envName(final String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String text(final Map<String, String> values, final String key, final String fallback) {
        final String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
        return value;
    }

    private static long number(final Map<String, String> values, final String key, final long fallback,
                               final long min, final long max) {
        final String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        final long number;
        try {
            number = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(key + " must be in " + min + ".." + max + ", was " + number);
        }
        return number;
    }

    private static boolean bool(final Map<String, String> values, final String key, final boolean fallback) {
        final String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
        };
    }

    private static KeySource keySource(final Map<String, String> values) {
        try {
            return KeySource.fromConfig(text(values, KEY_SOURCE, KeySource.TOPIC.configValue()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_SOURCE + ": " + e.getMessage(), e);
        }
    }
}
