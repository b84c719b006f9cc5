package dev.pdm.iiot.platform.apps;

import dev.pdm.iiot.platform.PlatformConnectors;
import dev.pdm.iiot.platform.PlatformSettings;
import dev.pdm.iiot.platform.security.PlatformSecrets;
import dev.pdm.iiot.platform.security.PlatformSecurity;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The detector, the dashboard and the notifier as processes, configured for the embedded platform:
 * all sign people in against the platform's users file; the dashboard acts on the detector with its
 * own account, whose password (like the session key) reaches it through its environment. The
 * dashboard reads the history database and the notifier records its notifications there (the
 * embedded PostgreSQL trusts loopback connections, so neither has a database password).
 *
 * <p>The methods on {@link PlatformSettings} give the single-node platform's apps; those on
 * {@link Where} place an app anywhere (several detector instances of one application, on a cluster
 * of Kafka nodes).
 */
public final class PlatformApps {

    /** Where a module's packaged Quarkus app is, below the apps folder. */
    public static final String RUN_JAR = "target/quarkus-app/quarkus-run.jar";
    private static final String READY = "/q/health/ready";

    /**
     * Where and how an app process runs.
     *
     * @param name           its name in logs, also its log file's
     * @param appsDir        the source tree's root, with the module's packaged app
     * @param jvmOptions     e.g. the heap
     * @param logDir         where its log file goes
     * @param port           its HTTP port
     * @param managementPort its health and metrics port
     */
    public record Where(String name, Path appsDir, List<String> jvmOptions, Path logDir, int port,
                       int managementPort) {
        public Where {
            jvmOptions = List.copyOf(jvmOptions);
        }

        public String url() {
            return "http://localhost:" + port + "/";
        }

        public String managementUrl() {
            return "http://localhost:" + managementPort;
        }

        URI ready() {
            return URI.create(managementUrl() + READY);
        }
    }

    private PlatformApps() {
    }

    public static AppProcess detector(final PlatformSettings settings, final String bootstrapServers,
                                      final PlatformSecrets secrets) {
        return detector(where(settings, "streams-detector", settings.detectorPort(),
                settings.detectorManagementPort()), bootstrapServers, secrets, settings.detectorStateDir(), Map.of());
    }

    /**
     * A detector instance; {@code extra} adds or replaces properties (e.g. {@code detector.instance-id}
     * and the replication factor of its internal topics).
     */
    public static AppProcess detector(final Where where, final String bootstrapServers, final PlatformSecrets secrets,
                                      final Path stateDir, final Map<String, String> extra) {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        ports(properties, where);
        properties.put("detector.state-dir", stateDir.toAbsolutePath().toString());
        properties.put("detector.advertised-host", "localhost");
        properties.put("pdm.security.users-file", secrets.peopleFile().toAbsolutePath().toString());
        properties.putAll(extra);
        return app(where, "streams-detector", properties, Map.of());
    }

    public static AppProcess dashboard(final PlatformSettings settings, final String bootstrapServers,
                                       final PlatformSecrets secrets, final PlatformConnectors.Database database) {
        return dashboard(where(settings, "dashboard-quarkus", settings.dashboardPort(),
                        settings.dashboardManagementPort()), bootstrapServers, secrets, database,
                List.of(where(settings, "streams-detector", settings.detectorPort(), settings.detectorManagementPort())));
    }

    /**
     * The dashboard, asking the instances of one detector application for machine state on behalf
     * of the person signed in: the first, and the next when one does not answer.
     */
    public static AppProcess dashboard(final Where where, final String bootstrapServers, final PlatformSecrets secrets,
                                       final PlatformConnectors.Database database, final List<Where> detectors) {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        ports(properties, where);
        properties.put("dashboard.detector.url", detectors.stream().map(d -> d.url().replaceAll("/$", ""))
                .collect(Collectors.joining(",")));
        properties.put("dashboard.detector.health-url", detectors.stream().map(d -> d.ready().toString())
                .collect(Collectors.joining(",")));
        properties.put("dashboard.detector.username", PlatformSecurity.DASHBOARD);
        properties.put("pdm.security.users-file", secrets.peopleFile().toAbsolutePath().toString());
        datasource(properties, database);
        final Map<String, String> environment = Map.of(
                "DASHBOARD_DETECTOR_PASSWORD", secrets.dashboardPassword(),
                "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", secrets.sessionKey(),
                "QUARKUS_DATASOURCE_PASSWORD", database.password());
        return app(where, "dashboard-quarkus", properties, environment);
    }

    /**
     * The notifier: alerts from Kafka to mail and webhooks by the rules of
     * {@link PlatformSettings#notifierConfigFile()} when it exists (none otherwise: it records nothing
     * and tells nobody), its notifications in the history database, links to this dashboard.
     */
    public static AppProcess notifier(final PlatformSettings settings, final String bootstrapServers,
                                      final PlatformSecrets secrets, final PlatformConnectors.Database database) {
        return notifier(where(settings, "notifier", settings.notifierPort(), settings.notifierManagementPort()),
                bootstrapServers, secrets, database, settings.dashboardUrl(), settings.notifierConfigFile());
    }

    /** The notifier with the rules of {@code rules} when that file exists, linking to {@code dashboardUrl}. */
    public static AppProcess notifier(final Where where, final String bootstrapServers, final PlatformSecrets secrets,
                                      final PlatformConnectors.Database database, final String dashboardUrl,
                                      final Path rules) {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        ports(properties, where);
        properties.put("pdm.security.users-file", secrets.peopleFile().toAbsolutePath().toString());
        properties.put("notifier.dashboard-url", dashboardUrl.replaceAll("/$", ""));
        datasource(properties, database);
        if (Files.isRegularFile(rules)) {
            properties.put("quarkus.config.locations", rules.toAbsolutePath().toUri().toString());
        }
        return app(where, "notifier", properties, Map.of("QUARKUS_DATASOURCE_PASSWORD", database.password()));
    }

    private static Where where(final PlatformSettings settings, final String name, final int port,
                               final int managementPort) {
        return new Where(name, settings.appsDir(), settings.appJvmOptions(), settings.logDir(), port, managementPort);
    }

    private static AppProcess app(final Where where, final String module, final Map<String, String> properties,
                                  final Map<String, String> environment) {
        return new AppProcess(where.name(), runJar(where.appsDir(), module), where.jvmOptions(), properties,
                environment, where.logDir().resolve(where.name() + ".log"), where.ready());
    }

    private static void ports(final Map<String, String> properties, final Where where) {
        properties.put("quarkus.http.port", Integer.toString(where.port()));
        properties.put("quarkus.management.port", Integer.toString(where.managementPort()));
    }

    private static void datasource(final Map<String, String> properties, final PlatformConnectors.Database database) {
        properties.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        properties.put("quarkus.datasource.username", database.username());
    }

    static Path runJar(final Path appsDir, final String module) {
        return appsDir.resolve(module).resolve(RUN_JAR);
    }
}
