package dev.pdm.iiot.simulator.mqtt;

import org.eclipse.paho.mqttv5.common.MqttException;

/** One MQTT connection of the publisher's pool, whichever transport carries it. */
interface PublisherConnection {

    String clientId();

    /** Connects, retrying until the broker answers or the connect timeout has passed. */
    void connect() throws MqttException, InterruptedException;

    /**
     * Publishes one reading at QoS 1, or queues it behind readings the broker refused. Blocks while
     * the in-flight window is full.
     */
    void publish(String topic, byte[] payload) throws InterruptedException;

    /** Readings published and not yet acknowledged, rejected or failed, including those waiting to be sent again. */
    int outstanding();

    boolean isConnected();

    /** The broker node this connection is on (or was last on, or tries first). */
    String currentServerUri();

    /** Disconnects and releases the connection. */
    void close();
}
