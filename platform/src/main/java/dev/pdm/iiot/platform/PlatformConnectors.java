package dev.pdm.iiot.platform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.localstack.connect.ConnectClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's connectors, as {@code connect/kafka-connect-mqtt/config/} and
 * {@code connect/history-sink/config/} define them (the same files docker compose registers): the MQTT
 * sink of alerts and, when the Connect worker bridges the readings instead of the broker's extension,
 * the MQTT source, pointed at the given MQTT broker; and the JDBC sinks that write minute aggregates,
 * alerts and models into the history database.
 */
public final class PlatformConnectors {

    /** The alert sink's definition, packaged by the connect plugin. */
    public static final String ALERT_SINK = "mqtt-alerts-sink.json";
    /** The readings source's definition. */
    public static final String READINGS_SOURCE = "mqtt-source.json";
    /** The history sinks' definitions, packaged by connect/history-sink. */
    public static final List<String> HISTORY_SINKS = List.of("history-minutes-sink.json", "history-alerts-sink.json",
            "history-models-sink.json");
    private static final String RESOURCES = "/dev/pdm/iiot/connect/examples/";
    private static final String HISTORY_RESOURCES = "/dev/pdm/iiot/connect/history/connectors/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlatformConnectors() {
    }

    /**
     * Creates or updates the connectors the bridge needs (the alert sink; the readings source too for
     * {@link Bridge#CONNECT}, which is deleted otherwise) and waits until they and their tasks run.
     */
    public static void register(final ConnectClient connect, final String mqttUri, final MqttAccount account,
                                final Bridge bridge, final Duration timeout) {
        final List<String> files = bridge == Bridge.CONNECT ? List.of(READINGS_SOURCE, ALERT_SINK) : List.of(ALERT_SINK);
        if (bridge != Bridge.CONNECT) {
            final String source = load(READINGS_SOURCE).name();
            if (connect.connectors().contains(source)) {
                connect.delete(source);
            }
        }
        for (final String file : files) {
            final Definition definition = load(RESOURCES, file);
            registerMqtt(connect, definition.name(), definition, mqttUri, account, timeout);
        }
    }

    /**
     * Creates or updates an alert sink named {@code name} that publishes every alert to the broker
     * at {@code mqttUri}, and waits until it runs. Brokers that do not share their subscriptions
     * (HiveMQ CE nodes) need one each, so that a consumer on any of them gets every alert; each
     * reads the alerts with a consumer group of its own.
     */
    public static void registerAlertSink(final ConnectClient connect, final String name, final String mqttUri,
                                         final MqttAccount account, final Duration timeout) {
        registerMqtt(connect, name, load(RESOURCES, ALERT_SINK), mqttUri, account, timeout);
    }

    private static void registerMqtt(final ConnectClient connect, final String name, final Definition definition,
                                     final String mqttUri, final MqttAccount account, final Duration timeout) {
        final Map<String, String> config = new LinkedHashMap<>(definition.config());
        config.put("mqtt.server.uri", mqttUri);
        config.put("mqtt.username", account.username());
        config.put("mqtt.password", account.password());
        connect.createOrUpdate(name, config);
        connect.awaitRunning(name, timeout);
    }

    /**
     * Creates or updates the JDBC sink connectors of the history (Debezium's, from the worker's
     * {@code plugin.path}) pointed at the given database, and waits until they and their tasks run.
     */
    public static void registerHistory(final ConnectClient connect, final Database database, final Duration timeout) {
        for (final String file : HISTORY_SINKS) {
            final Definition definition = load(HISTORY_RESOURCES, file);
            final Map<String, String> config = new LinkedHashMap<>(definition.config());
            config.put("connection.url", database.jdbcUrl());
            config.put("connection.username", database.username());
            config.put("connection.password", database.password());
            connect.createOrUpdate(definition.name(), config);
            connect.awaitRunning(definition.name(), timeout);
        }
    }

    /** The history database as the sinks reach it. {@link #toString()} hides the password. */
    public record Database(String jdbcUrl, String username, String password) {
        @Override
        public String toString() {
            return "Database[" + jdbcUrl + ", " + username + "]";
        }
    }

    /**
     * The connectors' MQTT account (role {@code connect} of the broker's credentials file).
     * {@link #toString()} hides the password.
     */
    public record MqttAccount(String username, String password) {
        @Override
        public String toString() {
            return "MqttAccount[" + username + "]";
        }
    }

    /** A connector's name and configuration as its file gives them. */
    public record Definition(String name, Map<String, String> config) {
    }

    public static Definition load(final String file) {
        return load(RESOURCES, file);
    }

    private static Definition load(final String folder, final String file) {
        try (InputStream in = PlatformConnectors.class.getResourceAsStream(folder + file)) {
            if (in == null) {
                throw new IllegalStateException("connector definition " + file + " is not on the classpath");
            }
            final Map<String, Object> root = JSON.readValue(in, new TypeReference<>() { });
            @SuppressWarnings("unchecked") final Map<String, String> config = (Map<String, String>) root.get("config");
            return new Definition((String) root.get("name"), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read connector definition " + file, e);
        }
    }
}
