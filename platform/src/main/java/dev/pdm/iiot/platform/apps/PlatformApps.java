package dev.pdm.iiot.platform.apps;

import dev.pdm.iiot.platform.PlatformSettings;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The detector and the dashboard as processes, configured for the embedded platform. */
public final class PlatformApps {

    /** Where a module's packaged Quarkus app is, below the apps folder. */
    public static final String RUN_JAR = "target/quarkus-app/quarkus-run.jar";
    private static final String READY = "/q/health/ready";

    private PlatformApps() {
    }

    public static AppProcess detector(final PlatformSettings settings, final String bootstrapServers) {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("quarkus.http.port", Integer.toString(settings.detectorPort()));
        properties.put("detector.state-dir", settings.detectorStateDir().toAbsolutePath().toString());
        properties.put("detector.advertised-host", "localhost");
        return new AppProcess("streams-detector", runJar(settings.appsDir(), "streams-detector"),
                settings.appJvmOptions(), properties, settings.logDir().resolve("streams-detector.log"),
                URI.create(settings.detectorUrl() + READY));
    }

    public static AppProcess dashboard(final PlatformSettings settings, final String bootstrapServers) {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("quarkus.http.port", Integer.toString(settings.dashboardPort()));
        properties.put("dashboard.detector.url", settings.detectorUrl());
        return new AppProcess("dashboard-quarkus", runJar(settings.appsDir(), "dashboard-quarkus"),
                settings.appJvmOptions(), properties, settings.logDir().resolve("dashboard-quarkus.log"),
                URI.create("http://localhost:" + settings.dashboardPort() + READY));
    }

    static Path runJar(final Path appsDir, final String module) {
        return appsDir.resolve(module).resolve(RUN_JAR);
    }
}
