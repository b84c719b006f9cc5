package dev.pdm.iiot.detector.bench;

import dev.pdm.iiot.detector.evaluate.JsonlReader;
import dev.pdm.iiot.detector.evaluate.Series;
import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.model.MachineContext;
import dev.pdm.iiot.detector.model.MachineContextSerde;
import dev.pdm.iiot.detector.scoring.FeatureVector;
import dev.pdm.iiot.detector.scoring.TrainedModel;
import dev.pdm.iiot.detector.streams.MachineDetector;
import dev.pdm.iiot.detector.streams.TrainingRows;
import dev.pdm.iiot.detector.watch.PeerComparison;
import dev.pdm.iiot.detector.watch.PeerGroup;
import dev.pdm.iiot.detector.watch.PeerLevel;
import dev.pdm.iiot.detector.watch.Watches;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The detector's per-reading CPU without Kafka: a labeled fleet (the simulator's JSON Lines) replayed
 * in one thread in time order through {@link MachineDetector}, each machine's context read from and
 * written to the machine store's binary format around every reading as the store does (the training
 * rows and models in memory). Prints per pass the thread's CPU per reading, the part of it the
 * machine store's format took and the value's mean size; then, from one more pass, a digest of
 * everything the detector produced (scores, alerts, statuses) and one of the values it stored: two
 * builds that detect the same give the same first digest, and two that store the same the second.
 *
 * <pre>
 * java -cp "$CP" dev.pdm.iiot.detector.bench.StoredReplay readings.jsonl labels.jsonl [passes (5)]
 * </pre>
 */
public final class StoredReplay {

    private StoredReplay() {
    }

    public static void main(final String[] args) throws Exception {
        final Path readings = Path.of(args[0]);
        final Path labels = Path.of(args[1]);
        final int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        final DetectorSettings base = DetectorSettings.defaults();
        final List<Series> fleet = JsonlReader.read(readings, labels, base.features(), base.training().samples());
        final DetectorSettings settings = base.withFeatures(fleet.get(0).features())
                .withTraining(base.training().withSamples(fleet.get(0).train()));
        final List<TelemetryReading> all = new ArrayList<>();
        for (final Series s : fleet) {
            all.addAll(s.readings());
        }
        all.sort(Comparator.comparing(TelemetryReading::timestamp));
        final double[] perReading = new double[passes];
        final double[] serdePerReading = new double[passes];
        for (int p = 0; p <= passes; p++) {
            // the last pass only digests what the detector produced (its strings cost more than the detector)
            final Pass pass = new Pass(settings, p == passes);
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            final long cpu0 = threads.getCurrentThreadCpuTime();
            for (final TelemetryReading r : all) {
                pass.reading(r);
            }
            final long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            if (pass.digesting) {
                System.out.printf(Locale.ROOT, "digest of the scores, alerts and statuses: %08x; of the stored values: %08x%n",
                        pass.digest.getValue(), pass.values.getValue());
                pass.sections();
                pass.roundTrips();
                break;
            }
            perReading[p] = cpu / 1000.0 / all.size();
            serdePerReading[p] = pass.serdeNanos / 1000.0 / all.size();
            System.out.printf(Locale.ROOT, "pass %d: %d readings, %.2f µs CPU per reading, of it %.2f µs in the machine"
                            + " store's format (wall clock), value %.0f bytes on average%n", p + 1,
                    all.size(), perReading[p], serdePerReading[p], (double) pass.bytes / pass.written);
        }
        Arrays.sort(perReading);
        Arrays.sort(serdePerReading);
        System.out.printf(Locale.ROOT, "median: %.2f µs CPU per reading, %.2f µs of it the store's format%n",
                perReading[passes / 2], serdePerReading[passes / 2]);
    }

    /** One replay of the fleet from nothing. */
    private static final class Pass {
        final MachineDetector detector;
        final Watches watches;
        final DetectorSettings settings;
        final PeerGroup peerGroup;
        final MachineContextSerde serde = new MachineContextSerde();
        final Map<String, byte[]> stored = new HashMap<>();
        final Map<String, TrainingRows> rows = new HashMap<>();
        final Map<String, TrainedModel> models = new HashMap<>();
        final Map<String, Alert> alerts = new HashMap<>();
        final Map<String, Map<String, PeerLevel>> groups = new HashMap<>();
        final CRC32 digest = new CRC32();
        final CRC32 values = new CRC32();
        final boolean digesting;
        long serdeNanos;
        long bytes;
        long written;

        Pass(final DetectorSettings settings, final boolean digesting) {
            this.settings = settings;
            this.digesting = digesting;
            this.detector = new MachineDetector(settings);
            this.watches = detector.watches();
            this.peerGroup = watches.peers() == null ? null : new PeerGroup(watches.peers().settings());
        }

