package dev.pdm.iiot.detector.evaluate;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.events.validation.ParseResult;
import dev.pdm.iiot.events.validation.ReadingParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the simulator's pair of files: readings as JSON Lines, exactly the contract JSON as it
 * would be published, and fault episodes as JSON Lines,
 * {@code {"machine_id":…,"fault":…,"start":…,"end":…}} ({@code end} absent while still running).
 * A reading is labeled anomalous when it lies in an episode of its machine, start inclusive, end
 * exclusive. Readings the platform would reject are skipped and counted.
 */
public final class JsonlReader {

    /** A labeled fault episode; {@code detail} is the simulator's description of it ({@code mix=COOLING,development=24h}), or null. */
    public record Episode(@JsonProperty("machine_id") String machineId, @JsonProperty("fault") String fault,
                          @JsonProperty("start") Instant start, @JsonProperty("end") Instant end,
                          @JsonProperty("detail") String detail) {

        boolean covers(final Instant t) {
            return !t.isBefore(start) && (end == null || t.isBefore(end));
        }
    }

    private JsonlReader() {
    }

    /**
     * @param train readings per machine that train its model (the detector's N)
     */
    public static List<Series> read(final Path readings, final Path labels, final List<String> features, final int train) {
        final List<Episode> episodes = new ArrayList<>();
        for (final String line : lines(labels)) {
            episodes.add(EventJson.fromJson(line, Episode.class));
        }
        final ReadingParser parser = ReadingParser.withDefaults();
        final Map<String, List<TelemetryReading>> byMachine = new LinkedHashMap<>();
        for (final String line : lines(readings)) {
            final ParseResult parsed = parser.parse(line.getBytes(StandardCharsets.UTF_8), null);
            if (parsed.isAccepted()) {
                byMachine.computeIfAbsent(parsed.reading().machineId(), k -> new ArrayList<>()).add(parsed.reading());
            }
        }
        final List<Series> out = new ArrayList<>();
        for (final Map.Entry<String, List<TelemetryReading>> e : byMachine.entrySet()) {
            final List<TelemetryReading> rs = new ArrayList<>(e.getValue());
            rs.sort(Comparator.comparing(TelemetryReading::timestamp));
            final boolean[] l = new boolean[rs.size()];
            final List<Series.Episode> own = new ArrayList<>();
            for (final Episode ep : episodes) {
                if (!ep.machineId().equals(e.getKey())) {
                    continue;
                }
                int from = -1;
                int to = -1;
                for (int i = 0; i < l.length; i++) {
                    if (ep.covers(rs.get(i).timestamp())) {
                        l[i] = true;
                        from = from < 0 ? i : from;
                        to = i + 1;
                    }
                }
                if (from >= 0) {
                    own.add(new Series.Episode(ep.fault(), from, to, ep.detail()));
                }
            }
            out.add(new Series(e.getKey(), features, rs, l, own, Math.min(train, rs.size())));
        }
        return out;
    }

    private static List<String> lines(final Path file) {
        final List<String> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
