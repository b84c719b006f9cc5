package dev.pdm.iiot.localstack.quarkus;

import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a Quarkus test against the real in-process brokers:
 * {@code @WithTestResource(LocalStackResource.class)} on the test class, or with Connect:
 * {@code @WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "connect", value = "true"))}.
 *
 * <p>One stack per JVM and per setting is started on first use and shared by every test class that
 * asks for it (Quarkus restarts the application between test profiles, not the brokers); it stops
 * when the JVM exits. The application gets {@code kafka.bootstrap.servers} (and the Kafka Streams
 * extension's own key), plus {@code local-stack.mqtt-uri} and {@code local-stack.connect-url} for
 * tests that need them.
 */
public final class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<Boolean, LocalStack> SHARED = new LinkedHashMap<>();

    private boolean withConnect;

    @Override
    public void init(final Map<String, String> initArgs) {
        withConnect = Boolean.parseBoolean(initArgs.getOrDefault("connect", "false"));
    }

    @Override
    public Map<String, String> start() {
        final LocalStack stack = shared(withConnect);
        final Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", stack.bootstrapServers());
        config.put("quarkus.kafka-streams.bootstrap-servers", stack.bootstrapServers());
        config.put("local-stack.mqtt-uri", stack.mqttUri());
        if (withConnect) {
            config.put("local-stack.connect-url", stack.connectUrl());
        }
        return config;
    }

    @Override
    public void stop() {
        // shared by the whole test JVM; stopped by the shutdown hook
    }

    /** The stack shared in this JVM, started on first use. */
    public static synchronized LocalStack shared(final boolean withConnect) {
        return SHARED.computeIfAbsent(withConnect, connect -> {
            final LocalStack stack = LocalStack.builder()
                    .mqttPersistence(MqttPersistence.IN_MEMORY)
                    .withConnect(connect)
                    .build()
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
            return stack;
        });
    }
}
