package dev.pdm.iiot.detector.evaluate;

import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.TelemetryReading;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Labeled readings of pumps with the prototype simulator's physics (base 65 °C, 2.0 mm/s, 10 A,
 * 6.0 bar, 1500 rpm, a daily load sine of ±20 %, sensor noise) and injected fault episodes, written
 * as the simulator's pair of JSON Lines files. Used to test and report the evaluate command
 * without the simulator module.
 *
 * <p>Faults: BEARING_WEAR (vibration ramps up by 3 mm/s, temperature by 6 °C), OVERHEATING
 * (temperature ramps up by 15 °C, current by 2 A), CAVITATION (pressure -0.8 bar, vibration
 * +1.2 mm/s, current -1.5 A, noisy), each 10 to 30 minutes, ramping in over its first third.
 */
public final class PrototypePlant {

    private static final String[] FAULTS = {"BEARING_WEAR", "OVERHEATING", "CAVITATION"};

    private final int machines;
    private final Duration length;
    private final Duration period;
    private final int faultsPerMachine;
    private final long seed;
    private final Instant start;
    private double loadAmplitude = 0.2;

    public PrototypePlant(final int machines, final Duration length, final Duration period, final int faultsPerMachine,
                          final long seed) {
        this.machines = machines;
        this.length = length;
        this.period = period;
        this.faultsPerMachine = faultsPerMachine;
        this.seed = seed;
        this.start = Instant.parse("2025-11-21T06:00:00Z");
    }

    /** The daily load swing, ±20 % by default as in the prototype; 0 for a steady load. */
    public PrototypePlant withLoadAmplitude(final double amplitude) {
        this.loadAmplitude = amplitude;
        return this;
    }

    /** A fault episode. */
    record Episode(String machineId, String fault, Instant start, Instant end) {
    }

    /** Writes {@code readings.jsonl} and {@code labels.jsonl} into the folder. */
    public void write(final Path folder) throws IOException {
        Files.createDirectories(folder);
        final SplittableRandom random = new SplittableRandom(seed);
        final long steps = length.dividedBy(period);
        final List<Episode> episodes = new ArrayList<>();
        try (BufferedWriter readings = Files.newBufferedWriter(folder.resolve("readings.jsonl"), StandardCharsets.UTF_8)) {
            for (int m = 1; m <= machines; m++) {
                final String id = String.format("MACHINE_%03d", m);
                final List<Episode> mine = episodes(id, random);
                episodes.addAll(mine);
                final double phase = random.nextDouble(0, 2 * Math.PI);
                for (long i = 0; i < steps; i++) {
                    final Instant t = start.plus(period.multipliedBy(i));
                    readings.write(EventJson.toJson(reading(id, i, t, phase, mine, random)));
                    readings.newLine();
                }
            }
        }
        try (BufferedWriter labels = Files.newBufferedWriter(folder.resolve("labels.jsonl"), StandardCharsets.UTF_8)) {
            for (final Episode e : episodes) {
                labels.write("{\"machine_id\":\"" + e.machineId() + "\",\"fault\":\"" + e.fault() + "\",\"start\":\""
                        + e.start() + "\",\"end\":\"" + e.end() + "\"}");
                labels.newLine();
            }
        }
    }

    private List<Episode> episodes(final String id, final SplittableRandom random) {
        final List<Episode> out = new ArrayList<>();
        final long minutes = length.toMinutes();
        final long slot = minutes / Math.max(1, faultsPerMachine);
        for (int f = 0; f < faultsPerMachine; f++) {
            // every fault starts after the first 20 minutes and at least 30 minutes after the previous one
            final long from = Math.max(20, f * slot + 30);
            final long to = Math.max(from + 1, (f + 1) * slot - 40);
            final long startMinute = random.nextLong(from, to);
            final long duration = random.nextLong(10, 31);
            final Instant s = start.plus(Duration.ofMinutes(startMinute));
            out.add(new Episode(id, FAULTS[random.nextInt(FAULTS.length)], s, s.plus(Duration.ofMinutes(duration))));
        }
        return out;
    }

    private TelemetryReading reading(final String id, final long seq, final Instant t, final double phase,
                                     final List<Episode> episodes, final SplittableRandom random) {
        final double hours = Duration.between(start, t).toSeconds() / 3600.0;
        final double load = 1 + loadAmplitude * Math.sin(2 * Math.PI * hours / 24 + phase);
        double temperature = 65 * (0.75 + 0.25 * load) + random.nextGaussian() * 0.8;
        double vibration = 2.0 * (0.8 + 0.2 * load) + random.nextGaussian() * 0.12;
        double current = 10 * load + random.nextGaussian() * 0.25;
        double pressure = 6.0 * (0.9 + 0.1 * load) + random.nextGaussian() * 0.05;
        double rpm = 1500 + random.nextGaussian() * 6;
        for (final Episode e : episodes) {
            if (t.isBefore(e.start()) || !t.isBefore(e.end())) {
                continue;
            }
            final double total = Duration.between(e.start(), e.end()).toSeconds();
            final double ramp = Math.min(1.0, Duration.between(e.start(), t).toSeconds() / (total / 3));
            switch (e.fault()) {
                case "BEARING_WEAR" -> {
                    vibration += 3.0 * ramp + random.nextGaussian() * 0.3 * ramp;
                    temperature += 6 * ramp;
                }
                case "OVERHEATING" -> {
                    temperature += 15 * ramp;
                    current += 2 * ramp;
                }
                default -> {
                    pressure -= 0.8 * ramp + random.nextGaussian() * 0.15 * ramp;
                    vibration += 1.2 * ramp;
                    current -= 1.5 * ramp;
                    rpm -= 30 * ramp;
                }
            }
        }
        final Map<String, Double> v = new LinkedHashMap<>();
        v.put(Sensors.TEMPERATURE, round(temperature, 2));
        v.put(Sensors.VIBRATION, round(vibration, 3));
        v.put(Sensors.CURRENT, round(current, 2));
        v.put(Sensors.PRESSURE, round(pressure, 3));
        v.put(Sensors.RPM, round(rpm, 1));
        return new TelemetryReading(id, t, v, null, seq + 1);
    }

    private static double round(final double v, final int digits) {
        final double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** {@code PrototypePlant FOLDER [machines] [hours] [faults per machine] [seed] [load amplitude]}. */
    public static void main(final String... args) throws IOException {
        final Path folder = Path.of(args[0]);
        final int machines = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        final int hours = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        final int faults = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        final long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        final double amplitude = args.length > 5 ? Double.parseDouble(args[5]) : 0.2;
        new PrototypePlant(machines, Duration.ofHours(hours), Duration.ofSeconds(3), faults, seed)
                .withLoadAmplitude(amplitude).write(folder);
    }
}
