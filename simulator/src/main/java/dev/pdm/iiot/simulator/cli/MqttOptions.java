package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import dev.pdm.iiot.simulator.mqtt.TlsSettings;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How to reach the broker; shared by every publishing command. */
final class MqttOptions {

    /** The environment variable of the MQTT password (a value never given on the command line). */
    static final String PASSWORD_ENV = "PDM_MQTT_PASSWORD";
    static final String TRUSTSTORE_PASSWORD_ENV = "PDM_MQTT_TRUSTSTORE_PASSWORD";

    @Option(names = {"--mqtt-uri", "--broker"}, paramLabel = "URI[,URI...]",
            defaultValue = "${env:SIM_MQTT_URI:-" + MqttSettings.DEFAULT_URI + "}",
            description = "MQTT broker (tcp:// or ssl://); for several independent broker nodes their URIs "
                    + "separated by commas, the first the primary, the others failover (client i starts on node "
                    + "i mod n and moves on when its node goes away). Env SIM_MQTT_URI.%n"
                    + "Default: ${DEFAULT-VALUE}.")
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
            description = "MQTT user name (an account with the gateway role publishes for any machine). "
                    + "Env SIM_MQTT_USERNAME. Default: none.")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE", defaultValue = "${env:SIM_MQTT_PASSWORD_FILE}",
            description = "File whose first line is the MQTT password (never a command-line value: it would show in "
                    + "the process list); otherwise the environment variable " + PASSWORD_ENV + ". "
                    + "Env SIM_MQTT_PASSWORD_FILE. Default: none.")
    Path passwordFile;

    @Option(names = "--ca-file", paramLabel = "PEM", defaultValue = "${env:SIM_MQTT_CA_FILE}",
            description = "For ssl:// (paho transport): trust the certificate authorities in this PEM file, e.g. the "
                    + "platform's development ca.pem. Env SIM_MQTT_CA_FILE. Default: the JVM's trusted authorities.")
    Path caFile;

    @Option(names = "--truststore", paramLabel = "FILE", defaultValue = "${env:SIM_MQTT_TRUSTSTORE}",
            description = "For ssl:// (paho transport): trust the authorities in this PKCS12 or JKS trust store instead; "
                    + "its password from the environment variable " + TRUSTSTORE_PASSWORD_ENV + " (if it has one). "
                    + "Env SIM_MQTT_TRUSTSTORE. Default: none.")
    Path truststore;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = Converters.DurationConverter.class,
            description = "How long to wait for the broker at start-up. Default: ${DEFAULT-VALUE}.")
    Duration connectTimeout;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = Converters.DurationConverter.class,
            description = "On stop (end of run or Ctrl-C), how long to wait for outstanding acknowledgements, readings the "
                    + "broker refused and that wait to be published again included. Default: ${DEFAULT-VALUE}.")
    Duration drainTimeout;

    @Option(names = "--transport", paramLabel = "CLIENT", defaultValue = "${env:SIM_TRANSPORT}",
            converter = Converters.TransportConverter.class,
            description = "The MQTT client: paho (Eclipse Paho, as the prototype's devices; user name and password, TLS) "
                    + "or nio (the simulator's lean publisher: user name and password over plain TCP, no TLS, all "
                    + "connections on one thread, a fraction of Paho's CPU). Default: nio for load, paho otherwise.")
    MqttSettings.Transport transport;

    /** The process environment; a test gives its own. */
    Map<String, String> environment = System.getenv();

    /** The settings, or null for a dry run. */
    MqttSettings settings(final int clients, final MqttSettings.Transport defaultTransport) {
        if (dryRun) {
            return null;
        }
        final List<String> uris = uris(uri);
        final MqttSettings defaults = MqttSettings.defaults(uris.get(0));
        return new MqttSettings(uris.get(0), clientIdPrefix == null || clientIdPrefix.isBlank() ? defaults.clientIdPrefix() : clientIdPrefix,
                clients, maxInflight, bufferSize, sessionExpiry, keepAlive,
                blankToNull(username), password(), connectTimeout, drainTimeout,
                transport != null ? transport : defaultTransport, tls(), uris.subList(1, uris.size()));
    }

    /** The comma-separated broker URIs, trimmed, in their order. */
    static List<String> uris(final String value) {
        final List<String> uris = new ArrayList<>();
        for (final String part : value.split(",", -1)) {
            final String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("--mqtt-uri '" + value + "' has an empty broker URI");
            }
            uris.add(trimmed);
        }
        return uris;
    }

    /** From --password-file, else the environment; null for none. */
    private String password() {
        if (passwordFile != null) {
            try (BufferedReader in = Files.newBufferedReader(passwordFile, StandardCharsets.UTF_8)) {
                final String line = in.readLine();
                if (line == null || line.isEmpty()) {
                    throw new IllegalArgumentException("--password-file " + passwordFile + " is empty");
                }
                return line;
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --password-file " + passwordFile + ": " + e.getMessage(),
                        e);
            }
        }
        return blankToNull(environment.get(PASSWORD_ENV));
    }

    private TlsSettings tls() {
        if (caFile != null && truststore != null) {
            throw new IllegalArgumentException("give --ca-file or --truststore, not both");
        }
        if (caFile != null) {
            return TlsSettings.caFile(caFile);
        }
        return truststore == null ? null
                : TlsSettings.truststore(truststore, blankToNull(environment.get(TRUSTSTORE_PASSWORD_ENV)));
    }

    private static String blankToNull(final String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
