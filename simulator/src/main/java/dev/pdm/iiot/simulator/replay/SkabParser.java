package dev.pdm.iiot.simulator.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads files of the SKAB format (Skoltech Anomaly Benchmark): {@code ;}-separated (a {@code ,}
 * header works too), a {@code datetime} column, numeric sensor columns, and optionally
 * {@code anomaly} and {@code changepoint} label columns of 0/1. Timestamps without an offset are
 * read as UTC, as the platform reads the prototype's. A malformed row fails the whole file, with
 * its line number.
 */
public final class SkabParser {

    static final String DATETIME = "datetime";
    static final String ANOMALY = "anomaly";
    static final String CHANGEPOINT = "changepoint";

    private SkabParser() {
    }

    public static SkabFile parse(final Path path) {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            final String header = in.readLine();
            if (header == null || header.isBlank()) {
                throw new IllegalArgumentException(path + " is empty");
            }
            final String delimiter = header.contains(";") ? ";" : ",";
            final String[] columns = strip(header).split(delimiter, -1);
            int timeColumn = -1;
            int anomalyColumn = -1;
            final List<Integer> sensorColumns = new ArrayList<>();
            final List<String> sensors = new ArrayList<>();
            for (int c = 0; c < columns.length; c++) {
                final String name = columns[c].trim();
                switch (name.toLowerCase(Locale.ROOT)) {
                    case DATETIME -> timeColumn = c;
                    case ANOMALY -> anomalyColumn = c;
                    case CHANGEPOINT -> { /* a label of its own, not replayed */ }
                    default -> {
                        sensorColumns.add(c);
                        sensors.add(snakeCase(name));
                    }
                }
            }
            if (timeColumn < 0) {
                throw new IllegalArgumentException(path + ": no '" + DATETIME + "' column in " + header);
            }
            final List<SkabRow> rows = new ArrayList<>();
            String line;
            int lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                rows.add(row(path, lineNumber, strip(line).split(delimiter, -1), columns.length, timeColumn,
                        anomalyColumn, sensorColumns));
            }
            return new SkabFile(path, sensors, rows, anomalyColumn >= 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** {@code Accelerometer1RMS} → {@code accelerometer1_rms}, {@code Volume Flow RateRMS} → {@code volume_flow_rate_rms}. */
    static String snakeCase(final String name) {
        final String spaced = name.trim()
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .replaceAll("[^A-Za-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        return spaced.toLowerCase(Locale.ROOT);
    }

    static Instant parseTime(final String text) {
        String s = text.trim();
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        final TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, OffsetDateTime::from,
                LocalDateTime::from);
        return parsed instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    private static SkabRow row(final Path path, final int lineNumber, final String[] cells, final int width,
                               final int timeColumn, final int anomalyColumn, final List<Integer> sensorColumns) {
        if (cells.length != width) {
            throw new IllegalArgumentException(path + ":" + lineNumber + ": " + cells.length + " cells, the header has " + width);
        }
        final Instant time;
        try {
            time = parseTime(cells[timeColumn]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + ":" + lineNumber + ": not a date-time: '" + cells[timeColumn] + "'", e);
        }
        final double[] values = new double[sensorColumns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = number(path, lineNumber, cells[sensorColumns.get(i)]);
        }
        final boolean anomaly = anomalyColumn >= 0 && number(path, lineNumber, cells[anomalyColumn]) >= 0.5;
        return new SkabRow(lineNumber, time, values, anomaly);
    }

    private static double number(final Path path, final int lineNumber, final String cell) {
        final String s = cell.trim();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + ":" + lineNumber + ": not a number: '" + s + "'", e);
        }
    }

    private static String strip(final String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
