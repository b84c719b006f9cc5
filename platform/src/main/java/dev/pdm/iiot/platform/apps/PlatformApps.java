package dev.pdm.iiot.platform.apps;

import dev.pdm.iiot.platform.PlatformConnectors;
import dev.pdm.iiot.platform.PlatformSettings;
import dev.pdm.iiot.platform.security.PlatformSecrets;
import dev.pdm.iiot.platform.security.PlatformSecurity;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The detector, the dashboard and the notifier as processes, configured for the embedded platform:
 * all sign people in against the platform's users file; the dashboard acts on the detector with its
 * own account, whose password (like the session key) reaches it through its environment. The
 * dashboard reads the history database and the notifier records its notifications there (the
 * embedded PostgreSQL trusts loopback connections, so neither has a database password).
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
                                       final PlatformSecrets secrets, final PlatformConnectors.Database database) {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("quarkus.http.port", Integer.toString(settings.dashboardPort()));
        properties.put("quarkus.management.port", Integer.toString(settings.dashboardManagementPort()));
        properties.put("dashboard.detector.url", settings.detectorUrl());
        properties.put("dashboard.detector.health-url", settings.detectorManagementUrl() + READY);
        properties.put("dashboard.detector.username", PlatformSecurity.DASHBOARD);
        properties.put("pdm.security.users-file", secrets.peopleFile().toAbsolutePath().toString());
        datasource(properties, database);
        final Map<String, String> environment = Map.of(
                "DASHBOARD_DETECTOR_PASSWORD", secrets.dashboardPassword(),
                "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", secrets.sessionKey(),
                "QUARKUS_DATASOURCE_PASSWORD", database.password());
        return new AppProcess("dashboard-quarkus", runJar(settings.appsDir(), "dashboard-quarkus"),
                settings.appJvmOptions(), properties, environment, settings.logDir().resolve("dashboard-quarkus.log"),
                URI.create(settings.dashboardManagementUrl() + READY));
    }

    /**
     * The notifier: alerts from Kafka to mail and webhooks by the rules of
     * {@link PlatformSettings#notifierConfigFile()} when it exists (none otherwise: it records nothing
     * and tells nobody), its notifications in the history database, links to this dashboard.
     */
    public static AppProcess notifier(final PlatformSettings settings, final String bootstrapServers,
                                      final PlatformSecrets secrets, final PlatformConnectors.Database database) {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("quarkus.http.port", Integer.toString(settings.notifierPort()));
        properties.put("quarkus.management.port", Integer.toString(settings.notifierManagementPort()));
        properties.put("pdm.security.users-file", secrets.peopleFile().toAbsolutePath().toString());
        properties.put("notifier.dashboard-url", settings.dashboardUrl().replaceAll("/$", ""));
        datasource(properties, database);
        final Path rules = settings.notifierConfigFile();
        if (Files.isRegularFile(rules)) {
            properties.put("quarkus.config.locations", rules.toAbsolutePath().toUri().toString());
        }
        return new AppProcess("notifier", runJar(settings.appsDir(), "notifier"), settings.appJvmOptions(), properties,
                Map.of("QUARKUS_DATASOURCE_PASSWORD", database.password()), settings.logDir().resolve("notifier.log"),
                URI.create(settings.notifierManagementUrl() + READY));
    }

    private static void datasource(final Map<String, String> properties, final PlatformConnectors.Database database) {
        properties.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        properties.put("quarkus.datasource.username", database.username());
    }

    static Path runJar(final Path appsDir, final String module) {
        return appsDir.resolve(module).resolve(RUN_JAR);
    }
}
