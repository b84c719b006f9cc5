package dev.pdm.iiot.platform.apps;

import dev.pdm.iiot.platform.PlatformSettings;
import dev.pdm.iiot.platform.security.PlatformSecrets;
import dev.pdm.iiot.platform.security.PlatformSecurity;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The detector and the dashboard as processes, configured for the embedded platform: both sign people
 * in against the platform's users file; the dashboard acts on the detector with its own account,
 * whose password (like the session key) reaches it through its environment.
 */
public final class PlatformApps {

    /** Where a module's packaged Quarkus app is, below the apps folder. */
    public static final String RUN_JAR = "target/quarkus-app/quarkus-run.jar";
    private static final String READY = "/q/health/ready";

    private PlatformApps() {
    }

    public static AppProcess detector(final PlatformSettings settings, final String bootstrapServers,
                                      final PlatformSecrets secrets) {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("quarkus.http.port", Integer.toString(settings.detectorPort()));
        properties.put("quarkus.management.port", Integer.toString(settings.detectorManagementPort()));
        properties.put("detector.state-dir", settings.detectorStateDir().toAbsolutePath().toString());
        properties.put("detector.advertised-host", "localhost");
        properties.put("pdm.security.users-file", secrets.peopleFile().toAbsolutePath().toString());
        return new AppProcess("streams-detector", runJar(settings.appsDir(), "streams-detector"),
                settings.appJvmOptions(), properties, Map.of(), settings.logDir().resolve("streams-detector.log"),
                URI.create(settings.detectorManagementUrl() + READY));
    }

    public static AppProcess dashboard(final PlatformSettings settings, final String bootstrapServers,
                                       final PlatformSecrets secrets) {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("quarkus.http.port", Integer.toString(settings.dashboardPort()));
        properties.put("quarkus.management.port", Integer.toString(settings.dashboardManagementPort()));
        properties.put("dashboard.detector.url", settings.detectorUrl());
        properties.put("dashboard.detector.health-url", settings.detectorManagementUrl() + READY);
        properties.put("dashboard.detector.username", PlatformSecurity.DASHBOARD);
        properties.put("pdm.security.users-file", secrets.peopleFile().toAbsolutePath().toString());
        final Map<String, String> environment = Map.of(
                "DASHBOARD_DETECTOR_PASSWORD", secrets.dashboardPassword(),
                "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", secrets.sessionKey());
        return new AppProcess("dashboard-quarkus", runJar(settings.appsDir(), "dashboard-quarkus"),
                settings.appJvmOptions(), properties, environment, settings.logDir().resolve("dashboard-quarkus.log"),
                URI.create(settings.dashboardManagementUrl() + READY));
    }

    static Path runJar(final Path appsDir, final String module) {
        return appsDir.resolve(module).resolve(RUN_JAR);
    }
}
