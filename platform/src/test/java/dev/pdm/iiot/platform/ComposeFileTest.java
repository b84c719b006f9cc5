package dev.pdm.iiot.platform;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.TopicSpec;
import dev.pdm.iiot.history.HistorySchema;
import dev.pdm.iiot.history.RetentionJob;
import dev.pdm.iiot.hivemq.bridge.config.BridgeConfig;
import dev.pdm.iiot.hivemq.security.config.SecurityConfig;
import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.mqtt.MqttLimits;
import dev.pdm.iiot.platform.compose.KafkaNodeConfig;
import dev.pdm.iiot.platform.security.ComposeSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, its Dockerfiles and configuration files agree with the modules: topics,
 * ports, environment names, plugin paths, broker sizing. No Docker engine is needed (none runs on
 * the project's machines); what only a running engine can show is listed in the README.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern TOPIC_LINE = Pattern.compile("^\\s*create (\\S+) (\\d+)(?: (compact))?\\s*$",
            Pattern.MULTILINE);
    private static final Pattern PROPERTY_NAME = Pattern.compile("`?([a-z][a-z0-9-]*(?:\\.[a-z0-9\"*-]+)+)`?");

    private static final List<String> HISTORY_SINKS = List.of("history-minutes-sink.json", "history-alerts-sink.json",
            "history-models-sink.json");

    /** The services of the profile "cluster" (started on its own), beside the ones it shares. */
    private static final Set<String> CLUSTER_SERVICES = Set.of("kafka-1", "kafka-2", "kafka-3", "cluster-topics",
            "cluster-hivemq-1", "cluster-hivemq-2", "cluster-connect", "cluster-connect-register", "cluster-detector-1",
            "cluster-detector-2", "cluster-detector-3", "cluster-dashboard", "cluster-notifier", "cluster-simulator");
    /** What both topologies run: the database, its one-shot jobs, the identity provider; none talks to Kafka. */
    private static final Set<String> SHARED_WITH_CLUSTER = Set.of("postgres", "postgres-roles", "history-migrate",
            "history-retention", "keycloak");
    private static final List<String> CLUSTER_KAFKA = List.of("kafka-1", "kafka-2", "kafka-3");
    private static final List<String> CLUSTER_DETECTORS = List.of("cluster-detector-1", "cluster-detector-2",
            "cluster-detector-3");
    private static final List<String> CLUSTER_HIVEMQ = List.of("cluster-hivemq-1", "cluster-hivemq-2");
    /** The profile selections the compose file and the docs name, each started on its own. */
    private static final List<Set<String>> SELECTIONS = List.of(Set.of("apps"), Set.of("infra"),
            Set.of("apps", "scale-out"), Set.of("cluster"));

    private final Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));

    @Test
    void createsExactlyThePlatformsTopicsWithTheirPartitionsAndCompaction() {
        final String script = String.join("\n", strings(service("topics").get("command")));
        final Set<TopicSpec> created = new HashSet<>();
        final Matcher m = TOPIC_LINE.matcher(script);
        while (m.find()) {
            created.add(new TopicSpec(m.group(1), Integer.parseInt(m.group(2)), m.group(3) != null));
        }
        assertThat(created).containsExactlyInAnyOrderElementsOf(KafkaTopics.all());
    }

    @Test
    void everyContainerReachesKafkaAtItsInternalListener() throws IOException {
        final String internal = internalKafkaListener();
        assertThat(env("streams-detector")).containsEntry("KAFKA_BOOTSTRAP_SERVERS", internal);
        assertThat(env("dashboard")).containsEntry("KAFKA_BOOTSTRAP_SERVERS", internal);
        assertThat(env("notifier")).containsEntry("KAFKA_BOOTSTRAP_SERVERS", internal);
        assertThat(properties(ROOT.resolve("deploy/connect/worker.properties")).getProperty("bootstrap.servers"))
                .isEqualTo(internal);
        assertThat(String.join(" ", strings(service("kafka").get("healthcheck").toString())))
                .contains("/" + internal.substring(internal.indexOf(':') + 1));
        assertThat(String.join("\n", strings(service("topics").get("command")))).contains(internal);
    }

    @Test
    void kafkaAuthenticatesEveryListenerAndEveryClientAuthenticatesAsItsOwnPrincipal() throws IOException {
        final String broker = Files.readString(ROOT.resolve("deploy/kafka/start.sh"));
        assertThat(broker)
                .contains("listener.security.protocol.map=INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT")
                .contains("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .contains("allow.everyone.if.no.acl.found=false");
        final Properties worker = properties(ROOT.resolve("deploy/connect/worker.properties"));
        for (final String prefix : List.of("", "producer.", "consumer.", "admin.")) {
            assertThat(worker.getProperty(prefix + "security.protocol")).as(prefix).isEqualTo("SASL_PLAINTEXT");
            assertThat(worker.getProperty(prefix + "sasl.jaas.config")).as(prefix)
                    .contains("username=\"connect\"").contains("${env:PDM_KAFKA_PASSWORD}");
        }
    }

    @Test
    void everySecretComposeReadsIsMadeByComposeSecretsAndNoneIsCommitted(@TempDir final Path dir) throws IOException {
        ComposeSecrets.ensure(dir);
        final Map<String, Map<String, String>> made = new HashMap<>();
        try (var files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".env"))
                    .forEach(f -> made.put(f.getFileName().toString(), ComposeSecrets.readEnv(f)));
        }
        services().forEach((name, service) -> strings(service.get("env_file")).forEach(file -> {
            assertThat(file).as(name).startsWith("./deploy/secrets/");
            assertThat(made).as("%s reads %s", name, file).containsKey(file.substring("./deploy/secrets/".length()));
        }));
        services().forEach((name, service) -> strings(service.get("volumes")).stream()
                .filter(v -> v.startsWith("./deploy/secrets/"))
                .forEach(v -> assertThat(dir.resolve(v.substring("./deploy/secrets/".length(), v.indexOf(':'))))
                        .as("%s mounts %s", name, v).exists()));
        assertThat(variables(Files.readString(ROOT.resolve("deploy/kafka/start.sh")), "\\$\\{(KAFKA_[A-Z_]+)[:}]"))
                .isSubsetOf(made.get(ComposeSecrets.KAFKA_ENV).keySet());
        assertThat(variables(Files.readString(ROOT.resolve("deploy/kafka/acls.sh")), "\\$\\{(KAFKA_[A-Z_]+)[:}]"))
                .isSubsetOf(made.get(ComposeSecrets.KAFKA_PRINCIPALS_ENV).keySet());
        assertThat(ComposeSecrets.KAFKA_PRINCIPALS).allSatisfy(principal -> assertThat(
                made.get(ComposeSecrets.KAFKA_PRINCIPALS_ENV)).containsKey("KAFKA_" + principal.toUpperCase(Locale.ROOT)
                + "_PASSWORD"));
        String connectDefinitions = Files.readString(ROOT.resolve("deploy/connect/worker.properties"))
                + Files.readString(ROOT.resolve("connect/kafka-connect-mqtt/config/" + PlatformConnectors.ALERT_SINK));
        for (final String sink : HISTORY_SINKS) {
            connectDefinitions += Files.readString(ROOT.resolve("connect/history-sink/config").resolve(sink));
        }
        assertThat(variables(connectDefinitions, "\\$\\{env:([A-Z_]+)}"))
                .isNotEmpty().isSubsetOf(made.get(ComposeSecrets.CONNECT_ENV).keySet());
        assertThat(variables(Files.readString(ROOT.resolve("deploy/keycloak/pdm-realm.json")), "\\$\\{([A-Z_]+)}"))
                .isNotEmpty().isSubsetOf(made.get(ComposeSecrets.KEYCLOAK_ENV).keySet());
        assertThat(variables(Files.readString(ROOT.resolve("deploy/hivemq/config.xml")), "\\$\\{([A-Z_]+)}"))
                .isNotEmpty().isSubsetOf(made.get(ComposeSecrets.HIVEMQ_ENV).keySet());
        assertThat(variables(Files.readString(ROOT.resolve("deploy/postgres/roles.sh")), "\\$\\{(POSTGRES_[A-Z_]+)[:}]"))
                .isNotEmpty().isSubsetOf(made.get(ComposeSecrets.POSTGRES_ROLES_ENV).keySet());
        assertThat(ComposeSecrets.DB_ROLES).allSatisfy(role -> assertThat(made.get(ComposeSecrets.POSTGRES_ROLES_ENV))
                .containsKey(ComposeSecrets.roleVariable(role)));
        assertThat(made.get(ComposeSecrets.POSTGRES_ENV)).containsKey("POSTGRES_PASSWORD");
        assertThat(made.get(ComposeSecrets.HISTORY_MIGRATE_ENV)).containsKey("FLYWAY_PASSWORD");
        assertThat(made.get(ComposeSecrets.HISTORY_RETENTION_ENV)).containsKey("PGPASSWORD");
        assertThat(made.get(ComposeSecrets.NOTIFIER_ENV)).containsKeys("KAFKA_SASL_JAAS_CONFIG", "QUARKUS_DATASOURCE_PASSWORD");
        assertThat(made.get(ComposeSecrets.DASHBOARD_ENV)).containsKey("QUARKUS_DATASOURCE_PASSWORD");
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains("deploy/secrets/*");
        services().forEach((name, service) -> {
            if (service.get("environment") != null) {
                assertThat(env(name).keySet()).as("%s: secrets come from its env file", name)
                        .noneMatch(key -> key.matches(".*(PASSWORD|SECRET|JAAS|ENCRYPTION_KEY).*"));
            }
        });
        final String file = Files.readString(ROOT.resolve("docker-compose.yml"));
        made.forEach((envFile, values) -> values.forEach((key, value) -> {
            if (key.matches(".*(PASSWORD|SECRET|JAAS|ENCRYPTION_KEY).*")) {
                assertThat(file).as("%s of %s", key, envFile).doesNotContain(value);
            }
        }));
    }

    @Test
    void eachServiceUsesItsOwnDatabaseRoleOnThePlatformsDatabase() throws IOException {
        final String url = "jdbc:postgresql://postgres:5432/" + ComposeSecrets.DATABASE;
        assertThat(env("postgres")).containsEntry("POSTGRES_DB", ComposeSecrets.DATABASE);
        assertThat(env("history-migrate")).containsEntry("FLYWAY_URL", url)
                .containsEntry("FLYWAY_USER", ComposeSecrets.DB_OWNER);
        assertThat(env("history-retention")).containsEntry("PGHOST", "postgres")
                .containsEntry("PGDATABASE", ComposeSecrets.DATABASE)
                .containsEntry("PGUSER", ComposeSecrets.DB_RETENTION);
        assertThat(env("notifier")).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", url)
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", ComposeSecrets.DB_NOTIFIER);
        assertThat(env("dashboard")).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", url)
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", ComposeSecrets.DB_READER);
        assertThat(strings(service("connect-register").get("entrypoint")))
                .contains("connection.url=" + url, "connection.username=" + ComposeSecrets.DB_CONNECT);
        for (final String sink : HISTORY_SINKS) {
            assertThat(Files.readString(ROOT.resolve("connect/history-sink/config").resolve(sink))).as(sink)
                    .contains("\"connection.url\"", "\"connection.username\"")
                    .contains("\"connection.password\": \"${env:PDM_POSTGRES_PASSWORD}\"");
        }
        assertThat(strings(service("postgres-roles").get("entrypoint"))).endsWith("postgres", ComposeSecrets.DATABASE);
        final String roles = Files.readString(ROOT.resolve("deploy/postgres/roles.sql"));
        final String passwords = Files.readString(ROOT.resolve("deploy/postgres/roles.sh"));
        assertThat(ComposeSecrets.DB_ROLES).allSatisfy(role -> {
            assertThat(roles).contains("'" + role + "'");
            assertThat(passwords).containsPattern("for role in [a-z_ ]*\\b" + role + "\\b");
        });
        // the history sinks write, the reader reads, only the retention deletes and runs the history's functions
        assertThat(roles)
                .contains("IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO " + ComposeSecrets.DB_CONNECT + ";")
                .contains("IN SCHEMA public GRANT SELECT ON TABLES TO " + ComposeSecrets.DB_READER + ";")
                .contains("IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + ComposeSecrets.DB_RETENTION + ";")
                .contains("ALTER DEFAULT PRIVILEGES FOR ROLE " + ComposeSecrets.DB_OWNER + " REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;")
                .contains("IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO " + ComposeSecrets.DB_RETENTION + ";")
                .contains("CREATE SCHEMA IF NOT EXISTS notifier AUTHORIZATION " + ComposeSecrets.DB_NOTIFIER + ";");
    }

    @Test
    void theHistorySchemaIsMigratedOnceBeforeItsSinksAndItsReadersStart() {
        assertThat(condition("postgres-roles", "postgres")).isEqualTo("service_healthy");
        assertThat(condition("history-migrate", "postgres-roles")).isEqualTo("service_completed_successfully");
        assertThat(condition("connect-register", "history-migrate")).isEqualTo("service_completed_successfully");
        assertThat(condition("dashboard", "history-migrate")).isEqualTo("service_completed_successfully");
        assertThat(condition("history-retention", "history-migrate")).isEqualTo("service_completed_successfully");
        assertThat(condition("notifier", "postgres-roles")).isEqualTo("service_completed_successfully");
        assertThat(condition("notifier", "topics")).isEqualTo("service_completed_successfully");
        // the history module's migrations, by the Flyway version the platform itself migrates with
        final String location = HistorySchema.LOCATION.substring("classpath:".length());
        assertThat(strings(service("history-migrate").get("volumes")))
                .containsExactly("./history/src/main/resources/" + location + ":/flyway/sql:ro");
        assertThat(env("history-migrate")).containsEntry("FLYWAY_LOCATIONS", "filesystem:/flyway/sql")
                .containsEntry("FLYWAY_TABLE", HistorySchema.HISTORY_TABLE);
        assertThat(strings(service("history-migrate").get("command"))).containsExactly("migrate");
        assertThat(ROOT.resolve("history/src/main/resources/" + location)).isDirectory();
        final Matcher flyway = Pattern.compile("flyway-core-([0-9][^/]*)\\.jar$")
                .matcher(org.flywaydb.core.Flyway.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        assertThat(flyway.find()).as("the flyway-core jar on the classpath").isTrue();
        assertThat(service("history-migrate").get("image")).isEqualTo("flyway/flyway:" + flyway.group(1));
    }

    @Test
    void postgresKeepsItsDataInANamedVolumeAndIsHealthyOnlyWhenItServesTcp() {
        final String image = service("postgres").get("image").toString();
        assertThat(image).startsWith("postgres:");
        final int major = Integer.parseInt(image.substring("postgres:".length()).replaceAll("[^0-9].*$", ""));
        assertThat(major).as("date_bin needs PostgreSQL 14+").isGreaterThanOrEqualTo(14);
        // from 18 the image keeps its data under /var/lib/postgresql/<major>/docker and refuses a mount at .../data
        assertThat(strings(service("postgres").get("volumes")))
                .containsExactly(major >= 18 ? "postgres-data:/var/lib/postgresql" : "postgres-data:/var/lib/postgresql/data");
        assertThat(healthcheck("postgres")).contains("pg_isready").contains("-h 127.0.0.1")
                .contains("-d " + ComposeSecrets.DATABASE);
        for (final String client : List.of("postgres-roles", "history-retention")) {
            assertThat(service(client).get("image")).as(client).isEqualTo(image);
        }
    }

    @Test
    void everyNamedVolumeIsDeclared() {
        final Set<String> declared = ((Map<?, ?>) compose.get("volumes")).keySet().stream().map(String::valueOf)
                .collect(Collectors.toSet());
        services().forEach((name, service) -> strings(service.get("volumes")).stream()
                .filter(v -> !v.startsWith(".") && !v.startsWith("/"))
                .forEach(v -> assertThat(declared).as("%s mounts %s", name, v).contains(v.substring(0, v.indexOf(':')))));
    }

    @Test
    void theRetentionServiceRunsTheHistorysFunctionsAsTheRetentionJobDoes() throws IOException {
        final RetentionJob.Settings defaults = RetentionJob.Settings.defaults();
        assertThat(env("history-retention"))
                .containsEntry("HISTORY_RETENTION_EVERY", Long.toString(defaults.every().toSeconds()))
                .containsEntry("HISTORY_ROLLUP_LOOK_BACK", defaults.lookBack().toHours() + " hours")
                .containsEntry("HISTORY_ROLLUP_SETTLE", defaults.settle().toMinutes() + " minutes")
                .containsEntry("HISTORY_MINUTE_RETENTION", defaults.minuteRetention().toDays() + " days")
                .containsEntry("HISTORY_HOUR_RETENTION", defaults.hourRetention().toDays() + " days");
        assertThat(Files.readString(ROOT.resolve("deploy/postgres/retention.sh")))
                .contains("--single-transaction")
                .contains("history_rollup(").contains("history_prune(")
                .contains("HISTORY_RETENTION_EVERY").contains("HISTORY_ROLLUP_LOOK_BACK").contains("HISTORY_ROLLUP_SETTLE")
                .contains("HISTORY_MINUTE_RETENTION").contains("HISTORY_HOUR_RETENTION");
        assertThat(strings(service("history-retention").get("volumes")))
                .containsExactly("./deploy/postgres/retention.sh:/opt/pdm/retention.sh:ro");
    }

    @Test
    void everyKafkaPrincipalGetsItsPasswordAndTheNotifierOnlyReadsAlertsInItsGroup() throws IOException {
        final Matcher loop = Pattern.compile("for principal in ([a-z ]+); do")
                .matcher(Files.readString(ROOT.resolve("deploy/kafka/acls.sh")));
        assertThat(loop.find()).isTrue();
        assertThat(List.of(loop.group(1).strip().split(" "))).containsExactlyInAnyOrderElementsOf(ComposeSecrets.KAFKA_PRINCIPALS);
        final List<List<String>> acls = Files.readAllLines(ROOT.resolve("deploy/kafka/acls.conf")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> List.of(l.split("\\s+"))).toList();
        assertThat(acls.stream().map(l -> l.get(0)).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(ComposeSecrets.KAFKA_PRINCIPALS);
        final Properties notifier = properties(ROOT.resolve("notifier/src/main/resources/application.properties"));
        final String group = notifier.getProperty("mp.messaging.incoming.machine-alerts.group.id");
        assertThat(acls.stream().filter(l -> l.get(0).equals("notifier")).toList()).containsExactlyInAnyOrder(
                List.of("notifier", "topic", "literal", notifier.getProperty("mp.messaging.incoming.machine-alerts.topic"),
                        "Read,Describe"),
                List.of("notifier", "group", "literal", group, "Read,Describe"));
    }

    private String condition(final String service, final String dependency) {
        final Map<?, ?> dependsOn = (Map<?, ?>) service(service).get("depends_on");
        assertThat(dependsOn).as("%s depends on something", service).isNotNull();
        final Map<?, ?> condition = (Map<?, ?>) dependsOn.get(dependency);
        assertThat(condition).as("%s depends on %s", service, dependency).isNotNull();
        return String.valueOf(condition.get("condition"));
    }

    private static Set<String> variables(final String text, final String pattern) {
        final Set<String> names = new HashSet<>();
        final Matcher m = Pattern.compile(pattern).matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Where containers reach the single node "kafka": its INTERNAL listener as start.sh advertises it. */
    private String internalKafkaListener() throws IOException {
        return internalListener(kafkaNode("kafka"));
    }

    private static String internalListener(final Properties node) {
        final Matcher m = Pattern.compile("INTERNAL://([^,\\s]+)").matcher(node.getProperty("advertised.listeners", ""));
        assertThat(m.find()).as("deploy/kafka/start.sh advertises an INTERNAL listener").isTrue();
        return m.group(1);
    }

    /** The server.properties start.sh writes for a Kafka service (secrets stand in for kafka.env's). */
    private Properties kafkaNode(final String service) throws IOException {
        final Map<String, String> environment = new HashMap<>(Map.of("KAFKA_CLUSTER_ID", "cluster-id",
                "KAFKA_ADMIN_PASSWORD", "admin-password", "KAFKA_CONTROLLER_PASSWORD", "controller-password"));
        if (service(service).get("environment") != null) {
            environment.putAll(env(service));
        }
        return KafkaNodeConfig.render(environment);
    }

    @Test
    void theAppsListenOnThePortsTheirModulesConfigure() throws IOException {
        final int detectorPort = quarkusPort("streams-detector");
        final int dashboardPort = quarkusPort("dashboard-quarkus");
        final int detectorManagement = managementPort("streams-detector");
        final int dashboardManagement = managementPort("dashboard-quarkus");
        final int notifierPort = quarkusPort("notifier");
        final int notifierManagement = managementPort("notifier");
        assertThat(strings(service("notifier").get("ports"))).containsExactly(notifierPort + ":" + notifierPort);
        assertThat(healthcheck("notifier")).contains("/" + notifierManagement).contains("/q/health/ready");
        assertThat(Files.readString(ROOT.resolve("notifier/Dockerfile"))).contains("EXPOSE " + notifierPort)
                .contains(Integer.toString(notifierManagement));
        assertThat(strings(service("streams-detector").get("ports"))).containsExactly(Integer.toString(detectorPort));
        assertThat(strings(service("dashboard").get("ports"))).containsExactly(dashboardPort + ":" + dashboardPort);
        final URI detectorUrl = URI.create(env("dashboard").get("DASHBOARD_DETECTOR_URL"));
        assertThat(detectorUrl.getHost()).isEqualTo("streams-detector");
        assertThat(detectorUrl.getPort()).isEqualTo(detectorPort);
        // health is on the management interface, the only one that answers without credentials
        assertThat(healthcheck("streams-detector")).contains("/" + detectorManagement).contains("/q/health/ready");
        assertThat(healthcheck("dashboard")).contains("/" + dashboardManagement).contains("/q/health/ready");
        assertThat(env("dashboard").get("DASHBOARD_DETECTOR_HEALTH_URL"))
                .isEqualTo("http://streams-detector:" + detectorManagement + "/q/health/ready");
        assertThat(Files.readString(ROOT.resolve("streams-detector/Dockerfile"))).contains("EXPOSE " + detectorPort)
                .contains(Integer.toString(detectorManagement));
        assertThat(Files.readString(ROOT.resolve("dashboard-quarkus/Dockerfile"))).contains("EXPOSE " + dashboardPort)
                .contains(Integer.toString(dashboardManagement));
    }

    @Test
    void everyEnvironmentVariableOfAnAppIsASettingOfItsModule() throws IOException {
        assertThat(env("streams-detector").keySet()).isSubsetOf(envNamesOf("streams-detector"));
        assertThat(env("dashboard").keySet()).isSubsetOf(envNamesOf("dashboard-quarkus"));
        assertThat(env("notifier").keySet()).isSubsetOf(envNamesOf("notifier"));
        final String simulatorReadme = Files.readString(ROOT.resolve("simulator/README.md"));
        assertThat(env("simulator").keySet()).allSatisfy(name -> assertThat(simulatorReadme).contains("`" + name + "`"));
    }

    @Test
    void mqttClientsAndConnectorsPointAtTheHivemqService() throws IOException {
        final String mqttUri = "tcp://hivemq:" + mqttContainerPort();
        assertThat(env("simulator")).containsEntry("SIM_MQTT_URI", mqttUri);
        for (final String file : List.of(PlatformConnectors.ALERT_SINK, PlatformConnectors.READINGS_SOURCE)) {
            final Path definition = ROOT.resolve("connect/kafka-connect-mqtt/config").resolve(file);
            assertThat(Files.readString(definition)).as(file).contains("\"mqtt.server.uri\": \"" + mqttUri + "\"");
        }
        final List<String> registered = new ArrayList<>(List.of("./connect/kafka-connect-mqtt/config/"
                + PlatformConnectors.ALERT_SINK + ":/opt/connect/config/" + PlatformConnectors.ALERT_SINK + ":ro"));
        HISTORY_SINKS.forEach(sink -> registered.add("./connect/history-sink/config/" + sink + ":/opt/connect/config/" + sink
                + ":ro"));
        registered.add("./deploy/connect/register.sh:/opt/connect/register.sh:ro");
        assertThat(strings(service("connect-register").get("volumes")))
                .as("the alert sink and the history sinks, not the readings source: the broker bridges readings")
                .containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void everyBrokerNodeRunsTheKafkaBridgeTheBuildPackagesAgainstTheInternalListener() throws IOException {
        final String version = System.getProperty("project.version");
        assertThat(version).as("project.version (set by the build)").isNotBlank();
        final Path module = ROOT.resolve("connect/hivemq-kafka-bridge");
        assertThat(Files.readString(module.resolve("pom.xml"))).contains("<finalName>pdm-kafka-bridge-${project.version}</finalName>");
        assertThat(Files.readString(module.resolve("src/main/assembly/extension.xml")))
                .contains("<baseDirectory>pdm-kafka-bridge</baseDirectory>");
        final String mount = "./connect/hivemq-kafka-bridge/target/pdm-kafka-bridge-" + version
                + "/pdm-kafka-bridge:/opt/hivemq/extensions/pdm-kafka-bridge:ro";
        final String internal = internalKafkaListener();
        final Set<String> brokerSettings = BridgeConfig.KEYS.stream().map(BridgeConfig::envVariable)
                .collect(Collectors.toCollection(HashSet::new));
        SecurityConfig.KEYS.stream().map(SecurityConfig::envVariable).forEach(brokerSettings::add);
        final String securityMount = "./connect/hivemq-security/target/pdm-security-" + version
                + "/pdm-security:/opt/hivemq/extensions/pdm-security:ro";
        for (final String node : List.of("hivemq", "hivemq-2")) {
            assertThat(strings(service(node).get("volumes"))).as(node).contains(mount).contains(securityMount)
                    .contains("./deploy/hivemq/config.xml:/opt/hivemq/conf/config.xml:ro")
                    .anyMatch(v -> v.endsWith("/opt/hivemq/extensions/hivemq-allow-all-extension/DISABLED:ro"));
            assertThat(env(node)).as(node).containsEntry(BridgeConfig.envVariable(BridgeConfig.BOOTSTRAP_SERVERS), internal);
            assertThat(env(node)).as(node).containsKey(SecurityConfig.envVariable(SecurityConfig.CREDENTIALS_FILE));
            assertThat(env(node).keySet()).as(node).isSubsetOf(brokerSettings);
        }
    }

    @Test
    void hivemqIsSizedLikeTheEmbeddedBroker() throws IOException {
        final String config = Files.readString(ROOT.resolve("deploy/hivemq/config.xml"));
        assertThat(config)
                .contains("<port>" + mqttContainerPort() + "</port>")
                .contains("<max-queue-size>" + MqttBrokerConfig.DEFAULT_MAX_QUEUED_MESSAGES + "</max-queue-size>")
                .contains("<server-receive-maximum>" + MqttBrokerConfig.DEFAULT_SERVER_RECEIVE_MAXIMUM
                        + "</server-receive-maximum>")
                .contains("<max-packet-size>" + MqttLimits.DEFAULT_MAX_PACKET_SIZE + "</max-packet-size>")
                .contains("<max-topic-length>" + MqttLimits.DEFAULT_MAX_TOPIC_LENGTH + "</max-topic-length>")
                .contains("<max-client-id-length>" + MqttLimits.DEFAULT_MAX_CLIENT_ID_LENGTH + "</max-client-id-length>")
                .containsPattern("<topic-alias>\\s*<enabled>false</enabled>")
                .contains("<mode>file</mode>")
                .containsPattern("<anonymous-usage-statistics>\\s*<enabled>false</enabled>");
        assertThat(strings(service("hivemq").get("volumes")))
                .contains("./deploy/hivemq/config.xml:/opt/hivemq/conf/config.xml:ro");
    }

    @Test
    void theWorkerLoadsThePluginThatTheConnectModuleBuilds() throws IOException {
        final String version = System.getProperty("project.version");
        assertThat(version).as("project.version (set by the build)").isNotBlank();
        final String pluginDir = "pdm-mqtt-connect-" + version;
        assertThat(Files.readString(ROOT.resolve("connect/kafka-connect-mqtt/pom.xml"))).contains("<finalName>pdm-mqtt-connect-${project.version}</finalName>");
        final Properties worker = properties(ROOT.resolve("deploy/connect/worker.properties"));
        final String plugins = worker.getProperty("plugin.path");
        // the history sinks' transforms beside the MQTT plugin's jars (the event contract, Jackson): one plugin
        assertThat(strings(service("connect").get("volumes"))).containsExactlyInAnyOrder(
                "./deploy/connect/worker.properties:/opt/connect/worker.properties:ro",
                "./connect/kafka-connect-mqtt/target/" + pluginDir + ":" + plugins + "/pdm/mqtt:ro",
                "./connect/history-sink/target/iiot-pdm-history-sink-" + version + ".jar:" + plugins
                        + "/pdm/iiot-pdm-history-sink.jar:ro",
                "./platform/target/connect-plugins/debezium-connector-jdbc:" + plugins + "/debezium-connector-jdbc:ro");
        assertThat(worker.getProperty("plugin.discovery")).isEqualTo("service_load");
        assertThat(ROOT.resolve("connect/kafka-connect-mqtt/src/main/resources/META-INF/services/org.apache.kafka.connect.source.SourceConnector"))
                .exists();
        assertThat(ROOT.resolve("connect/history-sink/src/main/resources/META-INF/services/org.apache.kafka.connect.transforms.Transformation"))
                .exists();
        assertThat(Files.readString(ROOT.resolve("connect/kafka-connect-mqtt/pom.xml")))
                .contains("<artifactId>iiot-pdm-events</artifactId>");
        // the build unpacks Debezium's plugin archive (its top folder debezium-connector-jdbc) there
        assertThat(Files.readString(ROOT.resolve("platform/pom.xml")))
                .contains("<artifactId>debezium-connector-jdbc</artifactId>")
                .contains("<outputDirectory>${project.build.directory}/connect-plugins</outputDirectory>");
        for (final String sink : HISTORY_SINKS) {
            assertThat(Files.readString(ROOT.resolve("connect/history-sink/config").resolve(sink))).as(sink)
                    .contains("\"connector.class\": \"io.debezium.connector.jdbc.JdbcSinkConnector\"")
                    .contains("dev.pdm.iiot.connect.history.");
        }
    }

    @Test
    void everyBuiltServiceHasADockerfileCopyingWhatItsModulePackages() throws IOException {
        assertThat(Files.readString(ROOT.resolve("streams-detector/Dockerfile"))).contains("COPY target/quarkus-app/");
        assertThat(Files.readString(ROOT.resolve("dashboard-quarkus/Dockerfile"))).contains("COPY target/quarkus-app/");
        assertThat(Files.readString(ROOT.resolve("simulator/Dockerfile"))).contains("COPY target/iiot-pdm-simulator-*-all.jar");
        assertThat(Files.readString(ROOT.resolve("simulator/pom.xml"))).contains("<shadedClassifierName>all</shadedClassifierName>");
        for (final Map.Entry<String, Map<String, Object>> s : services().entrySet()) {
            if (s.getValue().containsKey("build")) {
                assertThat(ROOT.resolve(s.getValue().get("build").toString()).resolve("Dockerfile")).as(s.getKey()).exists();
            }
        }
    }

    @Test
    void dependenciesWaitOnConditionsTheirTargetsCanMeet() {
        for (final Map.Entry<String, Map<String, Object>> s : services().entrySet()) {
            final Object dependsOn = s.getValue().get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            @SuppressWarnings("unchecked") final Map<String, Map<String, String>> conditions =
                    (Map<String, Map<String, String>>) dependsOn;
            conditions.forEach((target, condition) -> {
                assertThat(services()).as("%s depends on %s", s.getKey(), target).containsKey(target);
                if ("service_healthy".equals(condition.get("condition"))) {
                    assertThat(service(target)).as("%s has a healthcheck", target).containsKey("healthcheck");
                } else {
                    assertThat(condition.get("condition")).isEqualTo("service_completed_successfully");
                    assertThat(service(target).get("restart")).as("%s runs once", target).isEqualTo("no");
                }
            });
        }
    }

    @Test
    void theInfraProfileStartsTheBrokersOnlyAndDockerComposeUpStartsEverything() throws IOException {
        final Set<String> apps = Set.of("streams-detector", "dashboard", "notifier", "simulator");
        services().forEach((name, service) -> {
            final List<String> profiles = strings(service.get("profiles"));
            if (apps.contains(name)) {
                assertThat(profiles).as(name).containsExactly("apps");
            } else if ("hivemq-2".equals(name)) {
                assertThat(profiles).as(name).containsExactly("scale-out");
            } else if (SHARED_WITH_CLUSTER.contains(name)) {
                assertThat(profiles).as(name).containsExactlyInAnyOrder("infra", "apps", "cluster");
            } else if (CLUSTER_SERVICES.contains(name)) {
                assertThat(profiles).as(name).containsExactly("cluster");
            } else {
                assertThat(profiles).as(name).containsExactlyInAnyOrder("infra", "apps");
            }
        });
        assertThat(Files.readAllLines(ROOT.resolve(".env"))).contains("COMPOSE_PROFILES=apps");
    }

    // ---- the profile "cluster": survives any one failure (docs/RELIABILITY.md) ----

    @Test
    void theClusterProfileRunsEveryPartOfThePlatformOnServicesOfItsOwnOrSharedOnes() {
        assertThat(services().keySet()).containsAll(CLUSTER_SERVICES).containsAll(SHARED_WITH_CLUSTER);
        final Set<String> cluster = active(Set.of("cluster"));
        assertThat(cluster).as("the cluster profile started on its own")
                .containsExactlyInAnyOrderElementsOf(union(CLUSTER_SERVICES, SHARED_WITH_CLUSTER));
        // a twin of every default service but the single Kafka node, the default topology's second HiveMQ node and
        // the services both run
        services().keySet().stream()
                .filter(name -> !SHARED_WITH_CLUSTER.contains(name) && !CLUSTER_SERVICES.contains(name))
                .filter(name -> !List.of("kafka", "hivemq", "hivemq-2", "streams-detector").contains(name))
                .forEach(name -> assertThat(services()).as("the cluster's %s", name).containsKey("cluster-" + name));
        // what the cluster's services run is the default topology's: the same images and builds
        for (final String name : List.of("topics", "connect", "connect-register", "dashboard", "notifier", "simulator")) {
            final Map<String, Object> twin = service("cluster-" + name);
            assertThat(twin.get("image")).as(name).isEqualTo(service(name).get("image"));
            assertThat(twin.get("build")).as(name).isEqualTo(service(name).get("build"));
            assertThat(twin.get("env_file")).as(name).isEqualTo(service(name).get("env_file"));
        }
        assertThat(service("cluster-topics").get("command")).isEqualTo(service("topics").get("command"));
        CLUSTER_DETECTORS.forEach(d -> assertThat(service(d).get("build")).as(d).isEqualTo(service("streams-detector").get("build")));
        CLUSTER_KAFKA.forEach(k -> assertThat(service(k).get("image")).as(k).isEqualTo(service("kafka").get("image")));
        CLUSTER_HIVEMQ.forEach(h -> assertThat(service(h).get("image")).as(h).isEqualTo(service("hivemq").get("image")));
    }

    @Test
    void theClustersThreeKafkaNodesFormOneQuorumAndKeepEveryTopicOnAllThree() throws IOException {
        final Set<String> ids = new HashSet<>();
        final Set<String> voters = new HashSet<>();
        final Set<String> dataVolumes = new HashSet<>();
        final Set<String> hostPorts = new HashSet<>();
        for (final String node : CLUSTER_KAFKA) {
            final Properties config = kafkaNode(node);
            assertThat(config.getProperty("process.roles")).as(node).isEqualTo("broker,controller");
            ids.add(config.getProperty("node.id"));
            voters.add(config.getProperty("controller.quorum.voters"));
            // the node is a voter under its own id and name, and advertises that name to the containers
            assertThat(List.of(config.getProperty("controller.quorum.voters").split(",")))
                    .as(node).contains(config.getProperty("node.id") + "@" + node + ":9093");
            assertThat(internalListener(config)).as(node).isEqualTo(node + ":19092");
            assertThat(service(node).get("hostname")).as(node).isEqualTo(node);
            // the host reaches each node at the port it advertises
            final Matcher external = Pattern.compile("EXTERNAL://localhost:(\\d+)").matcher(config.getProperty("advertised.listeners"));
            assertThat(external.find()).as(node).isTrue();
            assertThat(strings(service(node).get("ports"))).as(node).containsExactly(external.group(1) + ":9092");
            hostPorts.add(external.group(1));
            for (final String key : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                    "share.coordinator.state.topic.replication.factor", "default.replication.factor")) {
                assertThat(config.getProperty(key)).as("%s %s", node, key).isEqualTo("3");
            }
            for (final String key : List.of("transaction.state.log.min.isr", "share.coordinator.state.topic.min.isr",
                    "min.insync.replicas")) {
                assertThat(config.getProperty(key)).as("%s %s", node, key).isEqualTo("2");
            }
            assertThat(config.getProperty("unclean.leader.election.enable")).as(node).isEqualTo("false");
            // the same cluster id and passwords as the single node, the same script
            assertThat(service(node).get("env_file")).as(node).isEqualTo(service("kafka").get("env_file"));
            assertThat(service(node).get("entrypoint")).as(node).isEqualTo(service("kafka").get("entrypoint"));
            assertThat(service(node).get("healthcheck")).as(node).isEqualTo(service("kafka").get("healthcheck"));
            final List<String> volumes = strings(service(node).get("volumes"));
            assertThat(volumes).as(node).contains("./deploy/kafka/start.sh:/opt/pdm/start.sh:ro");
            volumes.stream().filter(v -> v.endsWith(":/var/lib/kafka/data")).forEach(dataVolumes::add);
        }
        assertThat(ids).as("node ids").containsExactlyInAnyOrder("1", "2", "3");
        assertThat(voters).as("one quorum: the same voters on every node").hasSize(1);
        assertThat(List.of(voters.iterator().next().split(","))).containsExactlyInAnyOrder(
                "1@kafka-1:9093", "2@kafka-2:9093", "3@kafka-3:9093");
        assertThat(dataVolumes).as("a data volume per node").hasSize(3)
                .noneMatch(v -> v.startsWith("kafka-data:"));
        assertThat(hostPorts).hasSize(3);
        // the single node stays what it was: node 1, a quorum of its own, replication factor 1
        final Properties single = kafkaNode("kafka");
        assertThat(single.getProperty("node.id")).isEqualTo("1");
        assertThat(single.getProperty("controller.quorum.voters")).isEqualTo("1@kafka:9093");
        assertThat(single.getProperty("advertised.listeners")).isEqualTo("INTERNAL://kafka:19092,EXTERNAL://localhost:9092");
        assertThat(single.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(single.getProperty("min.insync.replicas")).isEqualTo("1");
    }

    @Test
    void everyClusterServiceReachesAllThreeKafkaNodesWithAcknowledgementsFromTwo() throws IOException {
        final String nodes = CLUSTER_KAFKA.stream().map(n -> n + ":19092").collect(Collectors.joining(","));
        for (final String app : union(Set.copyOf(CLUSTER_DETECTORS), Set.of("cluster-dashboard", "cluster-notifier"))) {
            assertThat(env(app)).as(app).containsEntry("KAFKA_BOOTSTRAP_SERVERS", nodes);
        }
        CLUSTER_HIVEMQ.forEach(node -> assertThat(env(node)).as(node)
                .containsEntry(BridgeConfig.envVariable(BridgeConfig.BOOTSTRAP_SERVERS), nodes));
        // the topics: on the three nodes, three replicas each, two in sync for a write
        assertThat(env("cluster-topics")).containsEntry("PDM_KAFKA_BOOTSTRAP", nodes)
                .containsEntry("PDM_REPLICATION_FACTOR", "3").containsEntry("PDM_MIN_INSYNC_REPLICAS", "2");
        final String script = String.join("\n", strings(service("cluster-topics").get("command")));
        assertThat(script).contains("--bootstrap-server \"$$bootstrap\"")
                .contains("$${PDM_REPLICATION_FACTOR:+--replication-factor $$PDM_REPLICATION_FACTOR}")
                .contains("$${PDM_MIN_INSYNC_REPLICAS:+--config min.insync.replicas=$$PDM_MIN_INSYNC_REPLICAS}")
                .contains("acls.sh \"$$bootstrap\"")
                .contains("bootstrap=\"$${PDM_KAFKA_BOOTSTRAP:-" + internalKafkaListener() + "}\"");
        // the Connect worker: worker.properties, then the cluster's lines, which win
        final Properties worker = properties(ROOT.resolve("deploy/connect/worker.properties"));
        final Properties overlay = properties(ROOT.resolve("deploy/connect/worker-cluster.properties"));
        assertThat(overlay.getProperty("bootstrap.servers")).isEqualTo(nodes);
        for (final String storage : List.of("config", "offset", "status")) {
            assertThat(worker).as(storage).containsKey(storage + ".storage.replication.factor");
            assertThat(overlay.getProperty(storage + ".storage.replication.factor")).as(storage).isEqualTo("3");
        }
        assertThat(overlay.stringPropertyNames()).as("the cluster changes where Kafka is and how its state is kept, "
                + "nothing of its security").allMatch(k -> k.equals("bootstrap.servers") || k.endsWith(".storage.replication.factor"));
        assertThat(strings(service("cluster-connect").get("volumes")))
                .contains("./deploy/connect/worker-cluster.properties:/opt/connect/worker-cluster.properties:ro")
                .containsAll(strings(service("connect").get("volumes")));
        assertThat(String.join(" ", strings(service("cluster-connect").get("command"))))
                .contains("cat /opt/connect/worker.properties /opt/connect/worker-cluster.properties > /tmp/worker.properties")
                .contains("connect-distributed.sh /tmp/worker.properties");
        // producers wait for all in-sync replicas: the bridge fixes acks=all, the detector writes exactly once
        // (its producers are idempotent, so acks=all), the dashboard's commands ask for it
        assertThat(Files.readString(ROOT.resolve(
                "connect/hivemq-kafka-bridge/src/main/java/dev/pdm/iiot/hivemq/bridge/kafka/KafkaForwarder.java")))
                .contains("settings.put(ProducerConfig.ACKS_CONFIG, \"all\")");
        assertThat(properties(ROOT.resolve("streams-detector/src/main/resources/application.properties"))
                .getProperty("kafka-streams.processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(properties(ROOT.resolve("dashboard-quarkus/src/main/resources/application.properties"))
                .getProperty("mp.messaging.outgoing.alert-commands.acks")).isEqualTo("all");
        // nothing of the cluster talks to the single node
        CLUSTER_SERVICES.forEach(name -> assertThat(String.valueOf(service(name))).as(name)
                .doesNotContainPattern("(?<![a-z-])kafka:19092(?!})"));
    }

    @Test
    void theClustersTwoHivemqNodesRunTheExtensionsAndKeepTheirSessions() throws IOException {
        final String version = System.getProperty("project.version");
        assertThat(version).as("project.version (set by the build)").isNotBlank();
        final Set<String> brokerSettings = BridgeConfig.KEYS.stream().map(BridgeConfig::envVariable)
                .collect(Collectors.toCollection(HashSet::new));
        SecurityConfig.KEYS.stream().map(SecurityConfig::envVariable).forEach(brokerSettings::add);
        final Set<String> dataVolumes = new HashSet<>();
        for (final String node : CLUSTER_HIVEMQ) {
            final List<String> volumes = strings(service(node).get("volumes"));
            assertThat(volumes).as(node)
                    .contains("./connect/hivemq-kafka-bridge/target/pdm-kafka-bridge-" + version
                            + "/pdm-kafka-bridge:/opt/hivemq/extensions/pdm-kafka-bridge:ro")
                    .contains("./connect/hivemq-security/target/pdm-security-" + version
                            + "/pdm-security:/opt/hivemq/extensions/pdm-security:ro")
                    .contains("./deploy/hivemq/config.xml:/opt/hivemq/conf/config.xml:ro")
                    .contains("./deploy/secrets/mqtt-credentials:/opt/pdm/secrets/mqtt-credentials:ro")
                    .contains("./deploy/secrets/tls:/opt/pdm/secrets/tls:ro")
                    .anyMatch(v -> v.endsWith("/opt/hivemq/extensions/hivemq-allow-all-extension/DISABLED:ro"));
            // the same mounts as the default topology's node, but for the data volume
            assertThat(volumes.stream().filter(v -> !v.endsWith(":/opt/hivemq/data")).toList()).as(node)
                    .containsExactlyElementsOf(strings(service("hivemq").get("volumes")).stream()
                            .filter(v -> !v.endsWith(":/opt/hivemq/data")).toList());
            final List<String> data = volumes.stream().filter(v -> v.endsWith(":/opt/hivemq/data")).toList();
            assertThat(data).as("%s keeps its sessions and queues in a named volume", node).hasSize(1)
                    .allMatch(v -> !v.startsWith(".") && !v.startsWith("/"));
            dataVolumes.addAll(data);
            assertThat(env(node)).as(node).containsKey(SecurityConfig.envVariable(SecurityConfig.CREDENTIALS_FILE));
            assertThat(env(node).keySet()).as(node).isSubsetOf(brokerSettings);
            assertThat(service(node).get("env_file")).as(node).isEqualTo(service("hivemq").get("env_file"));
            assertThat(service(node).get("healthcheck")).as(node).isEqualTo(service("hivemq").get("healthcheck"));
        }
        assertThat(dataVolumes).as("a data volume per node, none of the default topology's").hasSize(2)
                .noneMatch(v -> v.startsWith("hivemq-data:") || v.startsWith("hivemq-2-data:"));
        // the nodes answer at the default topology's names, which the alert sinks and the devices use
        assertThat(aliases("cluster-hivemq-1")).containsExactly("hivemq");
        assertThat(aliases("cluster-hivemq-2")).containsExactly("hivemq-2");
        assertThat(strings(service("cluster-hivemq-1").get("ports"))).isEqualTo(strings(service("hivemq").get("ports")));
        assertThat(strings(service("cluster-hivemq-2").get("ports"))).isEqualTo(strings(service("hivemq-2").get("ports")));
        // devices get both: the first node, then the one to fail over to
        final int port = mqttContainerPort();
        assertThat(env("cluster-simulator")).containsEntry("SIM_MQTT_URI", "tcp://hivemq:" + port + ",tcp://hivemq-2:" + port);
        assertThat(condition("cluster-simulator", "cluster-hivemq-1")).isEqualTo("service_healthy");
        assertThat(condition("cluster-simulator", "cluster-hivemq-2")).isEqualTo("service_healthy");
        final Map<String, String> simulator = new HashMap<>(env("simulator"));
        final Map<String, String> clusterSimulator = new HashMap<>(env("cluster-simulator"));
        simulator.remove("SIM_MQTT_URI");
        clusterSimulator.remove("SIM_MQTT_URI");
        assertThat(clusterSimulator).isEqualTo(simulator);
    }

    @Test
    void theClusterRegistersASecondAlertSinkPublishingEveryAlertToTheSecondHivemqNode() throws IOException {
        final Path second = ROOT.resolve("deploy/connect/mqtt-alerts-sink-2.json");
        final Map<String, Object> first = yaml(ROOT.resolve("connect/kafka-connect-mqtt/config/" + PlatformConnectors.ALERT_SINK));
        final Map<String, Object> other = yaml(second);
        assertThat(other.get("name")).isNotEqualTo(first.get("name"));
        final Map<?, ?> firstConfig = (Map<?, ?>) first.get("config");
        final Map<?, ?> otherConfig = (Map<?, ?>) other.get("config");
        final int port = mqttContainerPort();
        assertThat(firstConfig.get("mqtt.server.uri")).isEqualTo("tcp://hivemq:" + port);
        assertThat(otherConfig.get("mqtt.server.uri")).isEqualTo("tcp://hivemq-2:" + port);
        // the same alerts, topic, QoS, account and secret reference: only the node differs (and the name, whose
        // consumer group connect-<name> reads every alert for this sink alone)
        final Map<Object, Object> rest = new HashMap<>(otherConfig);
        rest.put("mqtt.server.uri", firstConfig.get("mqtt.server.uri"));
        assertThat(rest).isEqualTo(firstConfig);
        assertThat(otherConfig.get("mqtt.password")).isEqualTo("${env:PDM_MQTT_PASSWORD}");
        final List<String> registered = strings(service("cluster-connect-register").get("volumes"));
        assertThat(registered).contains("./deploy/connect/mqtt-alerts-sink-2.json:/opt/connect/config/mqtt-alerts-sink-2.json:ro")
                .containsAll(strings(service("connect-register").get("volumes")));
        assertThat(registered).as("the alert sinks and the history sinks, not the readings source").hasSize(6);
        assertThat(strings(service("connect-register").get("volumes")))
                .noneMatch(v -> v.contains("mqtt-alerts-sink-2.json"));
        assertThat(service("cluster-connect-register").get("entrypoint")).isEqualTo(service("connect-register").get("entrypoint"));
        // the register script and the worker's REST address name "connect": the cluster's worker answers at it
        assertThat(aliases("cluster-connect")).containsExactly("connect");
        assertThat(strings(service("connect-register").get("entrypoint"))).contains("http://connect:8083");
        assertThat(condition("cluster-connect-register", "cluster-connect")).isEqualTo("service_healthy");
        assertThat(condition("cluster-connect", "cluster-hivemq-1")).isEqualTo("service_healthy");
        assertThat(condition("cluster-connect", "cluster-hivemq-2")).isEqualTo("service_healthy");
        // the second sink's consumer group is the connect principal's too
        assertThat(Files.readString(ROOT.resolve("deploy/kafka/acls.conf")))
                .containsPattern("connect\\s+group\\s+prefixed\\s+connect-\\s");
    }

    @Test
    void theClustersDetectorsShareOneApplicationEachWithItsOwnInstanceIdAndState() throws IOException {
        assertThat(CLUSTER_DETECTORS).hasSizeGreaterThanOrEqualTo(2);
        final Set<String> instanceIds = new HashSet<>();
        final Set<String> stateVolumes = new HashSet<>();
        final Set<String> hosts = new HashSet<>();
        for (final String detector : CLUSTER_DETECTORS) {
            final Map<String, String> env = env(detector);
            assertThat(env).as("%s: the application id is the module's, the same for all", detector)
                    .doesNotContainKey("QUARKUS_KAFKA_STREAMS_APPLICATION_ID");
            instanceIds.add(env.get("DETECTOR_INSTANCE_ID"));
            assertThat(env.get("DETECTOR_ADVERTISED_HOST")).as(detector).isEqualTo(detector);
            hosts.add(env.get("DETECTOR_ADVERTISED_HOST"));
            assertThat(Integer.parseInt(env.get("DETECTOR_STANDBY_REPLICAS"))).as(detector).isBetween(1, CLUSTER_DETECTORS.size() - 1);
            final String stateDir = env.get("DETECTOR_STATE_DIR");
            final List<String> state = strings(service(detector).get("volumes")).stream()
                    .filter(v -> v.endsWith(":" + stateDir)).toList();
            assertThat(state).as("%s keeps its stores in a named volume", detector).hasSize(1);
            stateVolumes.addAll(state);
            assertThat(aliases(detector)).as(detector).containsExactly("streams-detector");
            assertThat(service(detector).get("stop_grace_period")).as(detector)
                    .isEqualTo(service("streams-detector").get("stop_grace_period"));
            assertThat(service(detector).get("healthcheck")).as(detector).isEqualTo(service("streams-detector").get("healthcheck"));
            assertThat(strings(service(detector).get("ports"))).as(detector).isEqualTo(strings(service("streams-detector").get("ports")));
            final Map<String, String> shared = new HashMap<>(env);
            List.of("KAFKA_BOOTSTRAP_SERVERS", "DETECTOR_INSTANCE_ID", "DETECTOR_ADVERTISED_HOST", "DETECTOR_STANDBY_REPLICAS")
                    .forEach(shared::remove);
            final Map<String, String> single = new HashMap<>(env("streams-detector"));
            single.remove("KAFKA_BOOTSTRAP_SERVERS");
            assertThat(shared).as(detector).isEqualTo(single);
        }
        assertThat(instanceIds).as("distinct instance ids").doesNotContainNull().hasSize(CLUSTER_DETECTORS.size());
        assertThat(stateVolumes).hasSize(CLUSTER_DETECTORS.size());
        assertThat(hosts).hasSize(CLUSTER_DETECTORS.size());
        assertThat(properties(ROOT.resolve("streams-detector/src/main/resources/application.properties"))
                .getProperty("kafka-streams.group.instance.id")).startsWith("${detector.instance-id:");
        // the dashboard reaches the detectors at the name all of them answer at
        final URI detectorUrl = URI.create(env("cluster-dashboard").get("DASHBOARD_DETECTOR_URL"));
        assertThat(detectorUrl.getHost()).isEqualTo("streams-detector");
        assertThat(URI.create(env("cluster-dashboard").get("DASHBOARD_DETECTOR_HEALTH_URL")).getHost()).isEqualTo("streams-detector");
        CLUSTER_DETECTORS.forEach(d -> assertThat(condition("cluster-dashboard", d)).isEqualTo("service_healthy"));
        // every cluster app is configured as its default twin but for where Kafka is
        for (final String app : List.of("dashboard", "notifier")) {
            final Map<String, String> twin = new HashMap<>(env("cluster-" + app));
            final Map<String, String> single = new HashMap<>(env(app));
            twin.remove("KAFKA_BOOTSTRAP_SERVERS");
            single.remove("KAFKA_BOOTSTRAP_SERVERS");
            assertThat(twin).as(app).isEqualTo(single);
            assertThat(strings(service("cluster-" + app).get("ports"))).as(app).isEqualTo(strings(service(app).get("ports")));
            assertThat(service("cluster-" + app).get("healthcheck")).as(app).isEqualTo(service(app).get("healthcheck"));
            assertThat(service("cluster-" + app).get("volumes")).as(app).isEqualTo(service(app).get("volumes"));
        }
        for (final String detector : CLUSTER_DETECTORS) {
            assertThat(env(detector).keySet()).as(detector).isSubsetOf(envNamesOf("streams-detector"));
        }
        assertThat(env("cluster-dashboard").keySet()).isSubsetOf(envNamesOf("dashboard-quarkus"));
        assertThat(env("cluster-notifier").keySet()).isSubsetOf(envNamesOf("notifier"));
    }

    @Test
    void everyProfileSelectionStartsWithAllItsDependenciesHealthchecksAndDistinctPortsAndNames() {
        for (final Set<String> selection : SELECTIONS) {
            final Set<String> active = active(selection);
            final Map<String, String> hostPorts = new HashMap<>();
            final Map<String, String> names = new HashMap<>();
            active.forEach(name -> names.put(name, name));
            for (final String name : active) {
                final Map<String, Object> service = service(name);
                final Object dependsOn = service.get("depends_on");
                if (dependsOn != null) {
                    ((Map<?, ?>) dependsOn).forEach((target, condition) -> {
                        assertThat(active).as("%s: %s depends on %s", selection, name, target).contains(String.valueOf(target));
                        final String wanted = String.valueOf(((Map<?, ?>) condition).get("condition"));
                        if ("service_healthy".equals(wanted)) {
                            assertThat(service(String.valueOf(target))).as("%s has a healthcheck", target).containsKey("healthcheck");
                        } else {
                            assertThat(wanted).as("%s on %s", name, target).isEqualTo("service_completed_successfully");
                            assertThat(service(String.valueOf(target)).get("restart")).as("%s runs once", target).isEqualTo("no");
                        }
                    });
                }
                // a long-running service has a healthcheck (or is a leaf nothing waits on: the simulator, the
                // retention loop); a one-shot job does not restart
                if ("no".equals(service.get("restart"))) {
                    assertThat(service).as("%s runs once", name).doesNotContainKey("healthcheck");
                } else if (!List.of("simulator", "cluster-simulator", "history-retention").contains(name)) {
                    assertThat(service).as("%s: %s has a healthcheck", selection, name).containsKey("healthcheck");
                }
                for (final String mapping : strings(service.get("ports"))) {
                    if (mapping.contains(":")) {
                        final String host = mapping.substring(0, mapping.indexOf(':'));
                        assertThat(hostPorts.put(host, name)).as("%s: host port %s of %s is taken by %s", selection, host, name,
                                hostPorts.get(host)).isNull();
                    }
                }
                for (final String alias : aliases(name)) {
                    // several replicas of one kind may share a name (the detectors); two kinds may not
                    final String holder = names.putIfAbsent(alias, name);
                    if (holder != null && !holder.equals(name)) {
                        assertThat(holder.replaceAll("-\\d+$", "")).as("%s: %s and %s both answer at %s", selection, holder,
                                name, alias).isEqualTo(name.replaceAll("-\\d+$", ""));
                    }
                }
            }
        }
    }

    @Test
    void theClusterKeepsTheSecurityOfTheDefaultTopology() throws IOException {
        // each cluster service authenticates as its default twin: the same env files (made by compose-secrets, so
        // the same principal and password) and the same secret files mounted; that no secret is in the environment
        // or in this file is checked for every service by everySecretComposeReadsIsMadeByComposeSecretsAndNoneIsCommitted
        for (final String name : CLUSTER_SERVICES) {
            final String twin = name.startsWith("kafka-") ? "kafka"
                    : name.startsWith("cluster-detector-") ? "streams-detector"
                    : name.startsWith("cluster-hivemq-") ? "hivemq"
                    : name.substring("cluster-".length());
            assertThat(service(name).get("env_file")).as("%s authenticates as %s", name, twin)
                    .isEqualTo(service(twin).get("env_file"));
            assertThat(strings(service(name).get("volumes")).stream().filter(v -> v.startsWith("./deploy/secrets/")).toList())
                    .as("%s reads the secret files of %s", name, twin)
                    .containsExactlyElementsOf(strings(service(twin).get("volumes")).stream()
                            .filter(v -> v.startsWith("./deploy/secrets/")).toList());
        }
        // the cluster's configuration files hold no secret, only references to the worker's environment
        final String overlay = Files.readString(ROOT.resolve("deploy/connect/worker-cluster.properties"));
        final String sink = Files.readString(ROOT.resolve("deploy/connect/mqtt-alerts-sink-2.json"));
        assertThat(overlay).doesNotContainIgnoringCase("password").doesNotContain("jaas");
        assertThat(variables(sink, "\"[a-z.]*password\": \"([^\"]*)\"")).containsExactly("${env:PDM_MQTT_PASSWORD}");
        // the start script's own settings are not secrets and are not read from the secrets' env file
        assertThat(variables(Files.readString(KafkaNodeConfig.SCRIPT), "\\$\\{(PDM_[A-Z_]+)[:}]"))
                .allMatch(v -> !v.matches(".*(PASSWORD|SECRET|JAAS).*"));
    }

    private Set<String> active(final Set<String> selection) {
        return services().entrySet().stream()
                .filter(e -> strings(e.getValue().get("profiles")).stream().anyMatch(selection::contains))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private List<String> aliases(final String service) {
        final Object networks = service(service).get("networks");
        if (!(networks instanceof Map<?, ?> map) || !(map.get("default") instanceof Map<?, ?> network)) {
            return List.of();
        }
        return strings(network.get("aliases"));
    }

    private static Set<String> union(final Set<String> a, final Set<String> b) {
        final Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private int mqttContainerPort() {
        final String mapping = strings(service("hivemq").get("ports")).get(0);
        return Integer.parseInt(mapping.substring(mapping.indexOf(':') + 1));
    }

    private String healthcheck(final String service) {
        return String.join(" ", strings(((Map<?, ?>) service(service).get("healthcheck")).get("test")));
    }

    /** The environment names under which a module's settings can be given (Quarkus: upper case, `_`). */
    private static Set<String> envNamesOf(final String module) throws IOException {
        final String text = Files.readString(ROOT.resolve(module).resolve("src/main/resources/application.properties"))
                + Files.readString(ROOT.resolve(module).resolve("README.md"));
        final Set<String> names = new HashSet<>();
        if (Files.readString(ROOT.resolve(module).resolve("pom.xml")).contains("<artifactId>quarkus-jdbc-postgresql</artifactId>")) {
            // the datasource settings of Quarkus' JDBC extension
            names.addAll(List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"));
        }
        final Matcher m = PROPERTY_NAME.matcher(text);
        while (m.find()) {
            names.add(m.group(1).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return names;
    }

    private static int managementPort(final String module) throws IOException {
        return Integer.parseInt(properties(ROOT.resolve(module).resolve("src/main/resources/application.properties"))
                .getProperty("quarkus.management.port"));
    }

    private static int quarkusPort(final String module) throws IOException {
        return Integer.parseInt(properties(ROOT.resolve(module).resolve("src/main/resources/application.properties"))
                .getProperty("quarkus.http.port"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private Map<String, Object> service(final String name) {
        final Map<String, Object> service = services().get(name);
        assertThat(service).as("service %s", name).isNotNull();
        return service;
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> env(final String name) {
        final Map<String, Object> raw = (Map<String, Object>) service(name).get("environment");
        return raw.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    private static List<String> strings(final Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    private static Properties properties(final Path file) throws IOException {
        final Properties p = new Properties();
        try (Reader in = new StringReader(Files.readString(file))) {
            p.load(in);
        }
        return p;
    }

    private static Map<String, Object> yaml(final Path file) {
        try (Reader in = Files.newBufferedReader(file)) {
            // the file shares one definition per service through anchors: more aliases than SnakeYAML's guard
            // against alias bombs allows by default (50)
            final LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(1_000);
            return new Yaml(options).load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
