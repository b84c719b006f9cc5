package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import picocli.CommandLine.Option;

import java.time.Duration;

/** How to reach the broker; shared by every publishing command. */
final class MqttOptions {

    @Option(names = "--mqtt-uri", paramLabel = "URI", defaultValue = "${env:SIM_MQTT_URI:-" + MqttSettings.DEFAULT_URI + "}",
            description = "MQTT broker (tcp:// or ssl://). Env SIM_MQTT_URI. Default: ${DEFAULT-VALUE}.")
    String uri;

    @Option(names = "--dry-run", defaultValue = "false",
            description = "Do not connect to MQTT; only generate (and write --readings-out / --labels-out).")
    boolean dryRun;

    @Option(names = "--client-id-prefix", paramLabel = "PREFIX", defaultValue = "${env:SIM_CLIENT_ID_PREFIX}",
            description = "Client ids are PREFIX-1, PREFIX-2, ... Env SIM_CLIENT_ID_PREFIX. Default: iiot-sim-<pid>.")
    String clientIdPrefix;

    @Option(names = "--max-inflight", paramLabel = "N", defaultValue = "${env:SIM_MAX_INFLIGHT:-1000}",
            description = "Unacknowledged QoS 1 messages per client at most (also capped by the broker's receive maximum). "
                    + "Env SIM_MAX_INFLIGHT. Default: ${DEFAULT-VALUE}.")
    int maxInflight;

    @Option(names = "--buffer-size", paramLabel = "N", defaultValue = "${env:SIM_BUFFER_SIZE:-100000}",
            description = "Readings each client buffers while the broker is unreachable, and again while it refuses them "
                    + "(to publish them again); beyond that new ones fail and are counted. "
                    + "Env SIM_BUFFER_SIZE. Default: ${DEFAULT-VALUE}.")
    int bufferSize;

    @Option(names = "--session-expiry", paramLabel = "DURATION", defaultValue = "1h", converter = Converters.DurationConverter.class,
            description = "How long the broker keeps the clients' sessions after a disconnect. Default: ${DEFAULT-VALUE}.")
    Duration sessionExpiry;

    @Option(names = "--keep-alive", paramLabel = "DURATION", defaultValue = "30s", converter = Converters.DurationConverter.class,
            description = "MQTT keep-alive. Default: ${DEFAULT-VALUE}.")
    Duration keepAlive;

    @Option(names = "--username", paramLabel = "NAME", defaultValue = "${env:SIM_MQTT_USERNAME}",
            description = "MQTT user name. Env SIM_MQTT_USERNAME. Default: none.")
    String username;

    @Option(names = "--password", paramLabel = "SECRET", defaultValue = "${env:SIM_MQTT_PASSWORD}",
            description = "MQTT password; prefer the environment variable SIM_MQTT_PASSWORD. Default: none.")
    String password;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = Converters.DurationConverter.class,
            description = "How long to wait for the broker at start-up. Default: ${DEFAULT-VALUE}.")
    Duration connectTimeout;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = Converters.DurationConverter.class,
            description = "On stop (end of run or Ctrl-C), how long to wait for outstanding acknowledgements, readings the "
                    + "broker refused and that wait to be published again included. Default: ${DEFAULT-VALUE}.")
    Duration drainTimeout;

    @Option(names = "--transport", paramLabel = "CLIENT", defaultValue = "${env:SIM_TRANSPORT}",
            converter = Converters.TransportConverter.class,
            description = "The MQTT client: paho (Eclipse Paho, as the prototype's devices; TLS) or nio (the simulator's "
                    + "lean publisher: plain TCP, all connections on one thread, a fraction of Paho's CPU). Default: "
                    + "nio for load, paho otherwise.")
    MqttSettings.Transport transport;

    /** The settings, or null for a dry run. */
    MqttSettings settings(final int clients, final MqttSettings.Transport defaultTransport) {
        if (dryRun) {
            return null;
        }
        final MqttSettings defaults = MqttSettings.defaults(uri);
        return new MqttSettings(uri, clientIdPrefix == null || clientIdPrefix.isBlank() ? defaults.clientIdPrefix() : clientIdPrefix,
                clients, maxInflight, bufferSize, sessionExpiry, keepAlive,
                blankToNull(username), blankToNull(password), connectTimeout, drainTimeout,
                transport != null ? transport : defaultTransport);
    }

    private static String blankToNull(final String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
