package dev.pdm.iiot.platform.bench;

import dev.pdm.iiot.localstack.Ports;
import dev.pdm.iiot.platform.Bridge;
import dev.pdm.iiot.platform.Platform;
import dev.pdm.iiot.platform.PlatformMain;
import dev.pdm.iiot.platform.PlatformSettings;
import dev.pdm.iiot.platform.security.PlatformSecurity;
import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.core.PlantConfig;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.core.Simulation;
import dev.pdm.iiot.simulator.core.TelemetryGenerator;
import dev.pdm.iiot.simulator.faults.Degradation;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.faults.FaultSpec;
import dev.pdm.iiot.simulator.faults.FaultType;
import dev.pdm.iiot.simulator.faults.RandomFaults;
import dev.pdm.iiot.simulator.mqtt.MqttPublisher;
import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import dev.pdm.iiot.simulator.mqtt.PublishStats;
import dev.pdm.iiot.simulator.output.LabelSink;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * N machines at R Hz through the whole platform on the embedded brokers: simulator (Paho, QoS 1)
 * → HiveMQ CE → MQTT source connector → Kafka → detector → {@code machine-status} and
 * {@code machine-alerts}, read by a {@code read_committed} consumer. Reports throughput, the
 * latency from a reading's publication to its status and to the alert it raised, readings lost
 * (published and acknowledged by the broker, never accepted by the detector), and the CPU time each
 * process and component used while measured ({@link CpuAccounting}), also per reading accepted.
 */
@Command(name = "pipeline-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures the whole platform under load: throughput, publish -> status and publish -> alert "
                + "latency, readings lost, CPU time per process and component and per reading.")
public final class PipelineBenchmark implements Callable<Integer> {

    @Option(names = "--machines", description = "Simulated machines (default: ${DEFAULT-VALUE}).")
    int machines = 1_000;

    @Option(names = "--rate", description = "Readings per machine and second (default: ${DEFAULT-VALUE}).")
    double rateHz = 1.0;

    @Option(names = "--warmup", description = "Not measured: training and settling (default: ${DEFAULT-VALUE}).",
            converter = PlatformMain.DurationConverter.class)
    Duration warmup = Duration.ofSeconds(90);

    @Option(names = "--duration", description = "Measured time after the warm-up (default: ${DEFAULT-VALUE}).",
            converter = PlatformMain.DurationConverter.class)
    Duration duration = Duration.ofSeconds(120);

    @Option(names = "--fault-share", description = "Share of machines whose bearing starts to wear during the "
            + "measured time, so that alerts flow (default: ${DEFAULT-VALUE}).")
    double faultShare = 0.01;

    @Option(names = "--clients", description = "MQTT clients of the simulator (default: one per 50 readings/s).")
    Integer clients;

    @Option(names = "--app-heap", description = "Heap of the detector and the dashboard (default: ${DEFAULT-VALUE}).")
    String appHeap = "1g";

    @Option(names = "--progress", description = "Progress line every (default: ${DEFAULT-VALUE}).",
            converter = PlatformMain.DurationConverter.class)
    Duration progress = Duration.ofSeconds(10);

    @Option(names = "--bridge", converter = PlatformMain.BridgeConverter.class,
            description = "How readings get from MQTT into Kafka: hivemq or connect (default: hivemq).")
    Bridge bridge = Bridge.HIVEMQ;

    @Option(names = "--until", converter = UntilConverter.class,
            description = "Where a reading counts as accepted: detector (the whole platform: the detector's status "
                    + "counts it) or kafka (the bridge alone: it is in machine-telemetry; no detector, no dashboard) "
                    + "(default: detector).")
    Until until = Until.DETECTOR;

