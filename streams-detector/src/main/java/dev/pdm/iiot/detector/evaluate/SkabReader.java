package dev.pdm.iiot.detector.evaluate;

import dev.pdm.iiot.events.model.TelemetryReading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the Skoltech Anomaly Benchmark's CSV files: {@code ;}-separated, CRLF, a {@code datetime}
 * column (local time without zone, read as UTC), the sensor columns, and the labels {@code anomaly}
 * and {@code changepoint} (absent in {@code anomaly-free.csv}: every row is normal there).
 */
public final class SkabReader {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** The fault type of SKAB's labeled rows. */
    static final String ANOMALY = "ANOMALY";
    private static final List<String> NOT_SENSORS = List.of("datetime", "anomaly", "changepoint");

    private SkabReader() {
    }

    /** Every {@code .csv} under the folder, in name order (numbers in numeric order). */
    public static List<Series> folder(final Path folder, final int train) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".csv"))
                    .sorted(Comparator.comparing((Path p) -> p.getParent().toString()).thenComparing(SkabReader::order))
                    .map(p -> file(p, folder, train))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String order(final Path p) {
        final String name = p.getFileName().toString().replace(".csv", "");
        return name.matches("\\d+") ? String.format("%08d", Integer.parseInt(name)) : name;
    }

    public static Series file(final Path file, final Path root, final int train) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final String[] header = strip(lines.get(0)).split(";");
        final int anomalyColumn = Arrays.asList(header).indexOf("anomaly");
        final List<String> sensors = Arrays.stream(header).filter(h -> !NOT_SENSORS.contains(h)).toList();
        final String relative = root.relativize(file).toString().replace(".csv", "");
        final String machineId = relative.replaceAll("[^A-Za-z0-9_.-]", "_");
        final List<TelemetryReading> readings = new ArrayList<>(lines.size());
        final List<Boolean> labels = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            final String line = strip(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            final String[] cells = line.split(";");
            final java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                if (!NOT_SENSORS.contains(header[c])) {
                    values.put(header[c], Double.parseDouble(cells[c]));
                }
            }
            readings.add(new TelemetryReading(machineId,
                    LocalDateTime.parse(cells[0], TIME).toInstant(ZoneOffset.UTC), values, null, (long) i));
            labels.add(anomalyColumn >= 0 && Double.parseDouble(cells[anomalyColumn]) >= 0.5);
        }
        final boolean[] l = new boolean[labels.size()];
        final List<Series.Episode> episodes = new ArrayList<>();
        for (int i = 0; i < l.length; i++) {
            l[i] = labels.get(i);
            if (l[i] && (i == 0 || !l[i - 1])) {
                int to = i + 1;
                while (to < l.length && labels.get(to)) {
                    to++;
                }
                episodes.add(new Series.Episode(ANOMALY, i, to, null));
            }
        }
        return new Series(relative, sensors, readings, l, episodes, Math.min(train, readings.size()));
    }

    private static String strip(final String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
