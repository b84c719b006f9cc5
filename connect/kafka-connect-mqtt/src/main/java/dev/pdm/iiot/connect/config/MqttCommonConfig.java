package dev.pdm.iiot.connect.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The MQTT connection settings both connectors share: broker, credentials, session, timeouts, TLS. */
public abstract class MqttCommonConfig extends AbstractConfig {

    public static final String SERVER_URI = "mqtt.server.uri";
    public static final String USERNAME = "mqtt.username";
    public static final String PASSWORD = "mqtt.password";
    public static final String CLIENT_ID_PREFIX = "mqtt.client.id.prefix";
    public static final String KEEP_ALIVE = "mqtt.keepalive.seconds";
    public static final String CONNECTION_TIMEOUT = "mqtt.connection.timeout.seconds";
    public static final String RECONNECT_BACKOFF = "mqtt.reconnect.backoff.ms";
    public static final String RECONNECT_BACKOFF_MAX = "mqtt.reconnect.backoff.max.ms";
    public static final String QOS = "mqtt.qos";
    public static final String TRUSTSTORE_LOCATION = "mqtt.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "mqtt.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "mqtt.ssl.truststore.type";
    public static final String KEYSTORE_LOCATION = "mqtt.ssl.keystore.location";
    public static final String KEYSTORE_PASSWORD = "mqtt.ssl.keystore.password";
    public static final String KEYSTORE_TYPE = "mqtt.ssl.keystore.type";
    public static final String SSL_PROTOCOL = "mqtt.ssl.protocol";
    public static final String SSL_HOSTNAME_VERIFICATION = "mqtt.ssl.hostname.verification";

    /** The name Connect passes to every connector and task; the default client-id prefix and share group. */
    public static final String CONNECTOR_NAME = "name";

    private static final String GROUP_CONNECTION = "MQTT connection";
    private static final String GROUP_TLS = "MQTT TLS";

    /** @param checked whether settings that disagree with each other fail here (not when only validating) */
    protected MqttCommonConfig(final ConfigDef definition, final Map<?, ?> originals, final boolean checked) {
        super(definition, originals);
        final Map<String, String> problems = checked ? crossFieldProblems() : Map.of();
        if (!problems.isEmpty()) {
            final Map.Entry<String, String> first = problems.entrySet().iterator().next();
            final Object value = PASSWORD.equals(first.getKey()) ? "[hidden]" : originals().get(first.getKey());
            throw new ConfigException(first.getKey(), value, first.getValue());
        }
    }

    /**
     * What is wrong with settings that are valid one by one but not together, by key; empty when
     * nothing is. Called from the constructor: overrides may read only the parsed values. The connectors also report these through {@code validate()}, as the worker's REST
     * API shows them.
     */
    public Map<String, String> crossFieldProblems() {
        final Map<String, String> problems = new LinkedHashMap<>();
        if (getLong(RECONNECT_BACKOFF) > getLong(RECONNECT_BACKOFF_MAX)) {
            problems.put(RECONNECT_BACKOFF,
                    "must not exceed " + RECONNECT_BACKOFF_MAX + " (" + getLong(RECONNECT_BACKOFF_MAX) + ")");
        }
        if (getPassword(PASSWORD) != null && getString(USERNAME) == null) {
            problems.put(PASSWORD, "a password needs " + USERNAME + " too");
        }
        return problems;
    }

    /** Adds the cross-field problems to a per-key validation result. */
    public static Config withCrossFieldProblems(final Config validated, final Supplier<MqttCommonConfig> parse) {
        final boolean keysValid = validated.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (!keysValid) {
            return validated;
        }
        final Map<String, String> problems;
        try {
            problems = parse.get().crossFieldProblems();
        } catch (ConfigException e) {
            return validated; // a key the per-key validation let through; start() will say
        }
        for (final ConfigValue value : validated.configValues()) {
            final String problem = problems.get(value.name());
            if (problem != null) {
                value.addErrorMessage(problem);
            }
        }
        return validated;
    }

