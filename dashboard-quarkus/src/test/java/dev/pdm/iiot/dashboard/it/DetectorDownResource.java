package dev.pdm.iiot.dashboard.it;

import dev.pdm.iiot.dashboard.detector.StubDetector;
import dev.pdm.iiot.dashboard.support.TestUsers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The detector is not running in the dashboard's integration tests: its URL points where nothing
 * listens, and its health is checked often so that the app notices at once. Signs people in with
 * {@link TestUsers}.
 */
public final class DetectorDownResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        final Map<String, String> config = new HashMap<>(TestUsers.properties());
        config.put("dashboard.detector.url", StubDetector.nowhere().toString());
        config.put("dashboard.detector.health-url", StubDetector.nowhere() + "/q/health/ready");
        config.put("dashboard.detector.health-interval", "PT0.5S");
        return config;
    }

    @Override
    public void stop() {
        // nothing was started
    }
}
