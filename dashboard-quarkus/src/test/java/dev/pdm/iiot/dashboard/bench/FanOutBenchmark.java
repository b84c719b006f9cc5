package dev.pdm.iiot.dashboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.MachineState;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load tool for the WebSocket fan-out (not a test): against a running dashboard and its Kafka, it
 * writes machine statuses to {@code machine-status} at a fixed rate, keeps N WebSocket clients
 * connected (some of them deliberately slow readers), and reports every few seconds and at the end:
 * updates delivered per second and client, latency from the status's {@code updated_at} to its
 * arrival in the probe client (per report interval; the final line over the whole run), the server's coalesced and dropped counts, and the server's heap. Stops by
 * itself after the configured duration.
 *
 * <p>Settings (system properties): {@code bench.url} (http://localhost:8080), {@code bench.kafka}
 * (localhost:9092), {@code bench.clients} (50), {@code bench.slow} (0: clients that take one
 * message every {@code bench.slow-pause} (2 s)), {@code bench.rate} (1000 updates/s),
 * {@code bench.machines} (1000), {@code bench.seconds} (60), {@code bench.warmup} (20).
 */
public final class FanOutBenchmark {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final int LATENCY_BUCKETS = 10_001;

    private final URI base = URI.create(System.getProperty("bench.url", "http://localhost:8080"));
    private final String kafka = System.getProperty("bench.kafka", "localhost:9092");
    private final int clientCount = Integer.getInteger("bench.clients", 50);
    private final int slowCount = Integer.getInteger("bench.slow", 0);
    private final Duration slowPause = Duration.parse(System.getProperty("bench.slow-pause", "PT2S"));
    private final int rate = Integer.getInteger("bench.rate", 1000);
    private final int machines = Integer.getInteger("bench.machines", 1000);
    private final int seconds = Integer.getInteger("bench.seconds", 60);
    private final int warmup = Integer.getInteger("bench.warmup", 20);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    private final List<Client> clients = new ArrayList<>();
    private final LongAdder produced = new LongAdder();
    /** Latency in milliseconds, one bucket per ms, the last bucket for 10 s and more: since the last report. */
    private final AtomicLongArray latency = new AtomicLongArray(LATENCY_BUCKETS);
    /** The same over the whole measured run. */
    private final AtomicLongArray latencyTotal = new AtomicLongArray(LATENCY_BUCKETS);

    public static void main(final String[] args) throws Exception {
        new FanOutBenchmark().run();
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "fan-out benchmark: %d clients (%d slow) on %s, %d updates/s over %d machines,"
                + " %d s + %d s warm-up%n", clientCount, slowCount, base, rate, machines, seconds, warmup);
        for (int i = 0; i < clientCount; i++) {
            final Client client = new Client(i, i < slowCount);
            clients.add(client);
            client.connect();
        }
        try (KafkaProducer<String, byte[]> producer = producer()) {
            final long[] readings = new long[machines];
            final AtomicLong next = new AtomicLong();
            final int perTick = Math.max(1, rate / 100);
            final var writing = timers.scheduleAtFixedRate(() -> {
                for (int i = 0; i < perTick; i++) {
                    final int m = (int) (next.getAndIncrement() % machines);
                    final String id = String.format(Locale.ROOT, "BENCH_%04d", m);
                    producer.send(new ProducerRecord<>(KafkaTopics.STATUS, id, EventJson.toBytes(status(id, ++readings[m]))));
                    produced.increment();
                }
            }, 0, 10, TimeUnit.MILLISECONDS);

            await(Duration.ofSeconds(warmup));
            reset();
            final long start = System.nanoTime();
            final JsonNode before = statistics();
            for (int elapsed = 5; elapsed <= seconds; elapsed += 5) {
                await(Duration.ofSeconds(5));
                report(elapsed, start, before, false);
            }
            writing.cancel(false);
            report(seconds, start, before, true);
        } finally {
            clients.forEach(Client::close);
            timers.shutdownNow();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static MachineStatus status(final String id, final long readings) {
        final Instant now = Instant.now();
        final double t = 65 + (readings % 10);
        final TelemetryReading reading = TelemetryReading.of(id, now,
                Map.of("temperature", t, "vibration", 2.0, "current", 10.0, "pressure", 6.0, "rpm", 1500.0));
        return new MachineStatus(id, MachineState.NORMAL, 30, 30, 1, reading, 0.42, 0.6, readings, 0, 0, null, now, null, null);
    }

    private void reset() {
        produced.reset();
        for (int i = 0; i < LATENCY_BUCKETS; i++) {
            latency.set(i, 0);
            latencyTotal.set(i, 0);
        }
        clients.forEach(Client::reset);
    }

    private void report(final int elapsed, final long start, final JsonNode before, final boolean last) throws Exception {
        final double secs = (System.nanoTime() - start) / 1e9;
        final JsonNode stats = statistics();
        final JsonNode ws = stats.path("websocket");
        final JsonNode heap = stats.path("heap");
        long fastEntries = 0;
        long minFast = Long.MAX_VALUE;
        long slowEntries = 0;
        long messages = 0;
        long closedSlow = 0;
        int fast = 0;
        for (final Client c : clients) {
            messages += c.messages.sum();
            if (c.slow) {
                slowEntries += c.entries.sum();
                closedSlow += c.closedAsSlow.sum();
            } else {
                fast++;
                fastEntries += c.entries.sum();
                minFast = Math.min(minFast, c.entries.sum());
            }
        }
        final String line = String.format(Locale.ROOT,
                "%s %3d s | produced %6.0f/s | delivered to %d fast clients %8.0f updates/s (%6.0f each, min %6.0f)"
                        + " | %d slow clients %6.0f updates/s each, closed as slow %d | %5.1f msgs/s per client"
                        + " | latency p50 %d ms p99 %d ms max %d ms | server: clients %d, coalesced %d, dropped %d,"
                        + " largest backlog %d, heap %d MB (after GC %d MB, max %d MB)",
                last ? "FINAL" : "     ", elapsed, produced.sum() / secs, fast, fastEntries / secs,
                fast == 0 ? 0 : fastEntries / secs / fast, fast == 0 ? 0 : minFast / secs,
                slowCount, slowCount == 0 ? 0 : slowEntries / secs / slowCount, closedSlow,
                messages / secs / Math.max(1, clients.size()),
                percentile(last ? latencyTotal : latency, 0.50), percentile(last ? latencyTotal : latency, 0.99),
                percentile(last ? latencyTotal : latency, 1.0),
                ws.path("clients").asInt(), ws.path("coalesced").asLong() - before.path("websocket").path("coalesced").asLong(),
                ws.path("dropped").asLong() - before.path("websocket").path("dropped").asLong(),
                ws.path("largest_backlog").asLong(),
                heap.path("used_bytes").asLong() >> 20, heap.path("after_gc_bytes").asLong() >> 20,
                heap.path("max_bytes").asLong() >> 20);
        System.out.println(line);
        for (int i = 0; i < LATENCY_BUCKETS; i++) {
            latency.set(i, 0);
        }
    }

    private static long percentile(final AtomicLongArray histogram, final double p) {
        long total = 0;
        for (int i = 0; i < LATENCY_BUCKETS; i++) {
            total += histogram.get(i);
        }
        if (total == 0) {
            return -1;
        }
        final long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int i = 0; i < LATENCY_BUCKETS; i++) {
            seen += histogram.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return LATENCY_BUCKETS - 1;
    }

    private JsonNode statistics() throws Exception {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/statistics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static void await(final Duration duration) throws InterruptedException {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            done.get(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // the period is over
        }
    }

    /** One WebSocket client; a slow one takes its next message only after a pause. */
    private final class Client implements WebSocket.Listener {

        private final int index;
        private final boolean slow;
        private final LongAdder entries = new LongAdder();
        private final LongAdder messages = new LongAdder();
        private final LongAdder closedAsSlow = new LongAdder();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile boolean closing;

        Client(final int index, final boolean slow) {
            this.index = index;
            this.slow = slow;
        }

        void connect() {
            final URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws/plant");
            socket = http.newWebSocketBuilder().buildAsync(uri, this).join();
        }

        void reset() {
            entries.reset();
            messages.reset();
            closedAsSlow.reset();
        }

        void close() {
            closing = true;
            if (socket != null) {
                socket.abort();
            }
        }

        @Override
        public void onOpen(final WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
            partial.append(data);
            if (last) {
                final String text = partial.toString();
                partial.setLength(0);
                messages.increment();
                if (index == slowCount) {
                    measure(text);
                } else if (text.startsWith("{\"type\":\"batch\"")) {
                    entries.add(count(text, "{\"v\":"));
                }
            }
            if (slow && last) {
                timers.schedule(() -> webSocket.request(1), slowPause.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                webSocket.request(1);
            }
            return null;
        }

        /** The probe client parses every message: entries and the latency of each status. */
        private void measure(final String text) {
            final long now = System.currentTimeMillis();
            try {
                final JsonNode message = JSON.readTree(text);
                if (!"batch".equals(message.path("type").asText())) {
                    return;
                }
                for (final String kind : new String[] {"machines", "alerts"}) {
                    entries.add(message.path(kind).size());
                }
                for (final JsonNode entry : message.path("machines")) {
                    final String updated = entry.path("status").path("updated_at").asText(null);
                    if (updated != null) {
                        final long ms = now - Instant.parse(updated).toEpochMilli();
                        final int bucket = (int) Math.max(0, Math.min(LATENCY_BUCKETS - 1, ms));
                        latency.incrementAndGet(bucket);
                        latencyTotal.incrementAndGet(bucket);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("unreadable message", e);
            }
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason) {
            if (statusCode == 4000) {
                closedAsSlow.increment();
            }
            if (!closing) {
                timers.execute(this::connect);
            }
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error) {
            if (!closing) {
                timers.schedule(this::connect, 500, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static int count(final String text, final String needle) {
        int n = 0;
        int i = text.indexOf(needle);
        while (i >= 0) {
            n++;
            i = text.indexOf(needle, i + needle.length());
        }
        return n;
    }
}
