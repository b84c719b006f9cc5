package dev.pdm.iiot.hivemq.security.config;

import dev.pdm.iiot.hivemq.security.authz.TopicFilters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The extension's settings: a properties file in the extension's folder ({@value #FILE}), each key
 * overridable by an environment variable ({@value #ENV_PREFIX} and the key in capitals with {@code _}
 * for {@code .} and {@code -}: {@code PDM_SECURITY_CREDENTIALS_FILE}). Embedded, the application gives
 * them as this record. Every setting has a default; a bad value is refused with a sentence naming the key.
 *
 * @param credentialsFile    the accounts ({@code NAME:ROLES:HASH}); a relative path is taken from the
 *                           extension's folder
 * @param readingsTopic      a machine's readings topic, {@value #MACHINE} standing for its id, a whole level
 * @param alertsFilter       the topics alerts are published on
 * @param operatorFilter     what operators may subscribe to
 * @param anonymousReadings  whether clients without credentials may connect, to publish readings only
 * @param clientCertificates whether a client certificate the TLS listener verified authenticates its
 *                           common name's account (no password needed)
 */
public record SecurityConfig(Path credentialsFile, String readingsTopic, String alertsFilter, String operatorFilter,
                             boolean anonymousReadings, boolean clientCertificates) {

    public static final String FILE = "conf/config.properties";
    public static final String ENV_PREFIX = "PDM_SECURITY_";
    /** Where a machine's id goes in {@link #readingsTopic}. */
    public static final String MACHINE = "{machineId}";

    public static final String CREDENTIALS_FILE = "credentials.file";
    public static final String READINGS_TOPIC = "topic.readings";
    public static final String ALERTS_FILTER = "topic.alerts";
    public static final String OPERATOR_FILTER = "topic.operator";
    public static final String ANONYMOUS_READINGS = "anonymous.readings";
    public static final String CLIENT_CERTIFICATES = "client.certificates";
    /** Every key this extension reads. */
    public static final Set<String> KEYS = Set.of(CREDENTIALS_FILE, READINGS_TOPIC, ALERTS_FILTER, OPERATOR_FILTER,
            ANONYMOUS_READINGS, CLIENT_CERTIFICATES);

    public static final String DEFAULT_CREDENTIALS_FILE = "conf/credentials";
    /** The prototype's readings topic ({@code MqttTopics.SENSORS_TEMPLATE} of the platform's contract). */
    public static final String DEFAULT_READINGS_TOPIC = "factory/machines/" + MACHINE + "/sensors";
    /** Below the prototype's alerts topic {@code factory/alerts/anomaly}. */
    public static final String DEFAULT_ALERTS_FILTER = "factory/alerts/#";
    public static final String DEFAULT_OPERATOR_FILTER = "factory/#";

    public SecurityConfig {
        Objects.requireNonNull(credentialsFile, "credentialsFile");
        checkReadingsTopic(readingsTopic);
        checkFilter(ALERTS_FILTER, alertsFilter);
        checkFilter(OPERATOR_FILTER, operatorFilter);
    }

    /** The platform's topics, accounts from this file, no anonymous clients, no client certificates. */
    public static SecurityConfig defaults(final Path credentialsFile) {
        return new SecurityConfig(credentialsFile, DEFAULT_READINGS_TOPIC, DEFAULT_ALERTS_FILTER,
                DEFAULT_OPERATOR_FILTER, false, false);
    }

    public SecurityConfig withAnonymousReadings(final boolean allowed) {
        return new SecurityConfig(credentialsFile, readingsTopic, alertsFilter, operatorFilter, allowed,
                clientCertificates);
    }

    public SecurityConfig withClientCertificates(final boolean accepted) {
        return new SecurityConfig(credentialsFile, readingsTopic, alertsFilter, operatorFilter, anonymousReadings,
                accepted);
    }

    /** The settings of an installed extension: its properties file (if any), then the environment. */
    public static SecurityConfig load(final Path extensionHome, final Map<String, String> environment) {
        final Properties properties = new Properties();
        final Path file = extensionHome.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return from(properties, environment, extensionHome);
    }

    /** The settings from properties, each overridden by its {@code PDM_SECURITY_…} environment variable. */
    public static SecurityConfig from(final Properties properties, final Map<String, String> environment,
                                      final Path extensionHome) {
        final Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k.trim(), properties.getProperty(k).trim()));
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                values.put(keyOf(name), value.trim());
            }
        });
        for (final String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; the settings are "
                        + KEYS.stream().sorted().toList());
            }
        }
        return new SecurityConfig(extensionHome.resolve(text(values, CREDENTIALS_FILE, DEFAULT_CREDENTIALS_FILE)),
                text(values, READINGS_TOPIC, DEFAULT_READINGS_TOPIC), text(values, ALERTS_FILTER, DEFAULT_ALERTS_FILTER),
                text(values, OPERATOR_FILTER, DEFAULT_OPERATOR_FILTER), bool(values, ANONYMOUS_READINGS),
                bool(values, CLIENT_CERTIFICATES));
    }

    /** The environment variable that overrides a key. */
    public static String envVariable(final String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The readings topic before the machine's id. */
    public String readingsPrefix() {
        return readingsTopic.substring(0, readingsTopic.indexOf(MACHINE));
    }

    /** The readings topic after the machine's id. */
    public String readingsSuffix() {
        return readingsTopic.substring(readingsTopic.indexOf(MACHINE) + MACHINE.length());
    }

    /** The filter of every machine's readings, e.g. {@code factory/machines/+/sensors}. */
    public String readingsFilter() {
        return readingsPrefix() + '+' + readingsSuffix();
    }

    private static String keyOf(final String variable) {
        for (final String key : KEYS) {
            if (envVariable(key).equals(variable)) {
                return key;
            }
        }
        return variable;
    }

    private static void checkReadingsTopic(final String topic) {
        Objects.requireNonNull(topic, READINGS_TOPIC);
        final int at = topic.indexOf(MACHINE);
        final boolean wholeLevel = at >= 0 && (at == 0 || topic.charAt(at - 1) == '/')
                && (at + MACHINE.length() == topic.length() || topic.charAt(at + MACHINE.length()) == '/');
        if (!wholeLevel || topic.indexOf(MACHINE, at + 1) >= 0) {
            throw new IllegalArgumentException(READINGS_TOPIC + " must name " + MACHINE + " once, as a whole "
                    + "level (like " + DEFAULT_READINGS_TOPIC + "), was '" + topic + "'");
        }
        if (topic.contains("+") || topic.contains("#") || topic.startsWith("$")) {
            throw new IllegalArgumentException(READINGS_TOPIC + " must be a topic, not a filter, was '" + topic + "'");
        }
    }

    private static void checkFilter(final String key, final String filter) {
        Objects.requireNonNull(filter, key);
        final String problem = TopicFilters.problemOf(filter);
        if (problem != null) {
            throw new IllegalArgumentException(key + ": '" + filter + "': " + problem);
        }
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

    private static boolean bool(final Map<String, String> values, final String key) {
        final String value = values.get(key);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
        };
    }
}
