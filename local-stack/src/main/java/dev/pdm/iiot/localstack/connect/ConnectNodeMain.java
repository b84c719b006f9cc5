package dev.pdm.iiot.localstack.connect;

import dev.pdm.iiot.localstack.process.NodeLifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A distributed Kafka Connect worker in a JVM of its own, with the connector plugins of its
 * classpath (and of a {@code plugin.path} given as a property), until it is stopped (SIGTERM stops
 * it cleanly, SIGKILL is a crash) or the process that started it ends:
 * <pre>
 * java -cp … dev.pdm.iiot.localstack.connect.ConnectNodeMain --bootstrap-servers 127.0.0.1:19092 \
 *     --port 18083 [--host 127.0.0.1] [--property K=V]... [--ready-file FILE]
 * </pre>
 */
public final class ConnectNodeMain {

    static final String USAGE = """
            Usage: ConnectNodeMain --bootstrap-servers B --port P [--host H] [--property K=V]... [--ready-file FILE]
              --bootstrap-servers B  the Kafka cluster
              --port P               the REST API's port
              --host H               the REST API's address (default 127.0.0.1)
              --property K=V         a worker property (repeatable), e.g. the storage topics' replication factor
              --ready-file FILE      written (with the process id) once the worker serves
            """;

    private ConnectNodeMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final ConnectWorkerConfig config;
        try {
            config = parse(NodeLifecycle.withoutReadyFile(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        final ConnectWorker worker = new ConnectWorker(config);
        NodeLifecycle.run("Connect worker " + config.url(), args, worker::start, worker::stop);
    }

    /**
     * Reads the options of {@link #USAGE} (without the ready file).
     *
     * @throws IllegalArgumentException for an unknown or incomplete option, or a missing required one
     */
    static ConnectWorkerConfig parse(final List<String> args) {
        String bootstrapServers = null;
        String host = "127.0.0.1";
        Integer port = null;
        final Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            final String name = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            final String value = args.get(i + 1);
            switch (name) {
                case "--bootstrap-servers" -> bootstrapServers = value;
                case "--host" -> host = value;
                case "--port" -> {
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port needs a number, got " + value, e);
                    }
                }
                case "--property" -> NodeLifecycle.putProperty(properties, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (bootstrapServers == null || port == null) {
            throw new IllegalArgumentException("--bootstrap-servers and --port are required");
        }
        return new ConnectWorkerConfig(bootstrapServers, host, port, properties);
    }

    /** The arguments that make {@link #parse} return a worker of these settings. */
    public static List<String> args(final String bootstrapServers, final int port, final Map<String, String> properties) {
        final List<String> args = new ArrayList<>(List.of("--bootstrap-servers", bootstrapServers,
                "--port", Integer.toString(port)));
        properties.forEach((key, value) -> {
            args.add("--property");
            args.add(key + "=" + value);
        });
        return args;
    }
}
