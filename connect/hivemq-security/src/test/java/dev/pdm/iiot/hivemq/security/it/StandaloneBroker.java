package dev.pdm.iiot.hivemq.security.it;

import dev.pdm.iiot.localstack.mqtt.MqttBroker;
import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A HiveMQ CE broker in a process of its own, loading the extensions in its home's
 * {@code extensions/} folder as an installed broker does, with none of the extension's classes (nor
 * the credentials classes it bundles) on its class path: only what the extension folder brings.
 *
 * <p>{@code main(home, port)} runs the broker until the process is stopped.
 */
final class StandaloneBroker implements AutoCloseable {

    /**
     * Class path entries of the test JVM a broker does not have: this extension and what it bundles (the
     * credentials classes), the tests' certificate authority, and the Kafka bridge.
     */
    private static final List<String> NOT_ON_A_BROKER = List.of("iiot-pdm-hivemq-security", "iiot-pdm-security",
            classes("security"), "bcpkix", "bcprov", "bcutil", "picocli", "iiot-pdm-hivemq-kafka-bridge",
            classes("hivemq-kafka-bridge"), "iiot-pdm-bridge-core", classes("bridge-core"), "kafka-clients");

    private final Process process;
    private final String uri;

    private StandaloneBroker(final Process process, final int port) {
        this.process = process;
        this.uri = "tcp://127.0.0.1:" + port;
    }

    /** A module's compiled classes in the reactor (also matching {@code hivemq-security} for {@code security}). */
    private static String classes(final String module) {
        return module + File.separator + "target" + File.separator + "classes";
    }

    /** Starts the broker and returns once it accepts connections. */
    static StandaloneBroker start(final Path home, final int port, final Path log) throws IOException {
        final String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> NOT_ON_A_BROKER.stream().noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
        final Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classPath, StandaloneBroker.class.getName(), home.toString(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        final StandaloneBroker broker = new StandaloneBroker(process, port);
        try {
            await("the broker process listening on " + port).atMost(Duration.ofMinutes(1))
                    .failFast("the broker process exited; see " + log, () -> !process.isAlive())
                    .ignoreExceptions().until(() -> {
                        new Socket("127.0.0.1", port).close();
                        return true;
                    });
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    String uri() {
        return uri;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static void main(final String[] args) throws InterruptedException {
        final MqttBrokerConfig config = MqttBrokerConfig.loopback(Path.of(args[0]), MqttPersistence.IN_MEMORY)
                .withPort(Integer.parseInt(args[1]));
        final MqttBroker broker = new MqttBroker(config);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }));
        broker.start();
        stopped.await();
    }
}
