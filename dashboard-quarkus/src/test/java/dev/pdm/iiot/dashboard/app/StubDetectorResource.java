package dev.pdm.iiot.dashboard.app;

import dev.pdm.iiot.dashboard.detector.StubDetector;
import dev.pdm.iiot.dashboard.support.TestUsers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Starts a {@link StubDetector} for the app under test, points {@code dashboard.detector.url} (and
 * its health URL) at it, and points Kafka at a port where nothing listens: these tests need no
 * broker. Signs people in with {@link TestUsers}.
 */
public final class StubDetectorResource implements QuarkusTestResourceLifecycleManager {

    private static volatile StubDetector stub;

    public static StubDetector stub() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        stub = new StubDetector();
        final Map<String, String> config = new HashMap<>(TestUsers.properties());
        config.put("dashboard.detector.url", stub.url().toString());
        config.put("dashboard.detector.health-url", stub.url() + "/q/health/ready");
        config.put("dashboard.detector.health-interval", "PT0.5S");
        config.put("kafka.bootstrap.servers", StubDetector.nowhere().getAuthority());
        return config;
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
