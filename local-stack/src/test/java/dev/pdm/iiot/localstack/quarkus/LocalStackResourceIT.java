package dev.pdm.iiot.localstack.quarkus;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.localstack.support.KafkaTestClients;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalStackResourceIT {

    @Test
    void handsTheApplicationAReachableBrokerSharedAcrossTestClasses() throws Exception {
        final LocalStackResource first = new LocalStackResource();
        first.init(Map.of());
        final Map<String, String> config = first.start();

        final LocalStackResource second = new LocalStackResource();
        second.init(Map.of());

        assertThat(second.start()).isEqualTo(config);
        assertThat(config).containsKeys("kafka.bootstrap.servers", "quarkus.kafka-streams.bootstrap-servers",
                "local-stack.mqtt-uri").doesNotContainKey("local-stack.connect-url");
        try (Admin admin = KafkaTestClients.admin(config.get("kafka.bootstrap.servers"))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(KafkaTopics.TELEMETRY);
        }
    }
}
