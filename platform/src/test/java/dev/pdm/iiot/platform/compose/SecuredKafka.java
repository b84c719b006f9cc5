package dev.pdm.iiot.platform.compose;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.localstack.Ports;
import dev.pdm.iiot.localstack.kafka.KafkaBroker;
import dev.pdm.iiot.localstack.kafka.KafkaBrokerConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The Kafka of docker compose, in process: a KRaft broker with SASL/SCRAM-SHA-512, Kafka's
 * StandardAuthorizer, the SCRAM credential of every service principal and the ACLs of
 * deploy/kafka/acls.conf, and the platform's topics with their partitions and cleanup policy as the
 * compose service "topics" creates them. Unlike compose it keeps a PLAINTEXT listener, whose
 * anonymous user is a super user, for itself and the tests' administration; the services use the
 * SASL listener.
 */
final class SecuredKafka implements AutoCloseable {

    /** The SCRAM password of each service principal (compose makes random ones). */
    static final Map<String, String> PASSWORDS = Map.of("detector", "detector-pw", "dashboard", "dashboard-pw",
            "bridge", "bridge-pw", "connect", "connect-pw", "notifier", "notifier-pw");
    static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    static final String SASL_MECHANISM = "SCRAM-SHA-512";

    private static final Duration PROPAGATION = Duration.ofSeconds(30);

    private final KafkaBroker broker;
    private final String sasl;

    private SecuredKafka(final KafkaBroker broker, final String sasl) {
        this.broker = broker;
        this.sasl = sasl;
    }

    /** Starts the broker in {@code dir}, sets the principals' passwords, the ACLs and creates the topics. */
    static SecuredKafka start(final Path dir) throws Exception {
        final int[] ports = Ports.resolve(0, 0, 0);
        final String sasl = "127.0.0.1:" + ports[2];
        final Map<String, String> overrides = new HashMap<>();
        overrides.put("listeners", "PLAINTEXT://127.0.0.1:" + ports[0] + ",SASL://" + sasl
                + ",CONTROLLER://127.0.0.1:" + ports[1]);
        overrides.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports[0] + ",SASL://" + sasl);
        overrides.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        overrides.put("sasl.enabled.mechanisms", SASL_MECHANISM);
        overrides.put("listener.name.sasl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        overrides.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        overrides.put("super.users", "User:ANONYMOUS");
        overrides.put("allow.everyone.if.no.acl.found", "false");
        overrides.put("auto.create.topics.enable", "false");
        final KafkaBroker broker = new KafkaBroker(new KafkaBrokerConfig(dir, "127.0.0.1", "127.0.0.1", ports[0],
                ports[1], overrides));
        broker.start();
        final SecuredKafka kafka = new SecuredKafka(broker, sasl);
        try (Admin admin = kafka.admin()) {
            admin.createTopics(KafkaTopics.all().stream()
                    .map(t -> new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty()).configs(t.configs()))
                    .toList()).all().get();
            admin.alterUserScramCredentials(PASSWORDS.entrySet().stream()
                    .map(e -> (UserScramCredentialAlteration) new UserScramCredentialUpsertion(e.getKey(),
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), e.getValue()))
                    .toList()).all().get();
            final List<AclBinding> bindings = ComposeAcls.read().bindings();
            admin.createAcls(bindings).all().get();
            kafka.awaitApplied(admin, Set.copyOf(bindings).size());
        } catch (Exception e) {
            broker.close();
            throw e;
        }
        return kafka;
    }

    /**
     * Waits until the broker has applied the credentials and ACLs the controller committed: a client
     * refused for want of them would fail for good (a transactional producer stays failed after a
     * failed authentication).
     */
    private void awaitApplied(final Admin admin, final int bindings) {
        await("the principals' credentials and ACLs applied by the broker").atMost(PROPAGATION)
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    if (admin.describeAcls(AclBindingFilter.ANY).values().get().size() < bindings) {
                        return false;
                    }
                    for (final String principal : PASSWORDS.keySet()) {
                        final Map<String, Object> config = client(principal);
                        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
                        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
                        try (Admin as = Admin.create(config)) {
                            as.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                        }
                    }
                    return true;
                });
    }

    /** The PLAINTEXT listener: the anonymous super user, for the tests' administration. */
    String plaintext() {
        return broker.bootstrapServers();
    }

    /** The SASL/SCRAM listener the services use. */
    String sasl() {
        return sasl;
    }

    /** An admin client on the PLAINTEXT listener (a super user). */
    Admin admin() {
        return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, plaintext()));
    }

    /** Client settings authenticating as {@code principal} on the SASL listener. */
    Map<String, Object> client(final String principal) {
        final Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, sasl);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL);
        config.put("sasl.mechanism", SASL_MECHANISM);
        config.put("sasl.jaas.config", jaas(principal, PASSWORDS.get(principal)));
        return config;
    }

    /**
     * The Kafka settings of a Quarkus app's environment as compose's detector.env and dashboard.env
     * give them (see ComposeSecrets), with the bootstrap servers of compose's service definition.
     */
    Map<String, String> quarkusEnvironment(final String principal) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", sasl,
                "KAFKA_SECURITY_PROTOCOL", SECURITY_PROTOCOL,
                "KAFKA_SASL_MECHANISM", SASL_MECHANISM,
                "KAFKA_SASL_JAAS_CONFIG", jaas(principal, PASSWORDS.get(principal)));
    }

    static String jaas(final String user, final String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    @Override
    public void close() {
        broker.close();
    }
}
