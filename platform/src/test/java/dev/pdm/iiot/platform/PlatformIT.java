package dev.pdm.iiot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.localstack.Ports;
import dev.pdm.iiot.platform.security.PlatformSecurity;
import dev.pdm.iiot.security.cli.Accounts;
import dev.pdm.iiot.security.tls.DevCertificates;
import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.core.PlantConfig;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.faults.Degradation;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.faults.FaultSpec;
import dev.pdm.iiot.simulator.faults.FaultType;
import dev.pdm.iiot.simulator.faults.RandomFaults;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpServer;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline on the in-process brokers: simulator → HiveMQ and its Kafka bridge → Kafka →
 * detector → alerts → dashboard WebSocket (and back out through the MQTT alert sink), the notifier's
 * webhook, and the history in PostgreSQL (minute aggregates, the alert's audit with the user who
 * acknowledged it), with a bearing fault injected into one machine; then the platform restarted on
 * the same data folder, with the models and the history intact.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class PlatformIT {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAULTY = "MACHINE_002";
    private static final List<String> MACHINES = MachineIds.first(3);
    private static final String ALERT_CONSUMER = "platform-it-alerts";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBearingFaultBecomesAnAlertNamingVibrationOnTheDashboardAndTheModelsSurviveARestart(
            @TempDir final Path dataDir) throws Exception {
        final int[] ports = Ports.resolve(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        final PlatformSettings settings = new PlatformSettings(dataDir, Path.of(".."), ports[0], ports[1], ports[2],
                ports[3], ports[4], ports[5], ports[6], ports[7], ports[8],
                ports[9], ports[10], ports[11], MACHINES.size(), Duration.ofMillis(200), 0,
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(1)), 7L, List.of("-Xmx384m"), true, Bridge.HIVEMQ,
                false);
        // an alert consumer of the plant, as a plant would add it before the first start
        final String consumerPassword = Accounts.add(settings.securityDir().resolve(PlatformSecurity.DEVICES),
                ALERT_CONSUMER, Set.of("alert-consumer"));
        // and a webhook the notifier tells of the faulty machine's alerts
        final Webhook webhook = Webhook.start();
        Files.writeString(settings.notifierConfigFile(), String.join("\n",
                "notifier.rules.platform-it.machines=" + FAULTY,
                "notifier.rules.platform-it.min-severity=WARNING",
                "notifier.rules.platform-it.recipients=webhook:" + webhook.url(),
                "notifier.delivery.tick=PT1S", ""));
        // 30 training readings take 6 s; the bearing starts to wear at 30 s and is fully worn 20 s later.
        final PlantConfig plant = new PlantConfig(MACHINES, settings.interval(), settings.seed(),
                new FaultPlan(List.of(new FaultSpec(FAULTY, FaultType.BEARING_WEAR, Duration.ofSeconds(30), null,
                        Duration.ofSeconds(20), 1.0, null)), RandomFaults.NONE, Degradation.NONE),
                ReadingFormat.DEFAULT);

        final Map<String, Integer> versions = new HashMap<>();
        final String admin;
        final List<String> minutesBeforeRestart;
        try (webhook; Platform platform = Platform.start(settings, plant)) {
            admin = basic(PlatformSecurity.ADMIN, platform.secrets().firstAdminPassword().orElseThrow());
            assertThat(status(settings.detectorUrl() + "/machines", null)).as("the detector without credentials")
                    .isEqualTo(401);
            assertThat(status(settings.dashboardUrl() + "api/machines", null)).as("the dashboard without credentials")
                    .isEqualTo(401);
            assertThatThrownBy(() -> new MqttClient(platform.mqttUri(), "platform-it-anonymous", new MemoryPersistence())
                    .connect(new MqttConnectionOptions())).as("an anonymous MQTT client")
                    .isInstanceOf(MqttException.class);

            final Queue<JsonNode> alertsOverMqtt = new ConcurrentLinkedQueue<>();
            final MqttClient alertSubscriber = subscribeToAlerts(platform.mqttTlsUri(),
                    trusting(platform.secrets().tls()), consumerPassword, alertsOverMqtt);
            final DashboardSocket dashboard = DashboardSocket.open(http, settings.dashboardPort(), admin);
            try {
                await("an alert for " + FAULTY + " naming vibration on the dashboard")
                        .atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .until(() -> dashboard.alerts().stream().anyMatch(PlatformIT::isVibrationAlertOfFaultyMachine));
                final JsonNode alert = dashboard.alerts().stream()
                        .filter(PlatformIT::isVibrationAlertOfFaultyMachine).findFirst().orElseThrow();
                LOG.info("alert on the dashboard: {}", alert);
                assertThat(alert.path("severity").asText()).isIn("WARNING", "CRITICAL");
                assertThat(alert.path("recommendation").asText()).isNotBlank();

                await("the same alert published on " + MqttTopics.ALERTS)
                        .atMost(Duration.ofMinutes(1))
                        .until(() -> alertsOverMqtt.stream().anyMatch(PlatformIT::isVibrationAlertOfFaultyMachine));

                final String alertId = alert.path("alert_id").asText();
                await("the notifier's webhook call for " + alertId).atMost(Duration.ofMinutes(1))
                        .until(() -> webhook.alertIds().contains(alertId));
                assertThat(webhook.alertIds()).as("one call per alert episode, none per update")
                        .doesNotHaveDuplicates().allMatch(id -> id.startsWith(FAULTY + ":"));

                assertThat(post(settings.detectorUrl() + "/alerts/" + alertId + "/ack", admin)).isEqualTo(202);
                await("the acknowledgement in the history's audit, with its user").atMost(Duration.ofMinutes(1))
                        .until(() -> count(platform, "SELECT count(*) FROM alert_audit WHERE alert_id = '" + alertId
                                + "' AND status = 'ACTIVE_ACK' AND acknowledged_by = 'admin'") >= 1);
            } finally {
                dashboard.close();
                alertSubscriber.disconnect();
                alertSubscriber.close();
            }

            for (final String machine : MACHINES) {
                final JsonNode detail = getJson(settings.detectorUrl() + "/machines/" + machine, admin);
                assertThat(detail.path("status").path("machine_id").asText()).isEqualTo(machine);
                assertThat(detail.path("status").path("state").asText()).isIn("NORMAL", "ANOMALY");
                // the first model, or a refresh of it on the machine's clean readings
                final int version = detail.path("model").path("version").asInt();
                assertThat(version).as(machine).isPositive();
                versions.put(machine, version);
            }
            assertThat(StreamSupport.stream(getJson(settings.detectorUrl() + "/machines", admin).spliterator(), false)
                    .map(status -> status.path("machine_id").asText())).containsAll(MACHINES);

            await("every machine's readings as minutes in the history").atMost(Duration.ofMinutes(2))
                    .until(() -> count(platform, "SELECT count(DISTINCT machine_id) FROM machine_minute_summary")
                            == MACHINES.size());
            assertThat(count(platform, "SELECT count(*) FROM machine_minute WHERE machine_id = '" + FAULTY
                    + "' AND sensor = 'vibration' AND readings > 0 AND min <= mean AND mean <= max"))
                    .as("the faulty machine's vibration minutes").isPositive();
            minutesBeforeRestart = historyMinutes(settings, admin);
            assertThat(minutesBeforeRestart).as("the dashboard's history of " + FAULTY).isNotEmpty();
        }

        try (Platform restarted = Platform.start(settings, null)) {
            assertThat(restarted.secrets().firstAdminPassword()).as("the first account is made once").isEmpty();
            for (final String machine : MACHINES) {
                final JsonNode detail = getJson(settings.detectorUrl() + "/machines/" + machine, admin);
                assertThat(detail.path("status").path("state").asText())
                        .as("%s after a restart on the same data folder", machine).isNotEqualTo("TRAINING");
                assertThat(detail.path("model").path("version").asInt())
                        .as("%s keeps its model (a machine that lost it would start again at version 1)", machine)
                        .isGreaterThanOrEqualTo(versions.get(machine));
            }
            assertThat(historyMinutes(settings, admin)).as("the history of before the restart, from the same database")
                    .containsAll(minutesBeforeRestart);
        }
    }

    /** The minutes of the faulty machine's history of the last hour, as the dashboard serves it. */
    private List<String> historyMinutes(final PlatformSettings settings, final String admin) throws Exception {
        final Instant to = Instant.now().plusSeconds(60);
        final JsonNode history = getJson(settings.dashboardUrl() + "api/machines/" + FAULTY + "/history?from="
                + to.minus(Duration.ofHours(1)) + "&to=" + to, admin);
        assertThat(history.path("table").asText()).isEqualTo("machine_minute");
        return StreamSupport.stream(history.path("points").spliterator(), false)
                .filter(point -> point.path("readings").asLong() > 0)
                .map(point -> point.path("time").asText()).toList();
    }

    private static long count(final Platform platform, final String sql) throws Exception {
        try (Connection c = platform.historyDataSource().getConnection();
             Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int post(final String url, final String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A real HTTP server receiving the notifier's webhook calls: the alert ids it was told of, in order. */
    private static final class Webhook implements AutoCloseable {

        private final HttpServer server;
        private final Queue<String> alertIds = new ConcurrentLinkedQueue<>();

        private Webhook(final HttpServer server) {
            this.server = server;
        }

        static Webhook start() throws Exception {
            final Webhook webhook = new Webhook(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            webhook.server.createContext("/alerts", exchange -> {
                try (exchange) {
                    final JsonNode body = JSON.readTree(exchange.getRequestBody());
                    LOG.info("webhook: {}", body.path("kind").asText() + " " + body.path("alert").path("alert_id"));
                    if ("RAISED".equals(body.path("kind").asText())) {
                        webhook.alertIds.add(body.path("alert").path("alert_id").asText());
                    }
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            webhook.server.start();
            return webhook;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
        }

        List<String> alertIds() {
            return List.copyOf(alertIds);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static boolean isVibrationAlertOfFaultyMachine(final JsonNode alert) {
        return FAULTY.equals(alert.path("machine_id").asText())
                && StreamSupport.stream(alert.path("contributors").spliterator(), false)
                .anyMatch(c -> "vibration".equals(c.path("sensor").asText()));
    }

    private JsonNode getJson(final String url, final String authorization) throws Exception {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private int status(final String url, final String authorization) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String basic(final String user, final String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** TLS trusting the platform's development authority only. */
    private static SSLSocketFactory trusting(final DevCertificates tls) throws Exception {
        final KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.truststore())) {
            trusted.load(in, tls.truststorePassword().toCharArray());
        }
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private static MqttClient subscribeToAlerts(final String uri, final SSLSocketFactory tls, final String password,
                                                final Queue<JsonNode> into) throws Exception {
        final MqttClient client = new MqttClient(uri, ALERT_CONSUMER, new MemoryPersistence());
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(tls);
        options.setUserName(ALERT_CONSUMER);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(final String topic, final MqttMessage message) throws Exception {
                into.add(JSON.readTree(message.getPayload()));
            }

            @Override
            public void disconnected(final MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(final MqttException exception) {
            }

            @Override
            public void deliveryComplete(final IMqttToken token) {
            }

            @Override
            public void connectComplete(final boolean reconnect, final String serverUri) {
            }

            @Override
            public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
            }
        });
        client.connect(options);
        // (Paho 1.2.5's subscribe with a per-subscription listener recurses without end)
        client.subscribe(MqttTopics.ALERTS, 1);
        return client;
    }

    /** A browser's view of the dashboard: its WebSocket, every alert state it was sent. */
    private static final class DashboardSocket implements WebSocket.Listener {

        private final Queue<JsonNode> alerts = new ConcurrentLinkedQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static DashboardSocket open(final HttpClient http, final int port, final String authorization) {
            final DashboardSocket listener = new DashboardSocket();
            listener.socket = http.newWebSocketBuilder()
                    .header("Authorization", authorization)
                    .buildAsync(URI.create("ws://localhost:" + port + "/ws/plant"), listener)
                    .orTimeout(30, TimeUnit.SECONDS).join();
            return listener;
        }

        List<JsonNode> alerts() {
            return List.copyOf(alerts);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
            partial.append(data);
            if (last) {
                try {
                    for (final JsonNode entry : JSON.readTree(partial.toString()).path("alerts")) {
                        alerts.add(entry.path("alert"));
                    }
                } catch (Exception e) {
                    LOG.warn("unreadable dashboard message: {}", e.toString());
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
