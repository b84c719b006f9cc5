package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.localstack.kafka.KafkaBroker;
import dev.pdm.iiot.localstack.kafka.KafkaBrokerConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The tail on a real broker: it reads committed records only and catches up past aborted ones. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TopicTailIT {

    private static final String TOPIC = "audit-tail";

    @TempDir
    static Path dir;
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new KafkaBroker(KafkaBrokerConfig.loopback(dir.resolve("kafka")));
        broker.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void readsTheCommittedRecordsOnlyAndCatchesUpPastAbortedOnes() throws Exception {
        // given a tail started before anything was written
        final List<String> values = new CopyOnWriteArrayList<>();
        try (TopicTail tail = new TopicTail(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                TOPIC, r -> values.add(new String(r.value(), StandardCharsets.UTF_8))).start();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ProducerConfig.TRANSACTIONAL_ID_CONFIG, "audit-tail-it"),
                     new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();

            // when one transaction commits, one aborts and one more commits
            write(producer, "committed-1", true);
            write(producer, "aborted", false);
            write(producer, "committed-2", true);
            tail.awaitCaughtUp(Duration.ofSeconds(60));

            // then the tail handed over the committed ones, and caught up to the ends at the call
            assertThat(values).containsExactlyInAnyOrder("committed-1", "committed-2");
            assertThat(tail.handled()).isEqualTo(2);
        }
    }

    private static void write(final KafkaProducer<String, String> producer, final String value, final boolean commit) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, "M1", value));
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }
}
