package dev.pdm.iiot.simulator.mqtt;

import dev.pdm.iiot.localstack.BrokerStack;
import dev.pdm.iiot.localstack.junit.LocalStackTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the publisher's clients cost in threads: three Paho loops each, one timer for all, and nothing left after closing. */
@Timeout(120)
@LocalStackTest(scope = LocalStackTest.Scope.RUN, connect = false)
class PublisherThreadsIT {

    private static List<String> threadsOf(final String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.contains(prefix)).toList();
    }

    private static long count(final List<String> names, final String start) {
        return names.stream().filter(n -> n.startsWith(start)).count();
    }

    @Test
    void aConnectedClientCostsThreeThreadsAndNoTimerOfItsOwn(final BrokerStack stack) throws Exception {
        final String prefix = "it-threads";
        final MqttPublisher publisher = MqttPublisher.connect(
                MqttSettings.defaults(stack.mqttUri()).withClients(20).withClientIdPrefix(prefix), new PublishStats());
        final List<String> names;
        try {
            names = threadsOf(prefix);
        } finally {
            publisher.close();
        }

        assertThat(count(names, "MQTT Rec: " + prefix)).isEqualTo(20);
        assertThat(count(names, "MQTT Snd: " + prefix)).isEqualTo(20);
        assertThat(count(names, "MQTT Call: " + prefix)).isEqualTo(20);
        assertThat(count(names, "MQTT Ping: " + prefix)).as("no ping Timer thread per client").isZero();
        assertThat(names).containsOnlyOnce(prefix + "-mqtt-timer");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(threadsOf(prefix)).isEmpty());
    }
}
