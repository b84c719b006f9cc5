package dev.pdm.iiot.detector.rest;

import dev.pdm.iiot.detector.config.DetectorConfig;
import dev.pdm.iiot.detector.config.KafkaSecurity;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.TopicSpec;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the platform's topics that do not exist yet, so that the detector starts against an
 * empty broker. The streams wait for their source topics ({@code quarkus.kafka-streams.topics})
 * and start once they are there. Off with {@code detector.create-topics=false}.
 */
@ApplicationScoped
public class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    void onStart(@Observes final StartupEvent event, final DetectorConfig config,
                 @Identifier("default-kafka-broker") final Map<String, Object> kafka) {
        if (!config.createTopics()) {
            return;
        }
        final Object servers = kafka.getOrDefault("bootstrap.servers", "localhost:9092");
        final Map<String, Object> settings = new HashMap<>(KafkaSecurity.of(kafka));
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(settings)) {
            final List<NewTopic> topics = new ArrayList<>();
            for (final TopicSpec spec : KafkaTopics.all()) {
                topics.add(new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty())
                        .configs(spec.configs()));
            }
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(15, TimeUnit.SECONDS);
                    LOG.info("created topic {}", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warn("could not create topic {}: {}", name, e.getCause().getMessage());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.TimeoutException e) {
                    LOG.warn("timed out creating topic {}", name);
                }
            });
        }
    }
}
