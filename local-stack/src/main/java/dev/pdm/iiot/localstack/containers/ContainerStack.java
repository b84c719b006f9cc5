package dev.pdm.iiot.localstack.containers;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.localstack.BrokerStack;
import dev.pdm.iiot.localstack.connect.ConnectWorker;
import dev.pdm.iiot.localstack.connect.ConnectWorkerConfig;
import dev.pdm.iiot.localstack.kafka.PlatformTopics;
import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.mqtt.MqttLimits;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The same brokers on Docker, through Testcontainers: the official Kafka image and the HiveMQ CE
 * image (with the config.xml {@link MqttBrokerConfig} makes, so the queue and receive maximum are
 * sized as in-process), and the Connect worker in this JVM against the container's Kafka. Needs a
 * Docker engine: check {@link #isDockerAvailable()} first.
 */
public final class ContainerStack implements BrokerStack {

    public static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.2");
    public static final DockerImageName HIVEMQ_IMAGE = DockerImageName.parse("hivemq/hivemq-ce:2025.5");

    private static final Logger LOG = LoggerFactory.getLogger(ContainerStack.class);
    private static final int MQTT_PORT = 1883;
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaContainer kafka;
    private final HiveMQContainer hivemq;
    private final Path hivemqConfig;
    private final boolean withConnect;
    private ConnectWorker worker;

    private ContainerStack(final boolean withConnect) {
        try {
            hivemqConfig = Files.createTempFile("local-stack-hivemq-", ".xml");
            final MqttBrokerConfig mqttConfig = new MqttBrokerConfig(hivemqConfig.getParent(), "0.0.0.0", MQTT_PORT,
                    MqttPersistence.IN_MEMORY, MqttBrokerConfig.DEFAULT_MAX_QUEUED_MESSAGES,
                    MqttBrokerConfig.DEFAULT_SERVER_RECEIVE_MAXIMUM,
                    // not in config.xml: a HiveMQ CE container keeps its internal window of 50
                    MqttBrokerConfig.HIVEMQ_OUTGOING_WINDOW, MqttLimits.defaults());
            Files.writeString(hivemqConfig, mqttConfig.configXml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write HiveMQ's configuration", e);
        }
        kafka = new KafkaContainer(KAFKA_IMAGE);
        hivemq = new HiveMQContainer(HIVEMQ_IMAGE).withHiveMQConfig(MountableFile.forHostPath(hivemqConfig));
        this.withConnect = withConnect;
    }

    /** True when a Docker engine answers. */
    public static boolean isDockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /**
     * Starts Kafka and HiveMQ containers side by side, creates the platform's topics and, when
     * asked, starts a Connect worker in this JVM.
     */
    public static ContainerStack start(final boolean withConnect) {
        final ContainerStack stack = new ContainerStack(withConnect);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        final long started = System.nanoTime();
        Startables.deepStart(kafka, hivemq).join();
        PlatformTopics.create(kafka.getBootstrapServers(), KafkaTopics.all(), TOPIC_TIMEOUT);
        if (withConnect) {
            worker = new ConnectWorker(new ConnectWorkerConfig(kafka.getBootstrapServers(), "127.0.0.1", 0, Map.of()));
            worker.start();
        }
        LOG.info("Container stack ready in {} ms: Kafka {}, MQTT {}, Connect {}",
                (System.nanoTime() - started) / 1_000_000, bootstrapServers(), mqttUri(),
                worker != null ? worker.url() : "off");
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String mqttUri() {
        return "tcp://" + hivemq.getHost() + ":" + hivemq.getMqttPort();
    }

    @Override
    public String connectUrl() {
        if (worker == null) {
            throw new IllegalStateException("this stack runs no Connect worker");
        }
        return worker.url();
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.stop();
        }
        hivemq.stop();
        kafka.stop();
        try {
            Files.deleteIfExists(hivemqConfig);
        } catch (IOException e) {
            LOG.debug("could not delete {}", hivemqConfig, e);
        }
    }
}
