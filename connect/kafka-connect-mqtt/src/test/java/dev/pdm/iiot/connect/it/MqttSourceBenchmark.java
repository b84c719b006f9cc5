package dev.pdm.iiot.connect.it;

import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Throughput of the source on the in-process stack: readings published by 100 machines as fast as a
 * QoS 1 publisher can, through HiveMQ CE and the connector into Kafka. Not part of the build; run
 * it by name:
 *
 * <pre>mvn -B verify -pl connect -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=MqttSourceBenchmark -Dfailsafe.failIfNoSpecifiedTests=false</pre>
 *
 * A warm-up run comes first and is not counted. System properties: {@code bench.messages}
 * (default 50,000), {@code bench.runs} (3),
 * {@code bench.tasks} (1), {@code bench.linger.ms} (the worker's producer default when unset),
 * {@code bench.config} (more connector settings, {@code key=value,key=value}),
 * {@code bench.mqtt.persistence} ({@code FILE}, as the platform runs HiveMQ, or {@code IN_MEMORY}).
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class MqttSourceBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceBenchmark.class);

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.builder()
                .mqttPersistence(MqttPersistence.valueOf(System.getProperty("bench.mqtt.persistence", "FILE")))
                .build()
                .start();
    }

    @AfterAll
    static void closeStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void sourceThroughput() throws Exception {
        final int messages = Integer.getInteger("bench.messages", 50_000);
        final int runs = Integer.getInteger("bench.runs", 3);
        final int tasks = Integer.getInteger("bench.tasks", 1);
        final String linger = System.getProperty("bench.linger.ms");
        final int machines = 100;
        final List<Double> rates = new ArrayList<>();
        for (int run = -1; run < runs; run++) {
            final String name = "bench-" + (run < 0 ? "warmup" : String.valueOf(run));
            final String topic = name + "-telemetry";
            ItSupport.createTopics(stack.bootstrapServers(), 12, topic, topic + "-dlq");
            final Map<String, String> config = ItSupport.sourceConfig(stack.mqttUri(), name, topic, tasks);
            if (linger != null) {
                config.put("producer.override.linger.ms", linger);
            }
            for (final String setting : System.getProperty("bench.config", "").split(",")) {
                if (setting.contains("=")) {
                    config.put(setting.substring(0, setting.indexOf('=')).trim(),
                            setting.substring(setting.indexOf('=') + 1).trim());
                }
            }
            stack.connectClient().createOrUpdate(name, config);
            stack.connectClient().awaitRunning(name, ItSupport.TIMEOUT);
            try (ReliablePublisher publisher = new ReliablePublisher(stack.mqttUri(), name + "-devices", 1_000);
                 TelemetryTally tally = new TelemetryTally(stack.bootstrapServers(), topic)) {
                final long start = System.nanoTime();
                final Set<String> published = ItSupport.publishReadings(publisher, name, machines, 0, messages / machines);
                final double publishSeconds = (System.nanoTime() - start) / 1e9;
                await().atMost(ItSupport.TIMEOUT.multipliedBy(3)).pollInterval(java.time.Duration.ofMillis(50))
                        .until(() -> tally.poll() >= published.size());
                final double seconds = (System.nanoTime() - start) / 1e9;
                final double rate = published.size() / seconds;
                if (run >= 0) {
                    rates.add(rate);
                }
                LOG.info("run {}: {} messages in {} s ({} msg/s; the publisher alone took {} s), missing {}, duplicates {}",
                        run < 0 ? "warm-up" : run, published.size(), String.format("%.2f", seconds), String.format("%.0f", rate),
                        String.format("%.2f", publishSeconds), tally.missing(published).size(), tally.duplicates());
                assertThat(tally.missing(published)).isEmpty();
            } finally {
                stack.connectClient().delete(name);
            }
        }
        final List<Double> sorted = rates.stream().sorted().toList();
        LOG.info("source throughput, {} messages of {} machines, HiveMQ persistence {}, tasks.max={}, linger.ms={}, "
                        + "settings [{}]: runs {} msg/s, median {} msg/s", messages, machines,
                System.getProperty("bench.mqtt.persistence", "FILE"), tasks, linger == null ? "worker default" : linger,
                System.getProperty("bench.config", ""),
                sorted.stream().map(r -> String.format("%.0f", r)).toList(),
                String.format("%.0f", sorted.get(sorted.size() / 2)));
    }
}
