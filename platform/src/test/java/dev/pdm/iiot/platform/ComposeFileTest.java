package dev.pdm.iiot.platform;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.TopicSpec;
import dev.pdm.iiot.hivemq.bridge.config.BridgeConfig;
import dev.pdm.iiot.hivemq.security.config.SecurityConfig;
import dev.pdm.iiot.localstack.mqtt.MqttBrokerConfig;
import dev.pdm.iiot.localstack.mqtt.MqttLimits;
import dev.pdm.iiot.platform.security.ComposeSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
        final String connectDefinitions = Files.readString(ROOT.resolve("deploy/connect/worker.properties"))
                + Files.readString(ROOT.resolve("connect/kafka-connect-mqtt/config/" + PlatformConnectors.ALERT_SINK));
        assertThat(variables(connectDefinitions, "\\$\\{env:([A-Z_]+)}"))
                .isNotEmpty().isSubsetOf(made.get(ComposeSecrets.CONNECT_ENV).keySet());
        assertThat(variables(Files.readString(ROOT.resolve("deploy/keycloak/pdm-realm.json")), "\\$\\{([A-Z_]+)}"))
                .isNotEmpty().isSubsetOf(made.get(ComposeSecrets.KEYCLOAK_ENV).keySet());
        assertThat(variables(Files.readString(ROOT.resolve("deploy/hivemq/config.xml")), "\\$\\{([A-Z_]+)}"))
                .isNotEmpty().isSubsetOf(made.get(ComposeSecrets.HIVEMQ_ENV).keySet());
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains("deploy/secrets/*");
        services().forEach((name, service) -> {
            if (service.get("environment") != null) {
                assertThat(env(name).keySet()).as("%s: secrets come from its env file", name)
                        .noneMatch(key -> key.matches(".*(PASSWORD|SECRET|JAAS|ENCRYPTION_KEY).*"));
            }
        });
    }

    private static Set<String> variables(final String text, final String pattern) {
        final Set<String> names = new HashSet<>();
        final Matcher m = Pattern.compile(pattern).matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String internalKafkaListener() throws IOException {
        final Matcher m = Pattern.compile("advertised\\.listeners=INTERNAL://([^,\\s]+)")
                .matcher(Files.readString(ROOT.resolve("deploy/kafka/start.sh")));
        assertThat(m.find()).as("deploy/kafka/start.sh advertises an INTERNAL listener").isTrue();
        return m.group(1);
    }

    @Test
    void theAppsListenOnThePortsTheirModulesConfigure() throws IOException {
        final int detectorPort = quarkusPort("streams-detector");
        final int dashboardPort = quarkusPort("dashboard-quarkus");
        final int detectorManagement = managementPort("streams-detector");
        final int dashboardManagement = managementPort("dashboard-quarkus");
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
        assertThat(strings(service("connect-register").get("volumes"))).as("the alert sink only: the broker bridges readings")
                .containsExactly("./connect/kafka-connect-mqtt/config/" + PlatformConnectors.ALERT_SINK
                        + ":/opt/connect/config/" + PlatformConnectors.ALERT_SINK + ":ro",
                        "./deploy/connect/register.sh:/opt/connect/register.sh:ro");
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
        assertThat(strings(service("connect").get("volumes")))
                .contains("./connect/kafka-connect-mqtt/target/" + pluginDir + ":" + worker.getProperty("plugin.path") + ":ro");
        assertThat(worker.getProperty("plugin.discovery")).isEqualTo("service_load");
        assertThat(ROOT.resolve("connect/kafka-connect-mqtt/src/main/resources/META-INF/services/org.apache.kafka.connect.source.SourceConnector"))
                .exists();
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
        final Set<String> apps = Set.of("streams-detector", "dashboard", "simulator");
        services().forEach((name, service) -> {
            final List<String> profiles = strings(service.get("profiles"));
            if (apps.contains(name)) {
                assertThat(profiles).as(name).containsExactly("apps");
            } else if ("hivemq-2".equals(name)) {
                assertThat(profiles).as(name).containsExactly("scale-out");
            } else {
                assertThat(profiles).as(name).containsExactlyInAnyOrder("infra", "apps");
            }
        });
        assertThat(Files.readAllLines(ROOT.resolve(".env"))).contains("COMPOSE_PROFILES=apps");
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
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
