package dev.pdm.iiot.dashboard.history;

/**
 * Where a chart's points come from: the minute tables or the hour tables, one row per point or
 * buckets of several rows ({@code date_bin}).
 */
public enum Resolution {
    /** One point per minute: {@code machine_minute} and {@code machine_minute_summary} as they are. */
    MINUTE("minute", "machine_minute", "machine_minute_summary"),
    /** Buckets of several minutes. */
    MINUTE_BUCKETS("minute", "machine_minute", "machine_minute_summary"),
    /** One point per hour: {@code machine_hour} and {@code machine_hour_summary} as they are. */
    HOUR("hour", "machine_hour", "machine_hour_summary"),
    /** Buckets of several hours. */
    HOUR_BUCKETS("hour", "machine_hour", "machine_hour_summary");

    private final String timeColumn;
    private final String valuesTable;
    private final String summaryTable;

    Resolution(final String timeColumn, final String valuesTable, final String summaryTable) {
        this.timeColumn = timeColumn;
        this.valuesTable = valuesTable;
        this.summaryTable = summaryTable;
    }

    /** The time column of both tables: {@code minute} or {@code hour}. */
    public String timeColumn() {
        return timeColumn;
    }

    /** The per-sensor table. */
    public String valuesTable() {
        return valuesTable;
    }

    /** The per-machine table (readings, anomalies, highest score). */
    public String summaryTable() {
        return summaryTable;
    }

    /** The name in the answer: {@code minute}, {@code minute_buckets}, {@code hour}, {@code hour_buckets}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
