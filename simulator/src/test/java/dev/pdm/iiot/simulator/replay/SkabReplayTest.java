package dev.pdm.iiot.simulator.replay;

import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.core.ReadingSource;
import dev.pdm.iiot.simulator.output.FaultLabel;
import dev.pdm.iiot.simulator.output.LabelWriter;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SkabReplayTest {

    private static final Instant START = Instant.parse("2025-11-21T08:00:00Z");

    private record Played(List<TelemetryReading> readings, List<Long> offsets, List<FaultLabel> labels) {
    }

    private static Played play(final List<String> files, final double speed, final TimestampMode mode) {
        final List<SkabFile> parsed = files.stream().map(f -> SkabParser.parse(SkabFixtures.path(f))).toList();
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            ids.add("MACHINE_00" + (i + 1));
        }
        final LabelWriter labels = new LabelWriter(new StringWriter());
        final SkabReplay replay = new SkabReplay(parsed, ids, speed, mode, ReadingFormat.DEFAULT, labels);
        replay.start(START);
        final List<TelemetryReading> readings = new ArrayList<>();
        final List<Long> offsets = new ArrayList<>();
        while (replay.nextOffsetNanos() != ReadingSource.END) {
            offsets.add(replay.nextOffsetNanos());
            readings.add(replay.next());
        }
        replay.finish();
        return new Played(readings, offsets, labels.written());
    }

    @Test
    void replaysEveryRowInOrderAtTheRecordedPace() {
        final Played p = play(List.of("valve/1.csv"), 1.0, TimestampMode.SHIFTED);

        assertThat(p.readings()).hasSize(12);
        assertThat(p.readings()).extracting(TelemetryReading::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(p.offsets()).containsExactly(0L, 1_000_000_000L, 2_000_000_000L, 3_000_000_000L, 4_000_000_000L,
                5_000_000_000L, 6_000_000_000L, 7_000_000_000L, 8_000_000_000L, 9_000_000_000L, 10_000_000_000L,
                11_000_000_000L);
        assertThat(p.readings().get(3).timestamp()).isEqualTo(START.plusSeconds(3));
        assertThat(p.readings().get(1).values()).containsEntry("current", 1.34).containsEntry("temperature", 79.35)
                .hasSize(8).doesNotContainKeys("anomaly", "changepoint", "datetime");
    }

    @Test
    void theAnomalyBlockBecomesOneLabelUpToTheFollowingRow() {
        final Played p = play(List.of("valve/1.csv"), 1.0, TimestampMode.SHIFTED);

        assertThat(p.labels()).containsExactly(
                new FaultLabel("MACHINE_001", "ANOMALY", START.plusSeconds(4), START.plusSeconds(8)));
    }

    @Test
    void aSpeedFactorCompressesOffsetsTimestampsAndLabels() {
        final Played p = play(List.of("valve/1.csv"), 10.0, TimestampMode.SHIFTED);

        assertThat(p.offsets().get(5)).isEqualTo(500_000_000L);
        assertThat(p.readings().get(5).timestamp()).isEqualTo(START.plusMillis(500));
        assertThat(p.labels()).containsExactly(
                new FaultLabel("MACHINE_001", "ANOMALY", START.plusMillis(400), START.plusMillis(800)));
    }

    @Test
    void originalTimestampsKeepTheFilesTime() {
        final Played p = play(List.of("valve/2.csv"), 5.0, TimestampMode.ORIGINAL);

        assertThat(p.readings().get(0).timestamp()).isEqualTo(Instant.parse("2020-03-09T11:00:00Z"));
        // the file ends inside its block: the label ends one row period after the last row
        assertThat(p.labels()).containsExactly(new FaultLabel("MACHINE_001", "ANOMALY",
                Instant.parse("2020-03-09T11:00:05Z"), Instant.parse("2020-03-09T11:00:08Z")));
    }

    @Test
    void severalFilesPlayAtOnceEachInItsOwnOrder() {
        final Played p = play(List.of("valve/1.csv", "valve/2.csv", "anomaly-free.csv"), 1.0, TimestampMode.SHIFTED);

        assertThat(p.readings()).hasSize(12 + 8 + 3);
        assertThat(p.offsets()).isSorted();
        assertThat(p.readings().subList(0, 3)).extracting(TelemetryReading::machineId)
                .containsExactly("MACHINE_001", "MACHINE_002", "MACHINE_003");
        for (final String id : List.of("MACHINE_001", "MACHINE_002", "MACHINE_003")) {
            assertThat(p.readings().stream().filter(r -> r.machineId().equals(id)).map(TelemetryReading::timestamp).toList())
                    .isSorted();
        }
        // anomaly-free.csv has a 2 s gap before its last row
        assertThat(p.readings().stream().filter(r -> r.machineId().equals("MACHINE_003")).map(TelemetryReading::timestamp))
                .containsExactly(START, START.plusSeconds(1), START.plusSeconds(3));
        assertThat(p.labels()).extracting(FaultLabel::machineId).containsExactlyInAnyOrder("MACHINE_001", "MACHINE_002");
    }

    @Test
    void aBlockStillOpenWhenTheReplayStopsHasNoEnd() {
        final SkabFile file = SkabParser.parse(SkabFixtures.path("valve/1.csv"));
        final LabelWriter labels = new LabelWriter(new StringWriter());
        final SkabReplay replay = new SkabReplay(List.of(file), List.of("MACHINE_001"), 1.0, TimestampMode.SHIFTED,
                ReadingFormat.DEFAULT, labels);
        replay.start(START);
        for (int i = 0; i < 6; i++) {
            replay.next();
        }

        replay.finish();

        assertThat(labels.written()).containsExactly(new FaultLabel("MACHINE_001", "ANOMALY", START.plusSeconds(4), null));
    }
}