    /** Adds the shared keys; {@code defaultQos} differs: 1 for readings, 2 for alerts (the prototype's). */
    protected static ConfigDef define(final ConfigDef def, final int defaultQos) {
        int order = 0;
        return def
                .define(SERVER_URI, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Validators.serverUris(), Importance.HIGH,
                        "The MQTT broker: tcp://host:port, or ssl://host:port for TLS.",
                        GROUP_CONNECTION, ++order, Width.LONG, "Broker URI")
                .define(USERNAME, Type.STRING, null, Importance.MEDIUM,
                        "User name to authenticate with; none by default.",
                        GROUP_CONNECTION, ++order, Width.MEDIUM, "User name")
                .define(PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                        "Password to authenticate with; needs " + USERNAME + ".",
                        GROUP_CONNECTION, ++order, Width.MEDIUM, "Password")
                .define(CLIENT_ID_PREFIX, Type.STRING, "", Importance.MEDIUM,
                        "Prefix of the MQTT client ids; the connector's name when empty. Every task gets a stable id "
                                + "built from it, so that its persistent session survives restarts.",
                        GROUP_CONNECTION, ++order, Width.MEDIUM, "Client id prefix")
                .define(QOS, Type.INT, defaultQos, Range.between(0, 2), Importance.HIGH,
                        "MQTT quality of service: 0 at most once, 1 at least once, 2 exactly once.",
                        GROUP_CONNECTION, ++order, Width.SHORT, "QoS")
                .define(KEEP_ALIVE, Type.INT, 30, Range.between(0, 65_535), Importance.LOW,
                        "Keep-alive interval in seconds; 0 turns it off.",
                        GROUP_CONNECTION, ++order, Width.SHORT, "Keep-alive")
                .define(CONNECTION_TIMEOUT, Type.INT, 30, Range.between(1, 3_600), Importance.LOW,
                        "How long one connection attempt may take, in seconds.",
                        GROUP_CONNECTION, ++order, Width.SHORT, "Connection timeout")
                .define(RECONNECT_BACKOFF, Type.LONG, 500L, Range.between(10L, 3_600_000L), Importance.LOW,
                        "Wait before the first reconnection attempt after the connection is lost, in ms; "
                                + "doubles after every failed attempt.",
                        GROUP_CONNECTION, ++order, Width.SHORT, "Reconnect backoff")
                .define(RECONNECT_BACKOFF_MAX, Type.LONG, 30_000L, Range.between(10L, 3_600_000L), Importance.LOW,
                        "The longest wait between reconnection attempts, in ms.",
                        GROUP_CONNECTION, ++order, Width.SHORT, "Reconnect backoff max")
                .define(TRUSTSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM,
                        "Trust store with the broker's CA for ssl:// URIs; the JVM's default trust store when unset.",
                        GROUP_TLS, 1, Width.LONG, "Trust store")
                .define(TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                        "Password of the trust store.", GROUP_TLS, 2, Width.MEDIUM, "Trust store password")
                .define(TRUSTSTORE_TYPE, Type.STRING, "PKCS12", ConfigDef.ValidString.in("PKCS12", "JKS"),
                        Importance.LOW, "Format of the trust store.", GROUP_TLS, 3, Width.SHORT, "Trust store type")
                .define(KEYSTORE_LOCATION, Type.STRING, null, Importance.LOW,
                        "Key store with the client's certificate, for brokers that require client authentication.",
                        GROUP_TLS, 4, Width.LONG, "Key store")
                .define(KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW,
                        "Password of the key store and of its key.", GROUP_TLS, 5, Width.MEDIUM, "Key store password")
                .define(KEYSTORE_TYPE, Type.STRING, "PKCS12", ConfigDef.ValidString.in("PKCS12", "JKS"),
                        Importance.LOW, "Format of the key store.", GROUP_TLS, 6, Width.SHORT, "Key store type")
                .define(SSL_PROTOCOL, Type.STRING, "TLSv1.3", ConfigDef.ValidString.in("TLSv1.2", "TLSv1.3"),
                        Importance.LOW, "TLS protocol version.", GROUP_TLS, 7, Width.SHORT, "TLS protocol")
                .define(SSL_HOSTNAME_VERIFICATION, Type.BOOLEAN, true, Importance.LOW,
                        "Whether the broker's certificate must name the host of the URI.",
                        GROUP_TLS, 8, Width.SHORT, "Hostname verification");
    }

    public List<String> serverUris() {
        return getList(SERVER_URI).stream().map(String::trim).toList();
    }

    public String username() {
        return getString(USERNAME);
    }

    public Password password() {
        return getPassword(PASSWORD);
    }

    /** The configured prefix, or the connector's name, or {@code fallback} outside a worker. */
    public String clientIdPrefix(final String fallback) {
        final String prefix = getString(CLIENT_ID_PREFIX);
        if (prefix != null && !prefix.isBlank()) {
            return prefix.trim();
        }
        final Object name = originals().get(CONNECTOR_NAME);
        return name == null || String.valueOf(name).isBlank() ? fallback : String.valueOf(name).trim();
    }

    public int qos() {
        return getInt(QOS);
    }

    public int keepAliveSeconds() {
        return getInt(KEEP_ALIVE);
    }

    public int connectionTimeoutSeconds() {
        return getInt(CONNECTION_TIMEOUT);
    }

    public long reconnectBackoffMs() {
        return getLong(RECONNECT_BACKOFF);
    }

    public long reconnectBackoffMaxMs() {
        return getLong(RECONNECT_BACKOFF_MAX);
    }

    public TlsSettings tls() {
        return new TlsSettings(getString(TRUSTSTORE_LOCATION), getPassword(TRUSTSTORE_PASSWORD),
                getString(TRUSTSTORE_TYPE), getString(KEYSTORE_LOCATION), getPassword(KEYSTORE_PASSWORD),
                getString(KEYSTORE_TYPE), getString(SSL_PROTOCOL), getBoolean(SSL_HOSTNAME_VERIFICATION));
    }

    /** TLS settings for {@code ssl://} brokers. */
    public record TlsSettings(String truststoreLocation, Password truststorePassword, String truststoreType,
                              String keystoreLocation, Password keystorePassword, String keystoreType,
                              String protocol, boolean hostnameVerification) {
    }
}
