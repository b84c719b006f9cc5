package dev.pdm.iiot.dashboard.it;

import dev.pdm.iiot.dashboard.detector.StubDetector;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The detector is not running in the dashboard's integration tests: its URL points where nothing
 * listens, and its health is checked often so that the app notices at once.
 */
public final class DetectorDownResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "dashboard.detector.url", StubDetector.nowhere().toString(),
                "dashboard.detector.health-interval", "PT0.5S");
    }

    @Override
    public void stop() {
        // nothing was started
    }
}
