package dev.pdm.iiot.platform.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.history.HistorySchema;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.connect.ConnectClient;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import dev.pdm.iiot.localstack.postgres.PostgresServer;
import dev.pdm.iiot.platform.PlatformMain;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The history sink under the load of a fleet: Kafka, a Connect worker with Debezium's JDBC sink on its
 * {@code plugin.path} and the embedded PostgreSQL, all started here; the three shipped sink
 * configurations registered against that database. Two modes:
 * <ul>
 *   <li>{@code drain}: after a warm-up minute of the fleet, the minutes connector is paused, M
 *   machines × N minutes of aggregates are put on {@code machine-minute-aggregates} and the connector
 *   resumed; measures the time to write them all, aggregates and rows a second, the consumer lag
 *   over time and the CPU seconds of the Connect worker's threads and of PostgreSQL's processes,
 *   per aggregate.</li>
 *   <li>{@code sustained}: the connectors run first, then one aggregate per machine and minute
 *   arrives, spread evenly (10,000 machines: 167 a second); measures the CPU per second of real time
 *   (the share of a core the fleet's history costs) and the lag.</li>
 * </ul>
 * Both check at the end that every aggregate became its summary row and its sensor rows, and report
 * the database's size.
 */
@Command(name = "history-sink-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures Debezium's JDBC sink with the platform's transforms writing minute aggregates into "
                + "PostgreSQL: drain time, aggregates and rows per second, lag, CPU of Connect and PostgreSQL.")
public final class HistorySinkBenchmark implements Callable<Integer> {

    /** The minutes connector's consumer group, as Connect names a sink's group. */
    static final String GROUP = "connect-history-minutes";
    private static final String MINUTES_CONNECTOR = "history-minutes";
    private static final String CONNECTORS = "/dev/pdm/iiot/connect/history/connectors/";
    private static final List<String> SINKS = List.of("history-minutes-sink.json", "history-alerts-sink.json",
            "history-models-sink.json");
    private static final Instant FIRST_MINUTE = Instant.parse("2026-01-05T00:00:00Z");
    private static final Duration CONNECTOR_TIMEOUT = Duration.ofSeconds(120);

    /** What the benchmark measures. */
    enum Mode { DRAIN, SUSTAINED }

    @Option(names = "--mode", description = "drain (a backlog written as fast as it goes) or sustained (the real "
            + "rate) (default: drain).", converter = ModeConverter.class)
    Mode mode = Mode.DRAIN;

    @Option(names = "--machines", description = "Machines (default: ${DEFAULT-VALUE}).")
    int machines = 10_000;

    @Option(names = "--minutes", description = "drain: minutes of aggregates per machine (default: ${DEFAULT-VALUE}).")
    int minutes = 10;

    @Option(names = "--warmup-minutes", description = "drain: minutes of aggregates per machine written before "
            + "the measured backlog, not measured (default: ${DEFAULT-VALUE}).")
    int warmupMinutes = 1;

    @Option(names = "--sensors", description = "Sensors per aggregate, one row each (default: ${DEFAULT-VALUE}).")
    int sensors = 5;

    @Option(names = "--warmup", converter = PlatformMain.DurationConverter.class,
            description = "sustained: not measured (default: ${DEFAULT-VALUE}).")
    Duration warmup = Duration.ofSeconds(60);

    @Option(names = "--duration", converter = PlatformMain.DurationConverter.class,
            description = "sustained: measured time after the warm-up (default: ${DEFAULT-VALUE}).")
    Duration duration = Duration.ofMinutes(3);

    @Option(names = "--set", description = "A setting of every sink connector, replacing the shipped one, e.g. "
            + "--set batch.size=500 --set consumer.override.max.poll.records=500 (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--jdbc-parameters", description = "Appended to the database's JDBC URL, e.g. "
            + "reWriteBatchedInserts=true (default: none).")
    String jdbcParameters;

    @Option(names = "--plugins", description = "The folder with Debezium's unpacked plugin archive "
            + "(default: ${DEFAULT-VALUE}).")
    Path plugins = Path.of("platform/target/connect-plugins");

    @Option(names = "--progress", converter = PlatformMain.DurationConverter.class,
            description = "A line with the lag every (default: ${DEFAULT-VALUE}).")
    Duration progress = Duration.ofSeconds(5);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "platform-logback.xml");
        }
        System.exit(new CommandLine(new HistorySinkBenchmark()).execute(args));
    }

    /** {@code drain} or {@code sustained}. */
    static final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(final String value) {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(plugins)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no Debezium plugin in " + plugins
                    + ": build the platform (mvn package -pl platform) or give --plugins");
        }
        final MinuteLoad load = new MinuteLoad(machines, FIRST_MINUTE, sensors);
        final Path dataDir = Files.createTempDirectory("history-sink-benchmark-");
        try (LocalStack stack = LocalStack.builder().dataDir(dataDir).mqttPersistence(MqttPersistence.IN_MEMORY)
                .withPostgres(true).connectProperty("plugin.path", plugins.toAbsolutePath().toString())
                .build().start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                     AdminClientConfig.CLIENT_ID_CONFIG, "history-sink-benchmark-lag"));
             KafkaProducer<String, byte[]> producer = producer(stack.bootstrapServers())) {
            final PostgresServer postgres = stack.postgres().orElseThrow();
            HistorySchema.migrate(postgres.dataSource());
            final SinkCpu cpu = new SinkCpu(postgres.dataDir());
            final ConsumerLag lag = new ConsumerLag(admin, KafkaTopics.MINUTE_AGGREGATES, GROUP);
            out.printf(Locale.ROOT, "history sink benchmark, %s: %,d machines × %s, %d sensors (%d rows per aggregate); "
                            + "settings replaced: %s%s; load average %.1f%n", mode.name().toLowerCase(Locale.ROOT), machines,
                    mode == Mode.DRAIN ? minutes + " minutes" : "1 aggregate a minute for " + duration.plus(warmup),
                    sensors, sensors + 1, overrides.isEmpty() ? "none" : overrides,
                    jdbcParameters == null ? "" : ", JDBC URL parameters " + jdbcParameters, loadAverage());
            out.flush();
            final long aggregates;
            if (mode == Mode.DRAIN) {
                aggregates = drain(out, stack, producer, load, lag, cpu);
            } else {
                aggregates = sustained(out, stack, producer, load, lag, cpu);
            }
            return verify(out, postgres, aggregates) ? 0 : 1;
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /**
     * Warms the sink up with the first minutes, pauses the minutes connector, puts the backlog on the
     * topic, resumes the connector and measures until its group has committed everything.
     */
    private long drain(final PrintWriter out, final LocalStack stack, final KafkaProducer<String, byte[]> producer,
                       final MinuteLoad load, final ConsumerLag lag, final SinkCpu cpu) throws Exception {
        register(stack, out);
        final long warm = (long) machines * warmupMinutes;
        for (long i = 0; i < warm; i++) {
            send(producer, load, i);
        }
        producer.flush();
        final long warmStarted = System.nanoTime();
        while (lag.remaining() > 0) {
            TimeUnit.MILLISECONDS.sleep(250);
        }
        out.printf(Locale.ROOT, "warm-up: %,d aggregates written in %.1f s%n", warm, (System.nanoTime() - warmStarted) / 1e9);
        final ConnectorControl control = new ConnectorControl(stack.connectUrl());
        control.pause(MINUTES_CONNECTOR);
        final long total = (long) machines * minutes;
        final long loadStarted = System.nanoTime();
        for (long i = warm; i < warm + total; i++) {
            send(producer, load, i);
        }
        producer.flush();
        out.printf(Locale.ROOT, "pre-loaded %,d aggregates in %.1f s while the connector was paused%n", total,
                (System.nanoTime() - loadStarted) / 1e9);
        out.flush();
        final SinkCpu.Sample from = cpu.sample();
        final long started = System.nanoTime();
        control.resume(MINUTES_CONNECTOR);
        final List<String> series = new ArrayList<>();
        long remaining = lag.remaining();
        long lastPrint = started;
        while (remaining > 0) {
            TimeUnit.MILLISECONDS.sleep(100);
            remaining = lag.remaining();
            final long now = System.nanoTime();
            if (now - lastPrint >= progress.toNanos() || remaining == 0) {
                lastPrint = now;
                final String point = String.format(Locale.ROOT, "%.0f s %,d", (now - started) / 1e9, remaining);
                series.add(point);
                out.println("  lag at " + point);
                out.flush();
            }
        }
        final double seconds = (System.nanoTime() - started) / 1e9;
        final SinkCpu.Usage usage = SinkCpu.between(from, cpu.sample());
        final long rows = total * (sensors + 1);
        out.printf(Locale.ROOT, """
                summary (drain): %,d aggregates (%,d rows) written in %.1f s from the connector's resumption: \
                %,.0f aggregates/s, %,.0f rows/s (offsets are committed every second, so up to 1 s is waiting)
                  lag over time: %s
                %s%n""", total, rows, seconds, total / seconds, rows / seconds, String.join(" | ", series),
                usage.summary(total, rows));
        return warm + total;
    }

    private long sustained(final PrintWriter out, final LocalStack stack, final KafkaProducer<String, byte[]> producer,
                           final MinuteLoad load, final ConsumerLag lag, final SinkCpu cpu) throws Exception {
        register(stack, out);
        final Duration period = Duration.ofMinutes(1);
        final long started = System.nanoTime();
        final long measureFrom = started + warmup.toNanos();
        final long end = measureFrom + duration.toNanos();
        SinkCpu.Sample from = null;
        long sentAtMeasureStart = 0;
        long sent = 0;
        long maxLag = 0;
        long nextPrint = started + progress.toNanos();
        while (System.nanoTime() < end) {
            final long now = System.nanoTime();
            if (from == null && now >= measureFrom) {
                from = cpu.sample();
                sentAtMeasureStart = sent;
                maxLag = 0;
                out.println("-- warm-up over, measuring");
            }
            final long due = load.dueAfter(Duration.ofNanos(now - started), period);
            for (; sent < due; sent++) {
                send(producer, load, sent);
            }
            if (now >= nextPrint) {
                nextPrint += progress.toNanos();
                final long remaining = lag.remaining();
                maxLag = Math.max(maxLag, remaining);
                out.printf(Locale.ROOT, "  %.0f s: sent %,d, lag %,d%n", (now - started) / 1e9, sent, remaining);
                out.flush();
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        final SinkCpu.Usage usage = SinkCpu.between(from, cpu.sample());
        final long measured = sent - sentAtMeasureStart;
        producer.flush();
        final long drainStarted = System.nanoTime();
        while (lag.remaining() > 0) {
            TimeUnit.MILLISECONDS.sleep(250);
        }
        out.printf(Locale.ROOT, """
                summary (sustained): %,d aggregates/s offered (%,d machines, one a minute each), %,d in the measured \
                %.0f s (%,.1f/s, %,.0f rows/s); lag at most %,d aggregates at the progress lines; the rest written \
                %.1f s after the last was sent
                  cpu per second of real time: Connect worker %.3f cores, PostgreSQL %.3f cores, together %.3f cores \
                (%.1f %% of one core)
                %s%n""", Math.round(machines / 60.0), machines, measured, usage.wallSeconds(),
                measured / usage.wallSeconds(), measured * (sensors + 1) / usage.wallSeconds(), maxLag,
                (System.nanoTime() - drainStarted) / 1e9, usage.connectSeconds() / usage.wallSeconds(),
                Math.max(0, usage.postgresSeconds()) / usage.wallSeconds(), usage.sinkSeconds() / usage.wallSeconds(),
                100 * usage.sinkSeconds() / usage.wallSeconds(), usage.summary(measured, measured * (sensors + 1)));
        return sent;
    }

    private static void send(final KafkaProducer<String, byte[]> producer, final MinuteLoad load, final long index) {
        producer.send(new ProducerRecord<>(KafkaTopics.MINUTE_AGGREGATES, load.machine(index),
                EventJson.toBytes(load.aggregate(index))));
    }

    /** The shipped sink configurations against the embedded database, with the settings replaced. */
    private void register(final LocalStack stack, final PrintWriter out) {
        final PostgresServer postgres = stack.postgres().orElseThrow();
        final ConnectClient connect = stack.connectClient();
        for (final String file : SINKS) {
            final Map<String, Object> definition = definition(file);
            final Map<String, String> config = new LinkedHashMap<>();
            @SuppressWarnings("unchecked") final Map<String, String> shipped = (Map<String, String>) definition.get("config");
            config.putAll(shipped);
            config.put("connection.url", jdbcParameters == null ? postgres.jdbcUrl()
                    : postgres.jdbcUrl() + "?" + jdbcParameters);
            config.put("connection.username", postgres.user());
            config.put("connection.password", postgres.password());
            config.putAll(overrides);
            final String name = (String) definition.get("name");
            connect.createOrUpdate(name, config);
            connect.awaitRunning(name, CONNECTOR_TIMEOUT);
        }
        out.println("connectors running: " + connect.connectors());
        out.flush();
    }

    private static Map<String, Object> definition(final String file) {
        try (InputStream in = HistorySinkBenchmark.class.getResourceAsStream(CONNECTORS + file)) {
            if (in == null) {
                throw new IllegalStateException("connector definition " + file + " is not on the classpath");
            }
            return new ObjectMapper().readValue(in, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean verify(final PrintWriter out, final PostgresServer postgres, final long aggregates)
            throws SQLException {
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            final long summaries = single(s, "SELECT count(*) FROM machine_minute_summary");
            final long rows = single(s, "SELECT count(*) FROM machine_minute");
            final long database = single(s, "SELECT pg_database_size(current_database())");
            final long minuteTable = single(s, "SELECT pg_total_relation_size('machine_minute')");
            final long summaryTable = single(s, "SELECT pg_total_relation_size('machine_minute_summary')");
            final boolean complete = summaries == aggregates && rows == aggregates * sensors;
            out.printf(Locale.ROOT, """
                    database: machine_minute_summary %,d rows, machine_minute %,d rows (%s); sizes with indexes: \
                    machine_minute %.1f MB (%.0f bytes a row), machine_minute_summary %.1f MB (%.0f bytes a row), \
                    the whole database %.1f MB%n""",
                    summaries, rows, complete ? "all there" : "expected " + aggregates + " and " + aggregates * sensors,
                    minuteTable / 1e6, rows == 0 ? 0.0 : (double) minuteTable / rows, summaryTable / 1e6,
                    summaries == 0 ? 0.0 : (double) summaryTable / summaries, database / 1e6);
            out.flush();
            return complete;
        }
    }

    private static long single(final Statement s, final String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static KafkaProducer<String, byte[]> producer(final String bootstrap) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "history-sink-benchmark-load");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteRecursively(final Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
