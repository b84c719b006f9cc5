package dev.pdm.iiot.detector.evaluate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    private String run(final String... args) {
        final StringWriter out = new StringWriter();
        final CommandLine cmd = new CommandLine(new EvaluateCommand());
        cmd.setOut(new PrintWriter(out));
        assertThat(cmd.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void scoresTheSimulatorsReadingsAgainstItsFaultEpisodes() throws IOException {
        new PrototypePlant(3, Duration.ofHours(3), Duration.ofSeconds(3), 2, 9).withLoadAmplitude(0).write(dir);

        final List<Series> series = JsonlReader.read(dir.resolve("readings.jsonl"), dir.resolve("labels.jsonl"),
                List.of("temperature", "vibration", "current", "pressure", "rpm"), 30);
        final Confusion alerts = new Confusion();
        for (final Series s : series) {
            alerts.addAll(Replay.run(s, dev.pdm.iiot.detector.model.DetectorSettings.defaults()).alerts());
        }
        assertThat(series).hasSize(3);
        assertThat(alerts.episodes()).isEqualTo(6);
        assertThat(alerts.detected()).isGreaterThanOrEqualTo(5);
        assertThat(alerts.far()).isLessThan(0.10);

        final String out = run("--readings", dir.resolve("readings.jsonl").toString(),
                "--labels", dir.resolve("labels.jsonl").toString());
        assertThat(out).contains("simulator readings.jsonl: 3 machines", "TP", "FAR %", "MTTD s", "alert open");
    }

    @Test
    void anEpisodeLineSaysWhenEachAlertTypeFirstSawItAndHowFarASlowFaultHadCome() {
        final Series.Episode slow = new Series.Episode("SLOW_DEGRADATION", 10, 500, "mix=COOLING,development=24h,from=0.4");
        assertThat(slow.shareAfter(Duration.ofHours(6))).as("from 40 %, a quarter of its development later")
                .isCloseTo(0.65, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(new Series.Episode("BEARING_WEAR", 0, 5, null).shareAfter(Duration.ofHours(1))).isNull();
        final java.util.Map<String, Duration> first = new java.util.LinkedHashMap<>();
        first.put("ANOMALY", Duration.ofSeconds(1500));
        first.put("DEGRADATION", Duration.ofMinutes(90));
        final String line = EvaluateCommand.episodeLine(new Replay.EpisodeOutcome("MACHINE_006", slow,
                java.time.Instant.parse("2025-11-23T01:06:22Z"), first));
        assertThat(line).isEqualTo("MACHINE_006 SLOW_DEGRADATION (mix=COOLING,development=24h,from=0.4) from"
                + " 2025-11-23T01:06:22Z: ANOMALY 1500 s (42 %); DEGRADATION 1.5 h (46 %)");
        assertThat(EvaluateCommand.episodeLine(new Replay.EpisodeOutcome("MACHINE_001", slow,
                java.time.Instant.parse("2025-11-23T01:06:22Z"), java.util.Map.of()))).endsWith(": not alerted");
    }

    @Test
    void readsSkabFilesAndTrainsOnTheirFirstRows() throws IOException {
        final StringBuilder csv = new StringBuilder(
                "datetime;Accelerometer1RMS;Current;Volume Flow RateRMS;anomaly;changepoint\r\n");
        for (int i = 0; i < 600; i++) {
            final boolean fault = i >= 500 && i < 560;
            csv.append(String.format(java.util.Locale.ROOT, "2020-03-09 10:%02d:%02d;%.4f;%.3f;%.1f;%s;0.0\r\n",
                    i / 60 % 60, i % 60, 0.026 + (i % 7) * 0.0003 + (fault ? 0.02 : 0), 1.33 + (i % 5) * 0.01,
                    32.0 + (i % 3), fault ? "1.0" : "0.0"));
        }
        Files.createDirectories(dir.resolve("valve1"));
        Files.writeString(dir.resolve("valve1/0.csv"), csv, StandardCharsets.UTF_8);

        final Series s = SkabReader.folder(dir, 400).get(0);
        assertThat(s.features()).containsExactly("Accelerometer1RMS", "Current", "Volume Flow RateRMS");
        assertThat(s.readings()).hasSize(600);
        assertThat(s.train()).isEqualTo(400);
        assertThat(s.readings().get(0).machineId()).isEqualTo("valve1_0");

        final String out = run("--skab", dir.toString());
        assertThat(out).contains("1 files, trained once on the first 400 rows", "published", "alert open");
        final Replay.Result r = Replay.run(s, dev.pdm.iiot.detector.model.DetectorSettings.defaults());
        assertThat(r.points().episodes()).isEqualTo(1);
        assertThat(r.points().detected()).isEqualTo(1);
    }

    @Test
    void confusionFollowsTheSkabFormulas() {
        final Confusion c = new Confusion();
        for (int i = 0; i < 6; i++) {
            c.add(true, true);
        }
        c.add(true, false);
        c.add(true, false);
        c.add(false, true);
        for (int i = 0; i < 9; i++) {
            c.add(false, false);
        }
        assertThat(c.f1()).isEqualTo(6 / (6 + 1.5));
        assertThat(c.far()).isEqualTo(0.1);
        assertThat(c.mar()).isEqualTo(0.25);
    }
}
