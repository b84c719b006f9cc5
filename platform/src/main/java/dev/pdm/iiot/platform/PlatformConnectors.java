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
 * The platform's connectors, as {@code connect/kafka-connect-mqtt/config/} defines them (the same
 * files docker compose registers): the MQTT sink of alerts and, when the Connect worker bridges the
 * readings instead of the broker's extension, the MQTT source, pointed at the given MQTT broker.
 */
public final class PlatformConnectors {

    /** The alert sink's definition, packaged by the connect plugin. */
    public static final String ALERT_SINK = "mqtt-alerts-sink.json";
    /** The readings source's definition. */
    public static final String READINGS_SOURCE = "mqtt-source.json";
    private static final String RESOURCES = "/dev/pdm/iiot/connect/examples/";
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
            final Definition definition = load(file);
            final Map<String, String> config = new LinkedHashMap<>(definition.config());
            config.put("mqtt.server.uri", mqttUri);
            config.put("mqtt.username", account.username());
            config.put("mqtt.password", account.password());
            connect.createOrUpdate(definition.name(), config);
            connect.awaitRunning(definition.name(), timeout);
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
        try (InputStream in = PlatformConnectors.class.getResourceAsStream(RESOURCES + file)) {
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
