package dev.pdm.iiot.simulator.mqtt;

import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import dev.pdm.iiot.simulator.core.MachineIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one MQTT client of the publisher costs: the threads it adds to the JVM and the CPU time of
 * the publisher's threads (Paho's per-client threads, the shared timer, the publishing thread) per
 * reading, for several client counts at the same total rate. Not an integration test (not run by
 * {@code verify}); run on demand:
 *
 * <pre>
 * mvn -B -o verify -pl simulator -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=PublisherCostBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
 *     -DargLine="-Dbench.clients=1,50,200 -Dbench.rate=5000 -Dbench.seconds=5 -Dbench.transport=paho"
 * </pre>
 * ({@code -Dbench.transport=nio} for the lean publisher.)
 * The figures are logged (target/failsafe-reports/*PublisherCostBenchmark-output.txt). HiveMQ runs
 * in the same JVM: its threads are not counted, but it takes the same two cores.
 */
@Timeout(600)
class PublisherCostBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(PublisherCostBenchmark.class);

    @Test
    void measuresThreadsAndCpuPerClient() throws Exception {
        final int[] clientCounts = Arrays.stream(System.getProperty("bench.clients", "1,50,200").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        final int rate = Integer.getInteger("bench.rate", 5000);
        final MqttSettings.Transport transport = MqttSettings.Transport.valueOf(
                System.getProperty("bench.transport", "paho").toUpperCase(java.util.Locale.ROOT));
        final Duration window = Duration.ofSeconds(Integer.getInteger("bench.seconds", 5));
        try (LocalStack stack = LocalStack.builder().mqttPersistence(MqttPersistence.IN_MEMORY).withConnect(false)
                .build().start()) {
            for (final int clients : clientCounts) {
                measure(stack.mqttUri(), clients, rate, Duration.ofSeconds(2), transport);   // warm-up, not reported
                final Result r = measure(stack.mqttUri(), clients, rate, window, transport);
                LOG.info(String.format(Locale.ROOT, "%s, clients %4d: %5.2f threads per client (+%d shared) %s;"
                                + " idle %.1f µs CPU per client per s; at %,d readings/s: %.1f µs CPU per reading,"
                                + " %.2f core (publisher threads %.2f, publishing thread %.2f)",
                        transport.optionValue(), clients, r.perClient, r.shared, r.kinds, r.idleMicrosPerClientSecond, rate, r.microsPerReading,
                        r.cores, r.clientCores, r.callerCores));
            }
        }
    }

    private Result measure(final String uri, final int clients, final int rate, final Duration window,
                           final MqttSettings.Transport transport) throws Exception {
        final String prefix = "cost" + clients + "x" + System.nanoTime() % 100_000;
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        final int threadsBefore = mx.getThreadCount();
        final PublishStats stats = new PublishStats();
        final MqttSettings settings = MqttSettings.defaults(uri).withClients(clients).withClientIdPrefix(prefix)
                .withTransport(transport);
        final MqttPublisher publisher = MqttPublisher.connect(settings, stats);
        try {
            final int added = mx.getThreadCount() - threadsBefore;
            final Map<String, Integer> kinds = new TreeMap<>();
            Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.contains(prefix))
                    .forEach(n -> kinds.merge(kind(n), 1, Integer::sum));
            final int own = kinds.values().stream().mapToInt(Integer::intValue).sum();

            final long idleStart = System.nanoTime();
            final long idleCpu0 = cpuOf(mx, prefix);
            park(idleStart + TimeUnit.SECONDS.toNanos(1));
            final double idleMicros = (cpuOf(mx, prefix) - idleCpu0) / 1000.0 / clients
                    / ((System.nanoTime() - idleStart) / 1e9);

            final int machines = Math.max(clients, rate);
            final List<TelemetryReading> readings = MachineIds.first(machines).stream()
                    .map(id -> TelemetryReading.of(id, Instant.now(), Map.of("temperature", 65.0))).toList();
            final byte[][] payloads = readings.stream().map(PublisherCostBenchmark::payload).toArray(byte[][]::new);
            final long total = rate * window.toSeconds();
            final long start = System.nanoTime();
            final long cpu0 = cpuOf(mx, prefix);
            final long caller0 = mx.getCurrentThreadCpuTime();
            for (long e = 0; e < total; e++) {
                park(start + e * 1_000_000_000L / rate);
                final int m = (int) (e % machines);
                publisher.accept(readings.get(m), payloads[m]);
            }
            final long published = stats.published();
            await().atMost(Duration.ofSeconds(60)).until(() -> stats.acked() >= published);
            final double seconds = (System.nanoTime() - start) / 1e9;
            final long clientCpu = cpuOf(mx, prefix) - cpu0;
            final long caller = mx.getCurrentThreadCpuTime() - caller0;
            assertThat(stats.acked()).isEqualTo(total);
            return new Result(own / (double) clients, Math.max(0, added - own), kinds, idleMicros,
                    (clientCpu + caller) / 1000.0 / total, (clientCpu + caller) / 1e9 / seconds, clientCpu / 1e9 / seconds,
                    caller / 1e9 / seconds);
        } finally {
            publisher.close();
        }
    }

    /**
     * "MQTT Rec", "MQTT Snd", "MQTT Call", "MQTT Ping" (Paho's names), "MQTT Con" (a pool thread that
     * ran a connect), "timer"; "nio-io", "nio-timer" (the nio transport's two threads).
     */
    private static String kind(final String threadName) {
        final int colon = threadName.indexOf(':');
        if (threadName.startsWith("MQTT ") && colon > 0) {
            return threadName.substring(0, colon);
        }
        if (threadName.endsWith("-nio-io") || threadName.endsWith("-nio-timer")) {
            return threadName.substring(threadName.lastIndexOf("-nio-") + 1);
        }
        return threadName.endsWith("-mqtt-timer") ? "timer" : "other";
    }

    private static byte[] payload(final TelemetryReading r) {
        return ("{\"machine_id\":\"" + r.machineId() + "\",\"timestamp\":\"2025-11-21T21:27:22.123Z\",\"seq\":41,"
                + "\"temperature\":82.4,\"vibration\":4.671,\"current\":14.2,\"pressure\":6.012,\"rpm\":1431.0,"
                + "\"runtime_hours\":0.12,\"degradation_level\":78.3}").getBytes(StandardCharsets.UTF_8);
    }

    /** CPU time of every live thread whose name contains the prefix (the clients' own threads). */
    private static long cpuOf(final ThreadMXBean mx, final String prefix) {
        long sum = 0;
        for (final Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains(prefix)) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    private static void park(final long untilNanos) {
        long left;
        while ((left = untilNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private record Result(double perClient, int shared, Map<String, Integer> kinds, double idleMicrosPerClientSecond,
                          double microsPerReading, double cores, double clientCores, double callerCores) {
    }
}
