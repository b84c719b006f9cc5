package dev.pdm.iiot.connect.it;

import dev.pdm.iiot.connect.source.MqttSourceConnector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** What the integration tests share: topics, connector configs, metrics, the publishing of readings. */
final class ItSupport {

    static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Logger LOG = LoggerFactory.getLogger(ItSupport.class);

    private ItSupport() {
    }

    static void createTopics(final String bootstrap, final int partitions, final String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(names).stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList())
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw e;
            }
        }
    }

    /** A task's metric summed over tasks {@code 0..tasks-1}, or -1 while one of them has none. */
    static long taskMetricSum(final String connector, final int tasks, final String metric) {
        long sum = 0;
        for (int task = 0; task < tasks; task++) {
            final long value = taskMetric(connector, task, metric);
            if (value < 0) {
                return -1;
            }
            sum += value;
        }
        return sum;
    }

    /** A source on {@code {root}/machines/+/sensors} into {@code topic}, keyed by the machine level. */
    static Map<String, String> sourceConfig(final String mqttUri, final String root, final String topic,
                                            final int tasks) {
        final Map<String, String> config = new HashMap<>();
        config.put("connector.class", MqttSourceConnector.class.getName());
        config.put("tasks.max", String.valueOf(tasks));
        config.put("mqtt.server.uri", mqttUri);
        config.put("mqtt.topics", root + "/machines/+/sensors");
        config.put("mqtt.reconnect.backoff.ms", "200");
        config.put("mqtt.reconnect.backoff.max.ms", "2000");
        config.put("kafka.topic", topic);
        config.put("kafka.dlq.topic", topic + "-dlq");
        return config;
    }

    /**
     * Publishes {@code perMachine} readings for each of {@code machines} machines, interleaved
     * (machine 1 seq 0, machine 2 seq 0, …), and returns their ids.
     */
    static Set<String> publishReadings(final ReliablePublisher publisher, final String root, final int machines,
                                       final long fromSeq, final int perMachine) throws InterruptedException {
        final Set<String> ids = new HashSet<>();
        for (long seq = fromSeq; seq < fromSeq + perMachine; seq++) {
            for (int m = 1; m <= machines; m++) {
                final String machine = Readings.machine(m);
                final String id = Readings.id(machine, seq);
                publisher.publish(Readings.topic(root, machine), id, Readings.reading(machine, seq));
                ids.add(id);
            }
        }
        return ids;
    }

    /** The ids {@link #publishReadings} gives for the same arguments. */
    static Set<String> publishedIds(final String root, final int machines, final long fromSeq, final int perMachine) {
        final Set<String> ids = new HashSet<>();
        for (long seq = fromSeq; seq < fromSeq + perMachine; seq++) {
            for (int m = 1; m <= machines; m++) {
                ids.add(Readings.id(Readings.machine(m), seq));
            }
        }
        return ids;
    }

    /** A task's metric from the worker's JMX reporter (Connect's plugin metrics), or -1 when absent. */
    static long taskMetric(final String connector, final int task, final String metric) {
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            final Set<ObjectName> names = server.queryNames(new ObjectName("kafka.connect:type=plugins,*"), null);
            for (final ObjectName name : names) {
                if (connector.equals(name.getKeyProperty("connector"))
                        && String.valueOf(task).equals(name.getKeyProperty("task"))) {
                    final Object value = server.getAttribute(name, metric);
                    return value instanceof Number n ? n.longValue() : -1;
                }
            }
            return -1;
        } catch (Exception e) {
            LOG.debug("metric {} of {}-{} not readable: {}", metric, connector, task, e.toString());
            return -1;
        }
    }

    /** The value of one header of a record, as text. */
    static String header(final org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record, final String name) {
        final var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** All ids from a set of sets. */
    static Set<String> union(final List<Set<String>> parts) {
        final Set<String> all = new HashSet<>();
        parts.forEach(all::addAll);
        return all;
    }
}
