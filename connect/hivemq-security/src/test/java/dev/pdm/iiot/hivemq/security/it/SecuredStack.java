package dev.pdm.iiot.hivemq.security.it;

import dev.pdm.iiot.hivemq.bridge.EmbeddedBridge;
import dev.pdm.iiot.hivemq.bridge.config.BridgeConfig;
import dev.pdm.iiot.hivemq.security.EmbeddedSecurity;
import dev.pdm.iiot.hivemq.security.config.SecurityConfig;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import dev.pdm.iiot.localstack.mqtt.MqttTls;
import dev.pdm.iiot.security.tls.DevCertificates;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kafka and HiveMQ CE in this JVM (local-stack, no Connect worker) with the security extension and the
 * Kafka bridge embedded together, and a TLS listener with the development authority's certificate that
 * accepts its client certificates.
 */
final class SecuredStack implements AutoCloseable {

    private final LocalStack stack;
    private final DevCertificates pki;
    private final AtomicReference<EmbeddedSecurity> security = new AtomicReference<>();
    private final AtomicReference<EmbeddedBridge> bridge = new AtomicReference<>();

    private SecuredStack(final SecurityConfig config, final Path pkiDir) {
        pki = DevCertificates.ensure(pkiDir, List.of());
        stack = LocalStack.builder()
                .withConnect(false)
                .mqttPersistence(MqttPersistence.IN_MEMORY)
                .mqttTls(MqttTls.of(0, pki.keystore(), pki.keystorePassword())
                        .withClientCertificates(pki.truststore(), pki.truststorePassword()))
                .mqttExtensions(bootstrap -> {
                    security.set(EmbeddedSecurity.of(config));
                    bridge.set(EmbeddedBridge.of(BridgeConfig.defaults(bootstrap).withProducerSetting("linger.ms", "0")));
                    return List.of(bridge.get().extension(), security.get().extension());
                })
                .build();
    }

    static SecuredStack start(final SecurityConfig config, final Path pkiDir) {
        final SecuredStack secured = new SecuredStack(config, pkiDir);
        secured.stack.start();
        return secured;
    }

    String mqttUri() {
        return stack.mqttUri();
    }

    String tlsUri() {
        return stack.mqttTlsUri();
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    DevCertificates pki() {
        return pki;
    }

    EmbeddedSecurity security() {
        return security.get();
    }

    EmbeddedBridge bridge() {
        return bridge.get();
    }

    @Override
    public void close() {
        stack.close();
    }
}
