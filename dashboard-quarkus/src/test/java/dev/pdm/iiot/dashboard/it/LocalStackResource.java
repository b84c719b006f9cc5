package dev.pdm.iiot.dashboard.it;

import dev.pdm.iiot.dashboard.detector.StubDetector;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The app under test on local-stack's in-process Kafka broker (the platform's topics created),
 * with no detector running: {@code dashboard.detector.url} points where nothing listens, as when the
 * detector is down. The stack is local-stack's own; this only hands its address to Quarkus.
 */
public final class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalStack stack;

    /** The running stack's Kafka, for the tests' producers and consumers. */
    public static String bootstrapServers() {
        return stack.bootstrapServers();
    }

    @Override
    public Map<String, String> start() {
        stack = LocalStack.builder()
                .withConnect(false)
                .mqttPersistence(MqttPersistence.IN_MEMORY)
                .build()
                .start();
        return Map.of(
                "kafka.bootstrap.servers", stack.bootstrapServers(),
                "dashboard.detector.url", StubDetector.nowhere().toString(),
                "dashboard.detector.health-interval", "PT0.5S");
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
    }
}
