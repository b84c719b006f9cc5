package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The watches' common parts: the alert life, the states' sections, and the simpler watches' rules. */
class WatchesTest {

    private static final Instant T0 = Instant.parse("2025-11-21T08:00:00Z");
    private static final List<String> ONE = List.of("temperature");

    private static Observation observe(final int n, final double value) {
        final Instant t = T0.plusSeconds(3L * n);
        return new Observation("MACHINE_001", TelemetryReading.of("MACHINE_001", t, Map.of("temperature", value)), ONE,
                new double[]{value}, t, true, true);
    }

    @Test
    void aConditionAlertIsRaisedOnceUpdatedAtMostEveryIntervalAndClearedWhenItPasses() {
        final ConditionAlerts life = new ConditionAlerts(Duration.ofMinutes(10));
        final AlertSlot slot = new AlertSlot();
        final Verdict warn = Verdict.alert(Severity.WARNING, "hot", Map.of(), List.of(), List.of());

        final Alert raised = life.apply(slot, "MACHINE_001", Alert.TYPE_DEGRADATION, warn, null, T0, T0);
        assertThat(raised.alertId()).isEqualTo("MACHINE_001:DEGRADATION:1");
        assertThat(raised.status()).isEqualTo(AlertStatus.ACTIVE_UNACK);
        assertThat(life.apply(slot, "MACHINE_001", Alert.TYPE_DEGRADATION, warn, raised, T0.plusSeconds(60),
                T0.plusSeconds(60))).as("nothing new within the interval").isNull();
        final Alert worse = life.apply(slot, "MACHINE_001", Alert.TYPE_DEGRADATION,
                Verdict.alert(Severity.CRITICAL, "hotter", Map.of(), List.of(), List.of()), raised,
                T0.plusSeconds(120), T0.plusSeconds(120));
        assertThat(worse.severity()).as("a change of severity at once").isEqualTo(Severity.CRITICAL);
        assertThat(worse.count()).isEqualTo(2);
        final Alert cleared = life.apply(slot, "MACHINE_001", Alert.TYPE_DEGRADATION, Verdict.CLEAR, worse,
                T0.plusSeconds(180), T0.plusSeconds(180));
        assertThat(cleared.status()).isEqualTo(AlertStatus.CLEARED);
        assertThat(cleared.peakSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(slot.openAlertId).isNull();
        assertThat(life.apply(slot, "MACHINE_001", Alert.TYPE_DEGRADATION, warn, null, T0.plusSeconds(240),
                T0.plusSeconds(240)).alertId()).as("the next is a new alert").isEqualTo("MACHINE_001:DEGRADATION:2");
    }

    @Test
    void aPersonsClearHoldsTheAlertBackUntilItsConditionHasPassed() {
        final ConditionAlerts life = new ConditionAlerts(Duration.ofMinutes(10));
        final AlertSlot slot = new AlertSlot();
        final Verdict warn = Verdict.alert(Severity.WARNING, "hot", Map.of(), List.of(), List.of());
        final Alert raised = life.apply(slot, "MACHINE_001", Alert.TYPE_STUCK_SENSOR, warn, null, T0, T0);
        final Alert byPerson = raised.withStatus(AlertStatus.CLEARED, T0, null, null, T0, "maria");

        ConditionAlerts.clearedByPerson(slot, byPerson);

        assertThat(life.apply(slot, "MACHINE_001", Alert.TYPE_STUCK_SENSOR, warn, byPerson, T0.plusSeconds(3),
                T0.plusSeconds(3))).as("the condition still holds: not raised again").isNull();
        life.apply(slot, "MACHINE_001", Alert.TYPE_STUCK_SENSOR, Verdict.CLEAR, byPerson, T0.plusSeconds(6),
                T0.plusSeconds(6));
        assertThat(life.apply(slot, "MACHINE_001", Alert.TYPE_STUCK_SENSOR, warn, byPerson, T0.plusSeconds(9),
                T0.plusSeconds(9)).alertId()).as("it passed; it may come back").endsWith(":2");
    }

    @Test
    void sectionsOfWatchesNotRunningAreKeptAndUnreadableOrNewerOnesStartAfresh() {
        final WatchStates states = new WatchStates();
        final SilenceWatch silence = new SilenceWatch(WatchSettings.Silence.defaults());
        silence.onReading(states.of(silence), observe(1, 65.0));
        final BinaryWriter out = new BinaryWriter(64);
        states.write(out);
        // a section of a watch this detector does not run, one it cannot read, one of a newer format
        out.writeString("future-watch").writeInt(1).writeBytes(new byte[]{9, 9});
        out.writeString(StuckSensorWatch.ID).writeInt(1).writeBytes(new byte[]{1});
        out.writeString(DropoutWatch.ID).writeInt(99).writeBytes(new byte[]{1});
        final byte[] bytes = out.toByteArray();
        bytes[3] = 4; // four sections

        final WatchStates read = WatchStates.read(new BinaryReader(bytes, 0));

        assertThat(read.of(silence).lastSeen()).isEqualTo(observe(1, 65.0).now());
        assertThat(read.of(new StuckSensorWatch(WatchSettings.Stuck.defaults())).readings).isZero();
        assertThat(read.of(new DropoutWatch(WatchSettings.Dropout.defaults())).readings).isZero();
        final BinaryWriter again = new BinaryWriter(64);
        read.write(again);
        assertThat(new String(again.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the unknown section is written back").contains("future-watch");
    }

    @Test
    void everyWatchReadsBackTheStateItWrote() {
        final WatchSettings settings = WatchSettings.defaults().withTrend(WatchSettings.Trend.defaults()
                .withReference(Duration.ofMinutes(40)).withLevel(Duration.ofMinutes(5)));
        final List<Watch<? extends WatchState>> all = Watches.standard(settings).all();
        assertThat(all).extracting(Watch::id).containsExactly(TrendWatch.ID, PeerWatch.ID, StuckSensorWatch.ID,
                SilenceWatch.ID, DropoutWatch.ID);
        final WatchStates states = new WatchStates();
        final java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            final double load = Math.sin(i / 300.0);
            final Instant t = T0.plusSeconds(3L * i);
            final double[] x = {65 + 5 * load + random.nextGaussian() * 0.2, 2 + 0.1 * load + random.nextGaussian() * 0.05};
            final Observation o = new Observation("MACHINE_001", TelemetryReading.of("MACHINE_001", t,
                    Map.of("temperature", x[0], "vibration", x[1])), List.of("temperature", "vibration"), x, t, true, true);
            for (final Watch<? extends WatchState> w : all) {
                feed(w, states, o);
            }
        }
        assertThat(states.of(new TrendWatch(settings)).armed(settings.trend())).isTrue();
        for (final Watch<? extends WatchState> w : all) {
            final byte[] written = bytes(states.of(w));
            assertThat(bytes(w.read(new BinaryReader(written, 0), w.version()))).as(w.id()).isEqualTo(written);
        }
    }

    private static <S extends WatchState> void feed(final Watch<S> w, final WatchStates states, final Observation o) {
        w.onReading(states.of(w), o);
    }

    private static byte[] bytes(final WatchState state) {
        final BinaryWriter out = new BinaryWriter(64);
        state.write(out);
        return out.toByteArray();
    }

    @Test
    void aSensorThatRepeatsItselfWhenHealthyIsNotCalledStuck() {
        final StuckSensorWatch stuck = new StuckSensorWatch(WatchSettings.Stuck.defaults());
        final StuckSensorWatch.State s = stuck.initial();
        // a coarse sensor: the same value four readings in five
        for (int i = 0; i < 400; i++) {
            final Verdict v = stuck.onReading(s, observe(i, i % 5 == 0 ? 65.0 + (i / 5 % 2) : 65.0));
            assertThat(v == null || v.level() != Verdict.Level.ALERT).as("reading %d", i).isTrue();
        }
    }

    @Test
    void anOutageDoesNotTeachTheSilenceWatchALongerInterval() {
        final SilenceWatch silence = new SilenceWatch(WatchSettings.Silence.defaults());
        final SilenceWatch.State s = silence.initial();
        for (int i = 0; i < 20; i++) {
            silence.onReading(s, observe(i, 65.0));
        }
        silence.onReading(s, observe(2000, 65.0)); // an outage of 100 minutes
        silence.onReading(s, observe(2001, 65.0));
        final Instant last = observe(2001, 65.0).now();
        assertThat(silence.silentAt(s)).as("still about ten 3-second intervals")
                .isBetween(last.plusSeconds(30), last.plusSeconds(45));
        assertThat(silence.onClock(s, last.plusSeconds(29))).isNull();
    }

    @Test
    void aPeerDeviationHoldsWhileItLastsAndPassesWhenTheGroupHasTooFewMembersLeft() {
        final WatchSettings.Peers settings = WatchSettings.Peers.defaults();
        final PeerWatch peers = new PeerWatch(settings);
        final PeerWatch.State s = peers.initial();
        final PeerLevel far = new PeerLevel("MACHINE_001", "all", T0, new double[]{80.0});
        final PeerGroup.Stats group = new PeerGroup.Stats(T0, 5, new double[]{65.0}, new double[]{2.0});
        Verdict v = null;
        for (int minute = 0; minute <= 15; minute++) {
            final PeerLevel at = new PeerLevel(far.machineId(), far.group(), T0.plusSeconds(60L * minute), far.levels());
            v = peers.onComparison(s, PeerGroup.compare(at, group), ONE);
            if (v != null) {
                s.slot().level = v.level();
            }
        }
        assertThat(v.level()).as("7.5 spreads for 15 minutes").isEqualTo(Verdict.Level.ALERT);
        assertThat(v.recommendation()).isEqualTo("MACHINE_001 runs 15 °C hotter than its 4 peers in group all: compare"
                + " its load, cooling, bearings and settings with theirs");
        assertThat(v.severity()).as("7.5 spreads: less than twice the alert's 4").isEqualTo(Severity.WARNING);

        final Verdict alone = peers.onComparison(s, PeerComparison.alone(far), ONE);
        assertThat(alone.level()).as("its peers went silent: nothing to hold against it").isEqualTo(Verdict.Level.CLEAR);
    }

    @Test
    void aDropoutNamesTheSensorAndClearsAfterCompleteReadings() {
        final DropoutWatch dropout = new DropoutWatch(WatchSettings.Dropout.defaults());
        final DropoutWatch.State s = dropout.initial();
        final List<String> two = List.of("temperature", "vibration");
        Verdict v = null;
        for (int i = 0; i < 10; i++) {
            v = dropout.onIncomplete(s, two, Set.of("vibration"));
            if (v != null && v.level() == Verdict.Level.ALERT) {
                s.slot().level = Verdict.Level.ALERT;
            }
        }
        assertThat(v.level()).isEqualTo(Verdict.Level.ALERT);
        assertThat(v.recommendation()).startsWith("vibration is missing from");
        final Map<String, Double> values = new HashMap<>(Map.of("temperature", 65.0, "vibration", 2.0));
        Verdict last = v;
        for (int i = 0; i < 100; i++) {
            final Verdict next = dropout.onReading(s, new Observation("MACHINE_001",
                    TelemetryReading.of("MACHINE_001", T0, values), two, new double[]{65.0, 2.0}, T0, true, true));
            if (next != null) {
                last = next;
                s.slot().level = next.level();
            }
        }
        assertThat(last.level()).isEqualTo(Verdict.Level.CLEAR);
    }
}
