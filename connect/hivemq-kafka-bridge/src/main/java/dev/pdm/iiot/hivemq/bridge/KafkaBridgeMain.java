package dev.pdm.iiot.hivemq.bridge;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.client.ClientContext;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.intializer.ClientInitializer;
import dev.pdm.iiot.bridge.BridgeConverter;
import dev.pdm.iiot.bridge.RejectionLog;
import dev.pdm.iiot.hivemq.bridge.config.BridgeConfig;
import dev.pdm.iiot.hivemq.bridge.interceptor.ReadingInterceptor;
import dev.pdm.iiot.hivemq.bridge.kafka.KafkaForwarder;
import dev.pdm.iiot.hivemq.bridge.metrics.BridgeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * The Kafka bridge as a HiveMQ CE extension: every client gets the {@link ReadingInterceptor},
 * which stores each reading in Kafka before its PUBACK goes out. Installed in HiveMQ's
 * {@code extensions/} folder it reads {@value BridgeConfig#FILE} there and the {@code PDM_BRIDGE_*}
 * environment; embedded (local-stack) it is given its settings.
 *
 * <p>A configuration it cannot use stops the extension's start with the reason in HiveMQ's log;
 * the broker then runs without the bridge.
 *
 * <p>It is its own {@link ClientInitializer}, so that an application running it in one embedded
 * extension together with others (local-stack's combined extension) can call it for every client
 * besides theirs.
 */
public final class KafkaBridgeMain implements ExtensionMain, ClientInitializer {

    public static final String ID = "pdm-kafka-bridge";
    public static final String NAME = "PDM Kafka bridge";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBridgeMain.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final BridgeConfig given;
    private volatile KafkaForwarder kafka;
    private volatile BridgeMetrics metrics;
    private volatile BridgeConverter converter;
    private volatile ReadingInterceptor interceptor;

    /** For HiveMQ, which loads the extension from its folder. */
    public KafkaBridgeMain() {
        this(null);
    }

    /** An embedded bridge with these settings. */
    public KafkaBridgeMain(final BridgeConfig config) {
        this.given = config;
    }

    @Override
    public void extensionStart(final @NotNull ExtensionStartInput input, final @NotNull ExtensionStartOutput output) {
        final BridgeConfig config;
        final KafkaForwarder forwarder;
        try {
            config = given != null ? given
                    : BridgeConfig.load(input.getExtensionInformation().getExtensionHomeFolder().toPath(), System.getenv());
            forwarder = new KafkaForwarder(config);
        } catch (RuntimeException e) {
            LOG.error("The Kafka bridge cannot start: {}", e.getMessage(), e);
            output.preventExtensionStartup("the Kafka bridge cannot start: " + e.getMessage());
            return;
        }
        kafka = forwarder;
        converter = new BridgeConverter(config.bridge(), new RejectionLog(config.bridge().dlqTopic()), Clock.systemUTC());
        metrics = new BridgeMetrics(Services.metricRegistry(), forwarder.availability()::isAvailable);
        interceptor = new ReadingInterceptor(config, converter, forwarder, metrics);
        Services.initializerRegistry().setClientInitializer(this);
        LOG.info("Kafka bridge started: readings on {} go to {} (rejects to {}) at {} before their PUBACK; "
                        + "validation {}, acknowledgement timeout {} ms, delivery to MQTT subscribers {}",
                config.topicFilters(), config.bridge().topic(), config.bridge().dlqTopic(), config.bootstrapServers(),
                config.bridge().validation() ? "on" : "off", config.ackTimeout().toMillis(),
                config.deliverToSubscribers() ? "on" : "off");
    }

    /** Gives every client the reading interceptor while the bridge runs. */
    @Override
    public void initialize(final @NotNull InitializerInput input, final @NotNull ClientContext clientContext) {
        final ReadingInterceptor current = interceptor;
        if (current != null) {
            clientContext.addPublishInboundInterceptor(current);
        }
    }

    @Override
    public void extensionStop(final @NotNull ExtensionStopInput input, final @NotNull ExtensionStopOutput output) {
        final KafkaForwarder forwarder = kafka;
        if (forwarder == null) {
            return;
        }
        interceptor = null;
        forwarder.close(STOP_TIMEOUT);
        metrics.unregister();
        LOG.info("Kafka bridge stopped: {} readings forwarded, {} dead-lettered, {} refused (sent again by their "
                + "devices)", metrics.forwardedCount(), metrics.deadLetteredCount(), metrics.refusedCount());
        kafka = null;
    }

    /** Whether the bridge started and has not stopped. */
    public boolean isRunning() {
        return kafka != null;
    }

    /** The bridge's counters, once started. */
    public BridgeMetrics metrics() {
        return metrics;
    }

    /** Rejections per reason, once started. */
    public RejectionLog rejections() {
        return converter == null ? null : converter.rejections();
    }
}
