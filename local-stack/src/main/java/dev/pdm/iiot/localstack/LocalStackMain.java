package dev.pdm.iiot.localstack;

import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack until Ctrl-C: {@code mvn -pl local-stack exec:java -Dexec.args="--data-dir data/local-stack"}.
 * Prints the endpoints once the stack is ready; a shutdown hook stops it cleanly, keeping its data.
 */
public final class LocalStackMain {

    static final String USAGE = """
            Usage: LocalStackMain [options]
              --data-dir DIR              data folder, kept between runs (default data/local-stack)
              --bind ADDRESS              listener address (default 127.0.0.1; 0.0.0.0 for every interface)
              --kafka-port PORT           Kafka client port (default 9092; 0 = any free port)
              --kafka-controller-port P   KRaft controller port on loopback (default 9093)
              --mqtt-port PORT            MQTT port (default 1883)
              --connect-port PORT         Kafka Connect REST port (default 8083)
              --no-connect                run no Kafka Connect worker
              --mqtt-in-memory            keep MQTT sessions in memory instead of the data folder
              --mqtt-queue-size N         messages HiveMQ queues per client (default %d)
              --mqtt-receive-maximum N    HiveMQ's server receive maximum (default %d)
              --kafka-property K=V        a Kafka broker property (repeatable)
              --connect-property K=V      a Connect worker property (repeatable)
              --help                      this text
            """.formatted(MqttBrokerConfig.DEFAULT_MAX_QUEUED_MESSAGES, MqttBrokerConfig.DEFAULT_SERVER_RECEIVE_MAXIMUM);

    private static final String LOGBACK_CONFIG_PROPERTY = "logback.configurationFile";
    private static final String LOGBACK_CONFIG = "local-stack-logback.xml";

    private LocalStackMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(USAGE);
            return;
        }
        // Before the first logger exists: the launcher's own Logback configuration, unless one is given.
        if (System.getProperty(LOGBACK_CONFIG_PROPERTY) == null) {
            System.setProperty(LOGBACK_CONFIG_PROPERTY, LOGBACK_CONFIG);
        }

        final LocalStack stack = options.builder().build();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("local-stack: stopping");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("local-stack failed to start: " + e.getMessage());
            System.exit(1);
        }
        System.out.print(endpoints(stack));
        stopped.await();
    }

    static String endpoints(final LocalStack stack) {
        return """
                local-stack ready
                  Kafka    %s
                  MQTT     %s
                  Connect  %s
                  data     %s
                Ctrl-C stops it.
                """.formatted(stack.bootstrapServers(), stack.mqttUri(),
                stack.connect().isPresent() ? stack.connectUrl() : "off", stack.dataDir());
    }

    /** The launcher's options, each with its default. */
    record Options(Path dataDir, String bindAddress, int kafkaPort, int controllerPort, int mqttPort,
                   int connectPort, boolean connect, MqttPersistence persistence, long mqttQueueSize,
                   int mqttReceiveMaximum, Map<String, String> kafkaProperties,
                   Map<String, String> connectProperties, boolean help) {

        private static final Set<String> VALUED = Set.of("--data-dir", "--bind", "--kafka-port",
                "--kafka-controller-port", "--mqtt-port", "--connect-port", "--mqtt-queue-size",
                "--mqtt-receive-maximum", "--kafka-property", "--connect-property");

        static Options parse(final String... args) {
            Path dataDir = Path.of("data", "local-stack");
            String bind = "127.0.0.1";
            int kafkaPort = 9092;
            int controllerPort = 9093;
            int mqttPort = 1883;
            int connectPort = 8083;
            boolean connect = true;
            MqttPersistence persistence = MqttPersistence.FILE;
            long queueSize = MqttBrokerConfig.DEFAULT_MAX_QUEUED_MESSAGES;
            int receiveMaximum = MqttBrokerConfig.DEFAULT_SERVER_RECEIVE_MAXIMUM;
            final Map<String, String> kafkaProperties = new LinkedHashMap<>();
            final Map<String, String> connectProperties = new LinkedHashMap<>();
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                final String arg = args[i];
                final String name = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
                final String inline = name.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
                switch (name) {
                    case "--help", "-h" -> help = true;
                    case "--no-connect" -> connect = false;
                    case "--mqtt-in-memory" -> persistence = MqttPersistence.IN_MEMORY;
                    default -> {
                        if (!VALUED.contains(name)) {
                            throw new IllegalArgumentException("unknown option: " + arg);
                        }
                        final String value = inline != null ? inline : valueAfter(args, i++, name);
                        switch (name) {
                            case "--data-dir" -> dataDir = Path.of(value);
                            case "--bind" -> bind = value;
                            case "--kafka-port" -> kafkaPort = port(name, value);
                            case "--kafka-controller-port" -> controllerPort = port(name, value);
                            case "--mqtt-port" -> mqttPort = port(name, value);
                            case "--connect-port" -> connectPort = port(name, value);
                            case "--mqtt-queue-size" -> queueSize = number(name, value);
                            case "--mqtt-receive-maximum" -> receiveMaximum = (int) number(name, value);
                            case "--kafka-property" -> putProperty(kafkaProperties, name, value);
                            case "--connect-property" -> putProperty(connectProperties, name, value);
                            default -> throw new IllegalArgumentException("unknown option: " + arg);
                        }
                    }
                }
            }
            return new Options(dataDir, bind, kafkaPort, controllerPort, mqttPort, connectPort, connect, persistence,
                    queueSize, receiveMaximum, Map.copyOf(kafkaProperties), Map.copyOf(connectProperties), help);
        }

        LocalStack.Builder builder() {
            final LocalStack.Builder builder = LocalStack.builder()
                    .dataDir(dataDir)
                    .bindAddress(bindAddress)
                    .kafkaPort(kafkaPort)
                    .kafkaControllerPort(controllerPort)
                    .mqttPort(mqttPort)
                    .connectPort(connectPort)
                    .withConnect(connect)
                    .mqttPersistence(persistence)
                    .mqttMaxQueuedMessages(mqttQueueSize)
                    .mqttServerReceiveMaximum(mqttReceiveMaximum);
            kafkaProperties.forEach(builder::kafkaProperty);
            connectProperties.forEach(builder::connectProperty);
            return builder;
        }

        private static String valueAfter(final String[] args, final int index, final String name) {
            if (index + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return Objects.requireNonNull(args[index + 1]);
        }

        private static int port(final String name, final String value) {
            final long port = number(name, value);
            if (port < 0 || port > Ports.MAX_PORT) {
                throw new IllegalArgumentException(name + " must be a port in 0.." + Ports.MAX_PORT + ", was " + value);
            }
            return (int) port;
        }

        private static long number(final String name, final String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a number, was '" + value + "'", e);
            }
        }

        private static void putProperty(final Map<String, String> properties, final String name, final String value) {
            final int equals = value.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException(name + " needs KEY=VALUE, was '" + value + "'");
            }
            properties.put(value.substring(0, equals), value.substring(equals + 1));
        }
    }
}
