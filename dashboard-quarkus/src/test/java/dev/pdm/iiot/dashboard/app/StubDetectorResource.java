package dev.pdm.iiot.dashboard.app;

import dev.pdm.iiot.dashboard.detector.StubDetector;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a {@link StubDetector} for the app under test, points {@code dashboard.detector.url} at it,
 * and points Kafka at a port where nothing listens: these tests need no broker.
 */
public final class StubDetectorResource implements QuarkusTestResourceLifecycleManager {

    private static volatile StubDetector stub;

    public static StubDetector stub() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        stub = new StubDetector();
        return Map.of(
                "dashboard.detector.url", stub.url().toString(),
                "dashboard.detector.health-interval", "PT0.5S",
                "kafka.bootstrap.servers", StubDetector.nowhere().getAuthority());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
