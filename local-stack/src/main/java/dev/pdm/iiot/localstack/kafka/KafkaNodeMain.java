package dev.pdm.iiot.localstack.kafka;

import dev.pdm.iiot.localstack.process.NodeLifecycle;
import dev.pdm.iiot.localstack.process.NodeProcess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one node of a multi-node KRaft cluster in its own JVM, until it is stopped (SIGTERM stops the
 * broker cleanly, SIGKILL is a crash) or the process that started it ends. {@link KafkaCluster}
 * starts one per node; by hand:
 * <pre>
 * java -cp … dev.pdm.iiot.localstack.kafka.KafkaNodeMain --node-id 1 --data-dir data/node-1 \
 *     --port 19092 --controller-port 19093 --voters 1@127.0.0.1:19093,2@…,3@… --cluster-id ID
 * </pre>
 */
public final class KafkaNodeMain {

    static final String USAGE = """
            Usage: KafkaNodeMain --node-id N --data-dir DIR --port P --controller-port P --voters V --cluster-id ID
                                 [--host H] [--property K=V]... [--ready-file FILE]
              --node-id N           node.id of this combined broker and controller
              --data-dir DIR        its log and metadata log, formatted on first start
              --port P              client listener port
              --controller-port P   controller listener port (on 127.0.0.1)
              --voters V            controller.quorum.voters, the same on every node
              --cluster-id ID       cluster id a new data folder is formatted with, the same on every node
              --host H              client listener address, also advertised (default 127.0.0.1)
              --property K=V        a broker property (repeatable)
              --ready-file FILE     written (with the process id) once the broker serves clients
            """;


    private KafkaNodeMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final KafkaBrokerConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        final KafkaBroker broker = new KafkaBroker(config);
        NodeLifecycle.run("Kafka node " + config.quorum().nodeId() + " on " + config.bootstrapServers(), args,
                broker::start, broker::stop);
    }

    /** The command-line arguments that make {@link #parse} return {@code config}. */
    public static List<String> args(final KafkaBrokerConfig config) {
        final List<String> args = new ArrayList<>(List.of(
                "--node-id", String.valueOf(config.quorum().nodeId()),
                "--data-dir", config.logDir().toString(),
                "--port", String.valueOf(config.port()),
                "--controller-port", String.valueOf(config.controllerPort()),
                "--voters", config.quorum().votersFor(config.controllerPort()),
                "--cluster-id", config.quorum().clusterId(),
                "--host", config.advertisedHost()));
        config.overrides().forEach((key, value) -> {
            args.add("--property");
            args.add(key + "=" + value);
        });
        return args;
    }

    /**
     * Reads the options of {@link #USAGE}.
     *
     * @throws IllegalArgumentException for an unknown or incomplete option, or a missing required one
     */
    public static KafkaBrokerConfig parse(final String[] args) {
        final Map<String, String> options = new LinkedHashMap<>();
        final Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            final String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            final String value = args[i + 1];
            switch (name) {
                case "--node-id", "--data-dir", "--port", "--controller-port", "--voters", "--cluster-id", "--host" ->
                        options.put(name, value);
                case NodeProcess.READY_FILE_OPTION -> {
                    // read by NodeLifecycle#readyFile
                }
                case "--property" -> NodeLifecycle.putProperty(properties, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        for (final String required : List.of("--node-id", "--data-dir", "--port", "--controller-port", "--voters",
                "--cluster-id")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required);
            }
        }
        final String host = options.getOrDefault("--host", KafkaClusterConfig.HOST);
        return new KafkaBrokerConfig(Path.of(options.get("--data-dir")), host, host,
                number(options, "--port"), number(options, "--controller-port"), properties,
                new KraftQuorum(number(options, "--node-id"), options.get("--voters"), options.get("--cluster-id")));
    }

    private static int number(final Map<String, String> options, final String name) {
        try {
            return Integer.parseInt(options.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, got " + options.get(name), e);
        }
    }
}
