package dev.pdm.iiot.simulator.core;

import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.events.validation.ParseResult;
import dev.pdm.iiot.events.validation.ReadingParser;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.faults.FaultType;
import dev.pdm.iiot.simulator.faults.RandomFaults;
import dev.pdm.iiot.simulator.output.FaultLabel;
import dev.pdm.iiot.simulator.output.LabelWriter;
import dev.pdm.iiot.simulator.output.ReadingEncoder;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TelemetryGeneratorTest {

    private static String json(final List<TelemetryReading> readings) {
        return readings.stream().map(r -> new String(ReadingEncoder.encode(r), StandardCharsets.UTF_8))
                .collect(Collectors.joining("\n"));
    }

    private static PlantConfig withRandomFaults(final long seed) {
        return new PlantConfig(MachineIds.first(4), Duration.ofSeconds(5), seed,
                new FaultPlan(List.of(), new RandomFaults(2.0, FaultType.randomTypes(), Duration.ofMinutes(5),
                        Duration.ofMinutes(20)), PlantConfig.prototype(seed).faults().degradation()),
                ReadingFormat.DEFAULT);
    }

    @Test
    void aSeedReproducesARunExactly() {
        final StringWriter labelsA = new StringWriter();
        final StringWriter labelsB = new StringWriter();

        final String a = json(TestPlants.readings(withRandomFaults(7), Duration.ofHours(3), new LabelWriter(labelsA)));
        final String b = json(TestPlants.readings(withRandomFaults(7), Duration.ofHours(3), new LabelWriter(labelsB)));

        assertThat(a).isEqualTo(b);
        assertThat(labelsA.toString()).isEqualTo(labelsB.toString()).isNotEmpty();
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        final String a = json(TestPlants.readings(withRandomFaults(7), Duration.ofMinutes(10)));
        final String b = json(TestPlants.readings(withRandomFaults(8), Duration.ofMinutes(10)));

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aMachineDoesNotDependOnHowManyRunBesideIt() {
        final PlantConfig small = new PlantConfig(MachineIds.first(2), Duration.ofSeconds(3), 5, FaultPlan.NONE,
                ReadingFormat.DEFAULT);
        final PlantConfig large = new PlantConfig(MachineIds.first(50), Duration.ofSeconds(3), 5, FaultPlan.NONE,
                ReadingFormat.DEFAULT);

        final List<TelemetryReading> inSmall = TestPlants.readings(small, Duration.ofMinutes(5)).stream()
                .filter(r -> r.machineId().equals("MACHINE_002")).toList();
        final List<TelemetryReading> inLarge = TestPlants.readings(large, Duration.ofMinutes(5)).stream()
                .filter(r -> r.machineId().equals("MACHINE_002")).toList();

        // the same operating point and noise; only its phase in the interval (1.5 s vs 0.06 s) differs
        assertThat(inSmall).hasSameSizeAs(inLarge).hasSize(100);
        for (int i = 0; i < inSmall.size(); i++) {
            final TelemetryReading a = inSmall.get(i);
            final TelemetryReading b = inLarge.get(i);
            assertThat(a.value(Sensors.TEMPERATURE)).isCloseTo(b.value(Sensors.TEMPERATURE), within(0.05));
            assertThat(a.value(Sensors.VIBRATION)).isCloseTo(b.value(Sensors.VIBRATION), within(0.01));
            assertThat(a.value(Sensors.CURRENT)).isCloseTo(b.value(Sensors.CURRENT), within(0.02));
            assertThat(a.value(Sensors.PRESSURE)).isCloseTo(b.value(Sensors.PRESSURE), within(0.01));
            assertThat(a.value(Sensors.RPM)).isCloseTo(b.value(Sensors.RPM), within(1.0));
        }
    }

    @Test
    void readingsAreSpreadEvenlyOverTheInterval() {
        final PlantConfig plant = new PlantConfig(MachineIds.first(3), Duration.ofSeconds(3), 1, FaultPlan.NONE,
                ReadingFormat.DEFAULT);

        final List<TelemetryReading> readings = TestPlants.readings(plant, Duration.ofSeconds(9));

        assertThat(readings).extracting(TelemetryReading::machineId).containsExactly(
                "MACHINE_001", "MACHINE_002", "MACHINE_003", "MACHINE_001", "MACHINE_002", "MACHINE_003",
                "MACHINE_001", "MACHINE_002", "MACHINE_003");
        assertThat(readings).extracting(r -> Duration.between(TestPlants.START, r.timestamp()).toMillis())
                .containsExactly(0L, 1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L);
        assertThat(readings).extracting(TelemetryReading::seq).containsExactly(0L, 0L, 0L, 1L, 1L, 1L, 2L, 2L, 2L);
    }

    @Test
    void readingsCarryThePrototypesFieldsInItsOrder() {
        final PlantConfig plant = new PlantConfig(MachineIds.first(1), Duration.ofSeconds(3), 1, FaultPlan.NONE,
                ReadingFormat.PROTOTYPE);

        final TelemetryReading reading = TestPlants.readings(plant, Duration.ofSeconds(4)).get(1);
        final String json = new String(ReadingEncoder.encode(reading), StandardCharsets.UTF_8);

        assertThat(reading.values().keySet()).containsExactly(Sensors.TEMPERATURE, Sensors.VIBRATION, Sensors.CURRENT,
                Sensors.PRESSURE, Sensors.RPM, Sensors.RUNTIME_HOURS, Sensors.DEGRADATION_LEVEL);
        assertThat(json).startsWith("{\"machine_id\":\"MACHINE_001\",\"timestamp\":\"2025-11-21T08:00:03Z\",\"temperature\":")
                .doesNotContain("seq").doesNotContain("schema_version");
        assertThat(reading.value(Sensors.RUNTIME_HOURS)).isEqualTo(0.0008);
    }

    @Test
    void optionalFieldsAreAddedOnRequest() {
        final PlantConfig plant = new PlantConfig(MachineIds.first(1), Duration.ofSeconds(3), 1, FaultPlan.NONE,
                new ReadingFormat(true, true, ReadingFormat.DropoutEncoding.MISSING));

        final String json = new String(ReadingEncoder.encode(TestPlants.readings(plant, Duration.ofSeconds(7)).get(2)),
                StandardCharsets.UTF_8);

        assertThat(json).contains("\"schema_version\":1,\"seq\":2,");
    }

    @Test
    void aMachineTypeIsAddedOnRequestAndMustBeOneTheContractAccepts() {
        final PlantConfig plant = new PlantConfig(MachineIds.first(1), Duration.ofSeconds(3), 1, FaultPlan.NONE,
                new ReadingFormat(true, false, ReadingFormat.DropoutEncoding.MISSING, "centrifugal-pump"));

        final TelemetryReading reading = TestPlants.readings(plant, Duration.ofSeconds(4)).get(1);
        final String json = new String(ReadingEncoder.encode(reading), StandardCharsets.UTF_8);

        assertThat(json).contains("\"seq\":1,\"machine_type\":\"centrifugal-pump\",");
        assertThat(ReadingParser.withDefaults().parse(ReadingEncoder.encode(reading), reading.timestamp()).reading()
                .machineType()).isEqualTo("centrifugal-pump");
        assertThatThrownBy(() -> new ReadingFormat(true, false, ReadingFormat.DropoutEncoding.MISSING, "pump #2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("machine type");
    }

    @Test
    void everyGeneratedReadingPassesThePlatformsValidation() {
        final ReadingParser parser = ReadingParser.withDefaults();

        final List<ParseResult> results = TestPlants.readings(withRandomFaults(3), Duration.ofHours(2)).stream()
                .map(r -> parser.parse(ReadingEncoder.encode(r), r.timestamp())).toList();

        assertThat(results).allSatisfy(r -> assertThat(r.isAccepted()).as(String.valueOf(r.rejection())).isTrue());
    }

    @Test
    void labelsAreWrittenForEveryEpisodeWithOpenOnesLast() {
        final StringWriter out = new StringWriter();
        final LabelWriter labels = new LabelWriter(out);

        TestPlants.readings(withRandomFaults(11), Duration.ofHours(4), labels);

        final List<FaultLabel> written = labels.written();
        assertThat(written).isNotEmpty();
        assertThat(written).filteredOn(l -> l.fault().equals("DEGRADATION")).singleElement()
                .satisfies(l -> {
                    assertThat(l.machineId()).isEqualTo("MACHINE_004");
                    assertThat(l.start()).isEqualTo(TestPlants.START.plus(Duration.ofMinutes(10)));
                    assertThat(l.end()).isNull();
                });
        final int firstOpen = written.indexOf(written.stream().filter(l -> l.end() == null).findFirst().orElseThrow());
        assertThat(written.subList(firstOpen, written.size())).allSatisfy(l -> assertThat(l.end()).isNull());
        assertThat(written.subList(0, firstOpen)).allSatisfy(l -> assertThat(l.end()).isAfter(l.start()));
        assertThat(Arrays.stream(out.toString().split("\n")).filter(s -> !s.isEmpty())).hasSize(written.size());
    }
}
