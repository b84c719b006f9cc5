package dev.pdm.iiot.detector.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A new Kafka Streams state directory for every test JVM: stores never outlive the broker they belong to. */
public final class FreshStateDirectory implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            final Path dir = Files.createTempDirectory("detector-state-");
            return Map.of("kafka-streams.state.dir", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // Kafka Streams owns the directory's content until the application stops; the OS cleans temp
    }
}