    @Option(names = "--seed", description = "The simulator's seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    /** Where a reading counts as accepted. */
    enum Until {
        /** The detector accepted it (its machine's status counts it): the whole platform. */
        DETECTOR,
        /** It is in {@code machine-telemetry}: the bridge alone. */
        KAFKA
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "platform-logback.xml");
        }
        System.exit(new CommandLine(new PipelineBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final Path dataDir = Files.createTempDirectory("pipeline-benchmark-");
        final int[] ports = Ports.resolve(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        final PlatformSettings settings = new PlatformSettings(dataDir, Path.of("."), ports[0], ports[1], ports[2],
                ports[3], ports[4], ports[5], ports[6], ports[7], ports[8],
                ports[9], ports[10], ports[11], 0, Duration.ofSeconds(1), 0,
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(1)), seed, List.of("-Xmx" + appHeap),
                until == Until.DETECTOR, bridge, false);
        final int mqttClients = clients != null ? clients : MqttSettings.clientsFor(machines * rateHz);
        final Duration interval = Duration.ofNanos(Math.round(1e9 / rateHz));
        out.printf("pipeline benchmark: %,d machines at %.2f Hz (%,.0f readings/s) for %s after a %s warm-up, "
                + "%d MQTT clients, %.1f %% of machines faulty, readings bridged by %s, accepted %s%n", machines,
                rateHz, machines * rateHz, duration, warmup, mqttClients, faultShare * 100,
                bridge == Bridge.HIVEMQ ? "HiveMQ's Kafka bridge" : "the Connect MQTT source",
                until == Until.DETECTOR ? "by the detector" : "once in Kafka (the bridge alone)");
        out.flush();
        try (Platform platform = Platform.start(settings, null);
             PipelineProbe probe = new PipelineProbe(platform.bootstrapServers(), until == Until.KAFKA)) {
            final PublishStats stats = new PublishStats();
            final MqttPublisher publisher = MqttPublisher.connect(MqttSettings.defaults(platform.mqttUri())
                    .withClients(mqttClients).withTransport(MqttSettings.Transport.NIO)
                    .withClientIdPrefix(CpuComponent.LOAD_GENERATOR_CLIENT_PREFIX)
                    .withCredentials(PlatformSecurity.SIMULATOR, platform.secrets().simulatorPassword()), stats);
            // no duration of its own: measure() stops it once the measured time is over
            try (Simulation simulation = Simulation.builder()
                    .source(new TelemetryGenerator(plant(interval), LabelSink.NONE))
                    .sink(publisher)
                    .build()
                    .start()) {
                final Result result = measure(out, simulation, stats, probe, new CpuAccounting(apps(platform)));
                out.println(result.summary());
                out.flush();
                return result.lost() == 0 ? 0 : 1;
            }
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /** {@code detector} or {@code kafka}. */
    static final class UntilConverter implements CommandLine.ITypeConverter<Until> {
        @Override
        public Until convert(final String value) {
            return Until.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** The detector's and the dashboard's processes, by name. */
    private static Map<String, ProcessHandle> apps(final Platform platform) {
        final Map<String, ProcessHandle> apps = new LinkedHashMap<>();
        Stream.of(platform.detector(), platform.dashboard()).filter(Objects::nonNull)
                .forEach(app -> app.processHandle().ifPresent(handle -> apps.put(app.name(), handle)));
        return apps;
    }

    private PlantConfig plant(final Duration interval) {
        final List<String> ids = MachineIds.first(machines);
        final List<FaultSpec> faults = new ArrayList<>();
        final int every = faultShare <= 0 ? Integer.MAX_VALUE : (int) Math.max(1, Math.round(1 / faultShare));
        for (int i = 0; i < machines; i += every) {
            final Duration start = warmup.plusSeconds(i % Math.max(1, duration.toSeconds() / 2));
            faults.add(new FaultSpec(ids.get(i), FaultType.BEARING_WEAR, start, null, Duration.ofSeconds(30), 1.0, null));
        }
        return new PlantConfig(ids, interval, seed, new FaultPlan(faults, RandomFaults.NONE, Degradation.NONE),
                ReadingFormat.DEFAULT);
    }

    private Result measure(final PrintWriter out, final Simulation simulation, final PublishStats stats,
                           final PipelineProbe probe, final CpuAccounting cpu) throws InterruptedException {
        final long started = System.nanoTime();
        final long measureFrom = started + warmup.toNanos();
        final long measureTo = measureFrom + duration.toNanos();
        long nextProgress = started + progress.toNanos();
        long measuringSince = measureFrom;
        long measuredAckedFrom = -1;
        long measuredAcceptedFrom = -1;
        CpuAccounting.Sample cpuFrom = null;
        final ProgressLine progressLine = new ProgressLine(out, started, cpu.sample());
        // wakes up at every progress line, at the end of the warm-up and at the end of the measured time
        while (true) {
            final long now = System.nanoTime();
            if (cpuFrom == null && now >= measureFrom) {
                measuringSince = now;
                cpuFrom = cpu.sample();
                measuredAckedFrom = stats.acked();
                measuredAcceptedFrom = probe.acceptedReadings();
                probe.startMeasuring();
                stats.resetLatency();
                out.println("-- warm-up over, measuring");
            }
            if (now >= nextProgress) {
                progressLine.print(now, stats, probe, simulation, cpu.sample());
                nextProgress += progress.toNanos();
            }
            if (now >= measureTo || simulation.isDone()) {
                break;
            }
            final long wakeUp = Math.min(nextProgress, cpuFrom == null ? measureFrom : measureTo);
            simulation.awaitTermination(Duration.ofNanos(Math.max(0, wakeUp - System.nanoTime())));
        }
        // the CPU while the load generator's threads still run (they end with the simulation)
        final long publishingEnded = System.nanoTime();
        final CpuAccounting.Sample cpuTo = cpu.sample();
        final long acceptedWhenPublishingEnded = probe.acceptedReadings();
        final long ackedWhenPublishingEnded = stats.acked();
        simulation.stop(); // waits for the broker's acknowledgements of what was published
        final long measuredAcked = stats.acked() - Math.max(0, measuredAckedFrom);
        // drain: wait until the detector accepted every acknowledged reading, or stops making progress
        long accepted = probe.acceptedReadings();
        long stalledSince = System.nanoTime();
        while (accepted < stats.acked() && System.nanoTime() - stalledSince < Duration.ofSeconds(60).toNanos()) {
            Thread.sleep(500);
            final long now = probe.acceptedReadings();
            if (now > accepted) {
                stalledSince = System.nanoTime();
            }
            accepted = now;
        }
        final double measuredSeconds = (publishingEnded - measuringSince) / 1e9;
        final Optional<MeasuredCpu> measuredCpu = cpuFrom == null ? Optional.empty()
                : Optional.of(new MeasuredCpu(CpuUsage.between(cpuFrom, cpuTo),
                acceptedWhenPublishingEnded - measuredAcceptedFrom, ackedWhenPublishingEnded - measuredAckedFrom));
        return new Result(machines, rateHz, measuredSeconds, stats.published(), stats.acked(), stats.refused(),
                stats.rejected(), stats.failed(), accepted, until, measuredAcked / measuredSeconds,
                (accepted - Math.max(0, measuredAcceptedFrom)) / measuredSeconds, stats.totalLatency(),
                probe.statusLatency(), probe.alertLatency(), probe.alertRecords(),
                simulation.stats().maxLagNanos() / 1_000_000,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), measuredCpu);
    }

    /**
     * The CPU used in the measured time (from the end of the warm-up until the load generator stops),
     * and the readings the detector accepted and the broker acknowledged in that time.
     */
    record MeasuredCpu(CpuUsage usage, long readingsAccepted, long readingsPublished) {

        String summary() {
            return usage.summary(readingsAccepted, readingsPublished);
        }
    }

    record Result(int machines, double rateHz, double seconds, long published, long acked, long refused,
                  long rejected, long failed, long accepted, Until until, double publishedPerSecond,
                  double acceptedPerSecond, Histogram pubackLatency, Histogram statusLatency, Histogram alertLatency,
                  long alertRecords, long maxLagMillis, double loadAverage, Optional<MeasuredCpu> cpu) {

        long lost() {
            return Math.max(0, acked - accepted);
        }

        String summary() {
            return String.format(Locale.ROOT, """
                    summary: %,d machines at %.2f Hz, measured %.0f s
                      readings   published %,d, acknowledged by the broker %,d, refused by it %,d (sent again), rejected %,d, failed %,d, %s %,d, lost %,d
                      throughput published %,.0f/s, accepted %,.0f/s (target %,.0f/s)
                      publish -> PUBACK latency ms: %s
                      publish -> machine-status latency ms: %s
                      publish -> machine-alerts latency ms: %s (%,d alert records)
                      simulator lag behind schedule, worst: %,d ms; load average at the end %.1f""",
                    machines, rateHz, seconds, published, acked, refused, rejected, failed,
                    until == Until.DETECTOR ? "accepted by the detector" : "in machine-telemetry", accepted, lost(),
                    publishedPerSecond, acceptedPerSecond, machines * rateHz, percentiles(pubackLatency),
                    percentiles(statusLatency), percentiles(alertLatency), alertRecords, maxLagMillis, loadAverage)
                    + cpu.map(c -> "\n" + c.summary()).orElse("");
        }

        private static String percentiles(final Histogram h) {
            if (h.getTotalCount() == 0) {
                return "none measured";
            }
            return String.format(Locale.ROOT, "p50 %,.0f  p95 %,.0f  p99 %,.0f  max %,.0f  (%,d samples)",
                    h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(95) / 1e3,
                    h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount());
        }
    }

    private static void deleteRecursively(final Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
