package dev.pdm.iiot.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the history database's size bounded: rolls the recent minutes into hours
 * ({@code history_rollup}) and then deletes minutes and hours past their retention
 * ({@code history_prune}), in one transaction. Both are idempotent, so running the job twice, or on
 * two instances at once, does no harm. The platform runs it every {@link Settings#every()}; where
 * pg_cron is installed the same two statements can be scheduled in the database instead.
 */
public final class RetentionJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final DataSource dataSource;
    private final Settings settings;
    private ScheduledExecutorService scheduler;

    /**
     * When and how far the job rolls up and prunes.
     *
     * @param minuteRetention how long minute rows are kept, e.g. 30 days
     * @param hourRetention   how long hour rows are kept, e.g. 2 years
     * @param lookBack        how far back hours are rolled up again (late minutes), e.g. 3 hours
     * @param settle          how old a minute must be before it is rolled up (the aggregation's
     *                        window plus grace: it may still change before), e.g. 5 minutes
     * @param every           how often the scheduled job runs, e.g. 15 minutes
     */
    public record Settings(Duration minuteRetention, Duration hourRetention, Duration lookBack, Duration settle,
                           Duration every) {

        public Settings {
            Objects.requireNonNull(minuteRetention, "minuteRetention");
            Objects.requireNonNull(hourRetention, "hourRetention");
            Objects.requireNonNull(lookBack, "lookBack");
            Objects.requireNonNull(settle, "settle");
            Objects.requireNonNull(every, "every");
            if (minuteRetention.compareTo(lookBack.plusHours(1)) <= 0) {
                throw new IllegalArgumentException("minutes must be kept longer than the rollup looks back, "
                        + "or they are deleted before their hour is rolled up: " + minuteRetention + " <= " + lookBack);
            }
            if (every.isZero() || every.isNegative()) {
                throw new IllegalArgumentException("the interval must be positive: " + every);
            }
        }

        /** Minutes 30 days, hours 730 days, look-back 3 hours, settle 5 minutes, every 15 minutes. */
        public static Settings defaults() {
            return new Settings(Duration.ofDays(30), Duration.ofDays(730), Duration.ofHours(3), Duration.ofMinutes(5),
                    Duration.ofMinutes(15));
        }
    }

    /** What one run did: summary hours written and rows deleted. */
    public record Result(long hoursRolledUp, long rowsDeleted) {
    }

    public RetentionJob(final DataSource dataSource, final Settings settings) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Rolls up and prunes once, now. */
    public Result runOnce() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement rollup = c.prepareStatement("SELECT history_rollup("
                    + "date_trunc('hour', now() - ?::interval) - ?::interval, now() - ?::interval)");
                 PreparedStatement prune = c.prepareStatement("SELECT history_prune(?::interval, ?::interval)")) {
                rollup.setString(1, interval(settings.settle()));
                rollup.setString(2, interval(settings.lookBack()));
                rollup.setString(3, interval(settings.settle()));
                final long hours = single(rollup);
                prune.setString(1, interval(settings.minuteRetention()));
                prune.setString(2, interval(settings.hourRetention()));
                final long deleted = single(prune);
                c.commit();
                LOG.info("History rolled up ({} machine hours) and pruned ({} rows)", hours, deleted);
                return new Result(hours, deleted);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Runs the job every {@link Settings#every()} on a thread of its own, the first time at once. */
    public synchronized RetentionJob start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                final Thread t = new Thread(r, "history-retention");
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(this::runLogged, 0, settings.every().toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void runLogged() {
        try {
            runOnce();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("History rollup and retention failed, next attempt in {}: {}", settings.every(), e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    private static long single(final PreparedStatement statement) throws SQLException {
        try (var rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String interval(final Duration d) {
        return d.toSeconds() + " seconds";
    }
}
