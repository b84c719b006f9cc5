package dev.pdm.iiot.localstack.kafka;

import dev.pdm.iiot.events.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the platform's topics ({@code KafkaTopics.all()}) with their partitions and cleanup
 * policy, at the broker's default replication factor. Topics that exist are left alone: a topic
 * with fewer partitions than its spec is reported, never changed.
 */
public final class PlatformTopics {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformTopics.class);

    private PlatformTopics() {
    }

    /**
     * Creates the missing topics of {@code specs} on the cluster at {@code bootstrapServers}.
     *
     * @return the names of the topics created now
     */
    public static List<String> create(final String bootstrapServers, final Collection<TopicSpec> specs,
                                      final Duration timeout) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-topics",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
            return create(admin, specs, timeout);
        }
    }

    /** Creates the missing topics of {@code specs} through {@code admin}; see the class comment. */
    public static List<String> create(final Admin admin, final Collection<TopicSpec> specs, final Duration timeout) {
        try {
            final Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            final List<NewTopic> missing = new ArrayList<>();
            final List<String> present = new ArrayList<>();
            for (final TopicSpec spec : specs) {
                if (existing.contains(spec.name())) {
                    present.add(spec.name());
                } else {
                    missing.add(new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty())
                            .configs(spec.configs()));
                }
            }
            warnAboutTooFewPartitions(admin, specs, present, timeout);
            final List<String> created = new ArrayList<>();
            final var results = admin.createTopics(missing).values();
            for (final var entry : results.entrySet()) {
                try {
                    entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            LOG.info("Platform topics: created {}, present before {}", created, present);
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the platform's topics: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create the platform's topics within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the platform's topics", e);
        }
    }

    private static void warnAboutTooFewPartitions(final Admin admin, final Collection<TopicSpec> specs,
                                                  final List<String> present, final Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (present.isEmpty()) {
            return;
        }
        final Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (final TopicSpec spec : specs) {
            final TopicDescription description = descriptions.get(spec.name());
            if (description != null && description.partitions().size() < spec.partitions()) {
                LOG.warn("Topic {} has {} partitions, the platform expects {}: left as it is",
                        spec.name(), description.partitions().size(), spec.partitions());
            }
        }
    }
}
