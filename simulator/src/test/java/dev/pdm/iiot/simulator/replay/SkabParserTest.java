package dev.pdm.iiot.simulator.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SkabParserTest {

    @Test
    void readsRowsSensorsAndLabels() {
        final SkabFile file = SkabParser.parse(SkabFixtures.path("valve/1.csv"));

        assertThat(file.sensors()).containsExactly("accelerometer1_rms", "accelerometer2_rms", "current", "pressure",
                "temperature", "thermocouple", "voltage", "volume_flow_rate_rms");
        assertThat(file.labelled()).isTrue();
        assertThat(file.rows()).hasSize(12);
        assertThat(file.rows().get(0).time()).isEqualTo(Instant.parse("2020-03-09T10:14:33Z"));
        assertThat(file.rows().get(0).line()).isEqualTo(2);
        assertThat(file.rows().get(1).values()).containsExactly(0.0263, 0.0401, 1.34, 0.382638, 79.35, 26.021, 234.0, 32.0);
        assertThat(file.anomalyBlocks()).containsExactly(new AnomalyBlock(4, 7));
        assertThat(file.period()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aFileWithoutLabelColumnsHasNoBlocks() {
        final SkabFile file = SkabParser.parse(SkabFixtures.path("anomaly-free.csv"));

        assertThat(file.labelled()).isFalse();
        assertThat(file.anomalyBlocks()).isEmpty();
        assertThat(file.sensors()).hasSize(8);
    }

    @Test
    void aBlockMayRunToTheEndOfTheFile() {
        assertThat(SkabParser.parse(SkabFixtures.path("valve/2.csv")).anomalyBlocks())
                .containsExactly(new AnomalyBlock(5, 7));
    }

    @Test
    void namesBecomeSnakeCase() {
        assertThat(SkabParser.snakeCase("Accelerometer1RMS")).isEqualTo("accelerometer1_rms");
        assertThat(SkabParser.snakeCase("Volume Flow RateRMS")).isEqualTo("volume_flow_rate_rms");
        assertThat(SkabParser.snakeCase("Current")).isEqualTo("current");
        assertThat(SkabParser.snakeCase("RMSValue")).isEqualTo("rms_value");
    }

    @Test
    void aMalformedRowFailsWithItsLineNumber(@TempDir final Path dir) throws IOException {
        final Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "datetime;Current;anomaly\n2020-01-01 00:00:00;1.5;0\n2020-01-01 00:00:01;abc;0\n");

        assertThatThrownBy(() -> SkabParser.parse(bad)).hasMessageContaining("bad.csv:3: not a number: 'abc'");
    }

    @Test
    void aFileWithoutTimeColumnIsRefused(@TempDir final Path dir) throws IOException {
        final Path bad = dir.resolve("no-time.csv");
        Files.writeString(bad, "when,Current\n2020-01-01 00:00:00,1.5\n");

        assertThatThrownBy(() -> SkabParser.parse(bad)).hasMessageContaining("no 'datetime' column");
    }

    @Test
    void foldersAreSearchedInNaturalOrder() {
        assertThat(SkabFiles.expand(List.of(SkabFixtures.path("valve"))))
                .extracting(p -> p.getFileName().toString()).containsExactly("1.csv", "2.csv", "10.csv");
        assertThat(SkabFiles.compareNatural("valve2", "valve10")).isNegative();
    }
}
