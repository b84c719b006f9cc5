package dev.pdm.iiot.detector.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;

/**
 * The app under test without a broker: Kafka points where nothing listens, no topics are created,
 * the streams never run (every query answers 503) and a stop does not wait for them. For tests of
 * what is decided before a query: authentication, roles, the management interface.
 */
public final class NoBroker implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            final String nowhere = "127.0.0.1:" + socket.getLocalPort();
            return Map.of(
                    "kafka.bootstrap.servers", nowhere,
                    "quarkus.kafka-streams.bootstrap-servers", nowhere,
                    "detector.create-topics", "false",
                    "detector.shutdown-timeout", "2s",
                    "quarkus.log.category.\"org.apache.kafka\".level", "ERROR",
                    "kafka-streams.state.dir", Files.createTempDirectory("detector-state-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // nothing was started
    }
}
