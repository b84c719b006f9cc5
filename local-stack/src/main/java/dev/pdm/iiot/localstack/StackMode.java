package dev.pdm.iiot.localstack;

import java.util.Locale;

/**
 * Where the brokers of tests run, chosen by the system property {@value #PROPERTY} (or the
 * environment variable {@value #ENVIRONMENT}): {@code inprocess} (the default) or
 * {@code containers} (Testcontainers, where a Docker engine exists).
 */
public enum StackMode {
    /** Kafka, HiveMQ and Connect in this JVM: {@link LocalStack}. */
    INPROCESS,
    /** Kafka and HiveMQ on Docker, Connect in this JVM: {@code ContainerStack}. */
    CONTAINERS;

    public static final String PROPERTY = "iiot.stack";
    public static final String ENVIRONMENT = "IIOT_STACK";

    /** The mode the system property or environment asks for; {@link #INPROCESS} when neither is set. */
    public static StackMode current() {
        final String property = System.getProperty(PROPERTY);
        return parse(property != null ? property : System.getenv(ENVIRONMENT));
    }

    /** @param value {@code inprocess}, {@code containers}, or null / blank for the default */
    public static StackMode parse(final String value) {
        if (value == null || value.isBlank()) {
            return INPROCESS;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "inprocess", "in-process" -> INPROCESS;
            case "containers", "testcontainers" -> CONTAINERS;
            default -> throw new IllegalArgumentException(
                    PROPERTY + " must be 'inprocess' or 'containers', was '" + value + "'");
        };
    }
}
