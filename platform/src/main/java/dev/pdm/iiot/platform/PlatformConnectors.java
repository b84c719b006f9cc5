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
 * The platform's two connectors, as {@code connect/config/} defines them (the same files docker
 * compose registers): the MQTT source of readings and the MQTT sink of alerts, pointed at the given
 * MQTT broker.
 */
public final class PlatformConnectors {

    /** The connector definitions, packaged by the connect module. */
    public static final List<String> DEFINITIONS = List.of("mqtt-source.json", "mqtt-alerts-sink.json");
    private static final String RESOURCES = "/dev/pdm/iiot/connect/examples/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlatformConnectors() {
    }

    /** Creates or updates both connectors and waits until they and their tasks run. */
    public static void register(final ConnectClient connect, final String mqttUri, final Duration timeout) {
        for (final String file : DEFINITIONS) {
            final Definition definition = load(file);
            final Map<String, String> config = new LinkedHashMap<>(definition.config());
            config.put("mqtt.server.uri", mqttUri);
            connect.createOrUpdate(definition.name(), config);
            connect.awaitRunning(definition.name(), timeout);
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