        void reading(final TelemetryReading r) {
            final String id = r.machineId();
            final long t0 = System.nanoTime();
            final byte[] before = stored.get(id);
            final MachineContext ctx = before == null ? MachineContext.initial(id) : serde.deserialize("machines", before);
            serdeNanos += System.nanoTime() - t0;
            if (FeatureVector.missing(r, settings.features()) != null) {
                return;
            }
            if (detector.isDuplicate(ctx, r)) {
                return;
            }
            final Alert open = ctx.forest().openAlertId == null ? null : alerts.get(ctx.forest().openAlertId);
            final MachineDetector.Step step = detector.onReading(ctx, rows.computeIfAbsent(id, k -> TrainingRows.inMemory()),
                    models.get(id), open, r, r.timestamp(), alerts::get);
            if (step.trained() != null) {
                models.put(id, step.trained());
            }
            note(step.scored());
            note(step.status());
            note(step.alert());
            for (final Alert a : step.watchAlerts()) {
                note(a);
            }
            if (step.peerLevel() != null && peerGroup != null) {
                final PeerLevel level = step.peerLevel();
                final Map<String, PeerLevel> members = groups.computeIfAbsent(level.group(), g -> new HashMap<>());
                members.put(level.machineId(), level);
                final PeerGroup.Stats stats = peerGroup.stats(members.values(), level.at());
                final PeerComparison c = stats == null ? PeerComparison.alone(level) : PeerGroup.compare(level, stats);
                note(watches.onComparison(ctx.watches(), c, settings.features(), r.timestamp(), alerts::get));
            }
            final long t1 = System.nanoTime();
            final byte[] after = serde.serialize("machines", ctx);
            serdeNanos += System.nanoTime() - t1;
            stored.put(id, after);
            if (digesting) {
                values.update(after);
            }
            bytes += after.length;
            written++;
        }

        /**
         * The machine store's format alone: the values stored at the end of the pass, each read, every
         * watch's section decoded (as the watches do on every reading), and written again; the
         * thread's CPU per value, 9 rounds of 200,000 values, their median.
         */
        void roundTrips() {
            final List<byte[]> all = new ArrayList<>(stored.values());
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            final double[] rounds = new double[9];
            long sink = 0;
            for (int round = 0; round < rounds.length; round++) {
                final long cpu0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < 200_000; i++) {
                    final MachineContext ctx = serde.deserialize("machines", all.get(i % all.size()));
                    for (final dev.pdm.iiot.detector.watch.Watch<?> w : watches.all()) {
                        ctx.watches().peek(w);
                    }
                    sink += serde.serialize("machines", ctx).length;
                }
                rounds[round] = (threads.getCurrentThreadCpuTime() - cpu0) / 1000.0 / 200_000;
            }
            Arrays.sort(rounds);
            System.out.printf(Locale.ROOT, "the store's format alone: %.2f µs CPU per value read, decoded and written"
                    + " (median of %d rounds, %.2f to %.2f; %d bytes)%n", rounds[rounds.length / 2], rounds.length,
                    rounds[0], rounds[rounds.length - 1], sink / 200_000 / rounds.length);
        }

        /** The mean size of the forest's section and of each watch's at the end of the pass. */
        void sections() {
            final Map<String, Long> sizes = new java.util.TreeMap<>();
            for (final byte[] value : stored.values()) {
                final MachineContext ctx = serde.deserialize("machines", value);
                final dev.pdm.iiot.detector.model.BinaryWriter forest = new dev.pdm.iiot.detector.model.BinaryWriter(64);
                ctx.forest().write(forest);
                sizes.merge("forest", (long) forest.toByteArray().length, Long::sum);
                for (final dev.pdm.iiot.detector.watch.Watch<?> w : watches.all()) {
                    final dev.pdm.iiot.detector.watch.WatchState st = ctx.watches().peek(w);
                    if (st != null) {
                        final dev.pdm.iiot.detector.model.BinaryWriter out = new dev.pdm.iiot.detector.model.BinaryWriter(64);
                        st.write(out);
                        sizes.merge("watch " + w.id(), (long) out.toByteArray().length, Long::sum);
                    }
                }
                sizes.merge("whole value", (long) value.length, Long::sum);
            }
            sizes.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %s: %d bytes on average at the end%n", k,
                    v / stored.size()));
        }

        private void note(final Object o) {
            if (o == null) {
                return;
            }
            if (o instanceof Alert a) {
                alerts.put(a.alertId(), a);
            }
            if (digesting) {
                digest.update(o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }
}
