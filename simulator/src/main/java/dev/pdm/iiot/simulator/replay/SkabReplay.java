package dev.pdm.iiot.simulator.replay;

import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.core.ReadingSource;
import dev.pdm.iiot.simulator.output.FaultLabel;
import dev.pdm.iiot.simulator.output.LabelSink;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Replays SKAB files, one machine per file, all files at once, each row by row in file order at
 * its recorded pace divided by {@code speed}. A file's contiguous anomaly=1 rows become one
 * {@code ANOMALY} label, from its first row's timestamp to the timestamp of the row after it
 * (or one row period past the last row when the file ends inside it).
 */
public final class SkabReplay implements ReadingSource {

    /** The fault name of a replayed file's labelled rows. */
    public static final String FAULT = "ANOMALY";

    private final List<SkabFile> files;
    private final List<String> machineIds;
    private final double speed;
    private final TimestampMode timestamps;
    private final ReadingFormat format;
    private final LabelSink labels;
    private final PriorityQueue<Cursor> queue = new PriorityQueue<>();
    private Instant runStart;

    /**
     * @param files      the files, each replayed as one machine
     * @param machineIds the machine of each file, same order
     * @param speed      1 for the recorded pace, 10 for ten times faster
     * @param timestamps which timestamps the readings carry
     * @param format     optional fields ({@code seq}, {@code schema_version})
     * @param labels     where the anomaly blocks go
     */
    public SkabReplay(final List<SkabFile> files, final List<String> machineIds, final double speed,
                      final TimestampMode timestamps, final ReadingFormat format, final LabelSink labels) {
        if (files.isEmpty() || files.size() != machineIds.size()) {
            throw new IllegalArgumentException("need one machine id per file: " + files.size() + " files, "
                    + machineIds.size() + " ids");
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("the speed must be positive, was " + speed);
        }
        this.files = List.copyOf(files);
        this.machineIds = List.copyOf(machineIds);
        this.speed = speed;
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
        this.format = Objects.requireNonNull(format, "format");
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    @Override
    public void start(final Instant start) {
        this.runStart = start;
        queue.clear();
        for (int i = 0; i < files.size(); i++) {
            queue.add(new Cursor(i, files.get(i), machineIds.get(i)));
        }
    }

    @Override
    public long nextOffsetNanos() {
        final Cursor c = queue.peek();
        return c == null ? END : c.offsetNanos;
    }

    @Override
    public TelemetryReading next() {
        final Cursor c = queue.remove();
        final TelemetryReading reading = c.emit();
        if (c.hasNext()) {
            queue.add(c);
        }
        return reading;
    }

    @Override
    public boolean endsByItself() {
        return true;
    }

    @Override
    public int machineCount() {
        return files.size();
    }

    @Override
    public void finish() {
        labels.close();
    }

    /** One file's position in the replay. */
    private final class Cursor implements Comparable<Cursor> {
        private final int order;
        private final SkabFile file;
        private final String machineId;
        private final Instant first;
        private final boolean[] blockStarts;
        private final boolean[] blockEnds;
        private int row;
        private long offsetNanos;
        private long seq;
        private FaultLabel open;

        Cursor(final int order, final SkabFile file, final String machineId) {
            this.order = order;
            this.file = file;
            this.machineId = machineId;
            this.first = file.rows().get(0).time();
            this.blockStarts = new boolean[file.rows().size()];
            this.blockEnds = new boolean[file.rows().size()];
            for (final AnomalyBlock b : file.anomalyBlocks()) {
                blockStarts[b.first()] = true;
                blockEnds[b.last()] = true;
            }
            this.offsetNanos = offsetOf(0, 0);
        }

        boolean hasNext() {
            return row < file.rows().size();
        }

        TelemetryReading emit() {
            final SkabRow r = file.rows().get(row);
            final Instant t = timestampOf(r, offsetNanos);
            if (open != null && !r.anomaly()) {
                labels.ended(open.endedAt(t));
                open = null;
            }
            if (blockStarts[row]) {
                open = new FaultLabel(machineId, FAULT, t, null);
                labels.started(open);
            }
            final Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < file.sensors().size(); i++) {
                if (!Double.isNaN(r.values()[i])) {
                    values.put(file.sensors().get(i), r.values()[i]);
                }
            }
            final TelemetryReading reading = new TelemetryReading(machineId, t, values,
                    format.schemaVersion() ? TelemetryReading.CURRENT_SCHEMA_VERSION : null,
                    format.seq() ? seq++ : null);
            row++;
            if (hasNext()) {
                offsetNanos = offsetOf(row, offsetNanos);
            } else if (open != null) {
                // the file ends inside the block: it lasted one more row period
                final Instant end = timestamps == TimestampMode.ORIGINAL
                        ? r.time().plus(file.period())
                        : timestampOf(r, offsetNanos + scaled(file.period()));
                labels.ended(open.endedAt(end));
                open = null;
            }
            return reading;
        }

        private Instant timestampOf(final SkabRow r, final long offset) {
            return timestamps == TimestampMode.ORIGINAL
                    ? r.time()
                    : runStart.plusNanos(offset).truncatedTo(ChronoUnit.MILLIS);
        }

        /** The row's offset from the start of the replay; never earlier than the previous row's. */
        private long offsetOf(final int index, final long previous) {
            return Math.max(previous, scaled(Duration.between(first, file.rows().get(index).time())));
        }

        private long scaled(final Duration recorded) {
            return (long) (recorded.toNanos() / speed);
        }

        @Override
        public int compareTo(final Cursor other) {
            final int c = Long.compare(offsetNanos, other.offsetNanos);
            return c != 0 ? c : Integer.compare(order, other.order);
        }
    }
}
