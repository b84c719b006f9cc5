package dev.pdm.iiot.localstack.mqtt;

/** Where HiveMQ keeps sessions, queued messages and retained messages. */
public enum MqttPersistence {
    /** On disk under the broker's data folder: sessions and queued messages survive a restart. */
    FILE("file"),
    /** In memory only: faster, gone when the broker stops; for tests. */
    IN_MEMORY("in-memory");

    private final String configValue;

    MqttPersistence(final String configValue) {
        this.configValue = configValue;
    }

    /** The value of {@code <persistence><mode>} in HiveMQ's config.xml. */
    public String configValue() {
        return configValue;
    }
}
