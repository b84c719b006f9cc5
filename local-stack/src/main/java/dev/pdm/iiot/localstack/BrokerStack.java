package dev.pdm.iiot.localstack;

import dev.pdm.iiot.localstack.connect.ConnectClient;

/**
 * The platform's brokers, wherever they run: in this JVM ({@link LocalStack}) or on Docker
 * ({@code ContainerStack}). Tests written against this interface run on both.
 */
public interface BrokerStack extends AutoCloseable {

    /** Kafka's {@code bootstrap.servers}, e.g. {@code 127.0.0.1:9092}. */
    String bootstrapServers();

    /** The MQTT broker's URI, e.g. {@code tcp://127.0.0.1:1883}. */
    String mqttUri();

    /**
     * The Kafka Connect worker's REST URL, e.g. {@code http://127.0.0.1:8083}.
     *
     * @throws IllegalStateException when this stack runs no Connect worker
     */
    String connectUrl();

    /** A client of the Connect worker's REST API. */
    default ConnectClient connectClient() {
        return new ConnectClient(connectUrl());
    }

    /** Stops everything and releases what the stack owns. */
    @Override
    void close();
}
