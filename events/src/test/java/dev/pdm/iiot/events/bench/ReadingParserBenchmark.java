package dev.pdm.iiot.events.bench;

import dev.pdm.iiot.events.validation.ParseResult;
import dev.pdm.iiot.events.validation.ReadingParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Readings parsed and validated per second, as the detector and the MQTT bridge do it for every
 * reading: the platform's format (ISO timestamp with {@code Z}, a sequence number) and the
 * prototype's (microsecond timestamps without zone, seven sensors), each checked against the key it
 * came under. 1,024 distinct payloads per format, so that no branch sees one value only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReadingParserBenchmark {

    private static final int COUNT = 1024;
    private static final Instant START = Instant.parse("2025-11-21T08:00:00Z");

    private final ReadingParser parser = ReadingParser.withDefaults();
    private byte[][] platform;
    private byte[][] prototype;
    private String[] keys;
    private Instant arrival;
    private int next;

    @Setup
    public void setUp() {
        final SplittableRandom r = new SplittableRandom(42);
        platform = new byte[COUNT][];
        prototype = new byte[COUNT][];
        keys = new String[COUNT];
        for (int i = 0; i < COUNT; i++) {
            keys[i] = String.format(Locale.ROOT, "PUMP_%05d", r.nextInt(10_000));
            final Instant at = START.plusMillis(r.nextInt(3_600_000));
            platform[i] = String.format(Locale.ROOT, "{\"machine_id\":\"%s\",\"timestamp\":\"%s\",\"temperature\":%.1f,"
                            + "\"vibration\":%.2f,\"current\":%.1f,\"pressure\":%.2f,\"rpm\":%.1f,\"seq\":%d}",
                    keys[i], at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), 65 + r.nextGaussian(),
                    2 + 0.1 * r.nextGaussian(), 10 + 0.3 * r.nextGaussian(), 6 + 0.05 * r.nextGaussian(),
                    1500 + 8 * r.nextGaussian(), r.nextInt(1_000_000)).getBytes(StandardCharsets.UTF_8);
            final String local = at.plusNanos(r.nextInt(1_000_000) * 1000L).toString().replace("Z", "");
            prototype[i] = String.format(Locale.ROOT, "{\"machine_id\": \"%s\", \"timestamp\": \"%s\", "
                            + "\"temperature\": %.1f, \"vibration\": %.2f, \"current\": %.1f, \"pressure\": %.2f, "
                            + "\"rpm\": %d, \"runtime_hours\": %.2f, \"degradation_level\": %.1f}",
                    keys[i], local.length() == 19 ? local + ".000001" : local, 82 + r.nextGaussian(),
                    4.5 + 0.2 * r.nextGaussian(), 14 + 0.3 * r.nextGaussian(), 6 + 0.05 * r.nextGaussian(),
                    1400 + r.nextInt(60), r.nextDouble() * 100, r.nextDouble() * 100).getBytes(StandardCharsets.UTF_8);
        }
        arrival = START.plusSeconds(7200);
        for (int i = 0; i < COUNT; i++) {
            check(platform(), i);
            check(prototype(), i);
        }
    }

    private static void check(final ParseResult result, final int i) {
        if (!result.isAccepted()) {
            throw new IllegalStateException("payload " + i + " rejected: " + result.rejection());
        }
    }

    /** A reading in the platform's format. */
    @Benchmark
    public ParseResult platform() {
        next = (next + 1) & (COUNT - 1);
        return parser.parse(platform[next], arrival, keys[next]);
    }

    /** A reading as the prototype's simulator publishes it. */
    @Benchmark
    public ParseResult prototype() {
        next = (next + 1) & (COUNT - 1);
        return parser.parse(prototype[next], arrival, keys[next]);
    }
}
