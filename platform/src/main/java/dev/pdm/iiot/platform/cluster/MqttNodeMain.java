package dev.pdm.iiot.platform.cluster;

import com.hivemq.embedded.EmbeddedExtension;
import dev.pdm.iiot.hivemq.bridge.EmbeddedBridge;
import dev.pdm.iiot.hivemq.bridge.config.BridgeConfig;
import dev.pdm.iiot.hivemq.security.EmbeddedSecurity;
import dev.pdm.iiot.hivemq.security.config.SecurityConfig;
import dev.pdm.iiot.localstack.mqtt.MqttBroker;
import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import dev.pdm.iiot.localstack.process.NodeLifecycle;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HiveMQ CE node of the platform in a JVM of its own: the broker with file persistence (its
 * sessions and queued messages survive a crash), the security extension checking the devices'
 * credentials file, and the Kafka bridge, which acknowledges a reading once the Kafka cluster stored
 * it. HiveMQ CE has no clustering: each node is a broker of its own, and devices that know several
 * fail over between them. Runs until SIGTERM (a clean stop), SIGKILL (a crash) or the end of the
 * process that started it:
 * <pre>
 * java -cp … dev.pdm.iiot.platform.cluster.MqttNodeMain --home-dir data/mqtt-1 --port 1883 \
 *     --bootstrap-servers 127.0.0.1:19092,… --devices-file security/mqtt-credentials [--ready-file FILE]
 * </pre>
 */
public final class MqttNodeMain {

    static final String USAGE = """
            Usage: MqttNodeMain --home-dir DIR --port P --bootstrap-servers B --devices-file F [--ready-file FILE]
              --home-dir DIR          the broker's configuration and data (sessions, queues)
              --port P                the MQTT listener on 127.0.0.1
              --bootstrap-servers B   the Kafka cluster the bridge stores readings in
              --devices-file F        the MQTT accounts (credentials file)
              --ready-file FILE       written (with the process id) once the broker serves
            """;

    private MqttNodeMain() {
    }

    /** The settings of one node. */
    record Options(Path homeDir, int port, String bootstrapServers, Path devicesFile) {
    }

    public static void main(final String[] args) throws InterruptedException {
        final Options options;
        try {
            options = parse(NodeLifecycle.withoutReadyFile(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        final String name = "HiveMQ node on port " + options.port();
        final AtomicReference<EmbeddedSecurity> security = new AtomicReference<>();
        final AtomicReference<EmbeddedBridge> bridge = new AtomicReference<>();
        final MqttBroker broker = MqttBroker.withExtensions(
                MqttBrokerConfig.loopback(options.homeDir(), MqttPersistence.FILE).withPort(options.port()), () -> {
                    security.set(EmbeddedSecurity.of(SecurityConfig.defaults(options.devicesFile().toAbsolutePath())));
                    bridge.set(EmbeddedBridge.of(BridgeConfig.defaults(options.bootstrapServers())));
                    return List.<EmbeddedExtension>of(security.get().extension(), bridge.get().extension());
                });
        NodeLifecycle.run(name, args, () -> {
            broker.start();
            if (!security.get().main().isRunning() || !bridge.get().main().isRunning()) {
                // without them it would let anybody in, or acknowledge readings that never reach Kafka
                throw new IllegalStateException(name + " started without its security extension or its Kafka "
                        + "bridge (see above)");
            }
        }, broker::stop);
    }

    /** The arguments that make {@link #parse} return {@code options}. */
    static List<String> args(final Options options) {
        return List.of("--home-dir", options.homeDir().toAbsolutePath().toString(),
                "--port", Integer.toString(options.port()),
                "--bootstrap-servers", options.bootstrapServers(),
                "--devices-file", options.devicesFile().toAbsolutePath().toString());
    }

    /**
     * Reads the options of {@link #USAGE} (without the ready file).
     *
     * @throws IllegalArgumentException for an unknown, incomplete or missing option
     */
    static Options parse(final List<String> args) {
        final Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            final String name = args.get(i);
            if (!List.of("--home-dir", "--port", "--bootstrap-servers", "--devices-file").contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            values.put(name, args.get(i + 1));
        }
        for (final String required : List.of("--home-dir", "--port", "--bootstrap-servers", "--devices-file")) {
            if (!values.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required);
            }
        }
        final int port;
        try {
            port = Integer.parseInt(values.get("--port"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, got " + values.get("--port"), e);
        }
        return new Options(Path.of(values.get("--home-dir")), port, values.get("--bootstrap-servers"),
                Path.of(values.get("--devices-file")));
    }
}
