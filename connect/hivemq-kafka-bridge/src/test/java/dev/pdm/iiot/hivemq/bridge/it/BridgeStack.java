package dev.pdm.iiot.hivemq.bridge.it;

import dev.pdm.iiot.hivemq.bridge.EmbeddedBridge;
import dev.pdm.iiot.hivemq.bridge.KafkaBridgeMain;
import dev.pdm.iiot.hivemq.bridge.config.BridgeConfig;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Kafka and HiveMQ CE in this JVM (local-stack, no Connect worker) with the bridge embedded in
 * HiveMQ, made anew at every start of the broker.
 */
final class BridgeStack implements AutoCloseable {

    private final LocalStack stack;
    private final AtomicReference<EmbeddedBridge> current = new AtomicReference<>();

    private BridgeStack(final MqttPersistence persistence, final UnaryOperator<BridgeConfig> settings) {
        stack = LocalStack.builder()
                .withConnect(false)
                .mqttPersistence(persistence)
                .mqttExtension(bootstrap -> {
                    final EmbeddedBridge bridge = EmbeddedBridge.of(settings.apply(BridgeConfig.defaults(bootstrap)));
                    current.set(bridge);
                    return bridge.extension();
                })
                .build();
    }

    static BridgeStack start(final MqttPersistence persistence, final UnaryOperator<BridgeConfig> settings) {
        final BridgeStack bridgeStack = new BridgeStack(persistence, settings);
        bridgeStack.stack.start();
        return bridgeStack;
    }

    static BridgeStack start() {
        return start(MqttPersistence.IN_MEMORY, UnaryOperator.identity());
    }

    LocalStack stack() {
        return stack;
    }

    String mqttUri() {
        return stack.mqttUri();
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    /** The bridge of the broker's current run. */
    KafkaBridgeMain bridge() {
        return current.get().main();
    }

    @Override
    public void close() {
        stack.close();
    }
}
