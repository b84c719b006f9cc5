package dev.pdm.iiot.dashboard.history;

import dev.pdm.iiot.dashboard.config.DashboardConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The history database, read only (its schema belongs to the history module; the dashboard never
 * migrates it). Runs one query at a time on a pooled connection with a timeout. A database that
 * cannot be reached (down, refusing, a pool that cannot connect in time) is a
 * {@link HistoryUnavailableException}, answered 503; the live view does not need the database.
 */
@ApplicationScoped
public class HistoryDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryDatabase.class);

    private final AgroalDataSource dataSource;
    private final int timeoutSeconds;
    private final AtomicBoolean warned = new AtomicBoolean();

    /** One query: binds its parameters and reads its rows. */
    @FunctionalInterface
    public interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    @Inject
    public HistoryDatabase(final AgroalDataSource dataSource, final DashboardConfig config) {
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, config.history().queryTimeout().toSeconds());
    }

    /** Runs {@code query} on a read-only connection. */
    public <T> T read(final String what, final Query<T> query) {
        final Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
        try (connection) {
            connection.setReadOnly(true);
            final T result = query.run(connection);
            warned.set(false);
            return result;
        } catch (SQLException e) {
            if (lostConnection(e)) {
                throw unavailable(what, e);
            }
            LOG.error("{} failed: {}", what, e.toString());
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** A prepared statement with this database's query timeout. */
    public PreparedStatement prepare(final Connection connection, final String sql) throws SQLException {
        final PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }

    /** Whether the database answers a trivial query now. */
    public boolean answers() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, "SELECT 1");
             ResultSet rows = statement.executeQuery()) {
            return rows.next();
        } catch (SQLException e) {
            return false;
        }
    }

    /** An instant as a {@code timestamptz} parameter ({@code setObject}). */
    public static OffsetDateTime timestamp(final Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(final ResultSet rows, final String column) throws SQLException {
        final OffsetDateTime t = rows.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** A column that may be SQL NULL, as a boxed value. */
    public static Double nullableDouble(final ResultSet rows, final String column) throws SQLException {
        final double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private HistoryUnavailableException unavailable(final String what, final SQLException e) {
        if (warned.compareAndSet(false, true)) {
            LOG.warn("history database unavailable for {}: {} (logged once until it answers again)", what, e.toString());
        } else {
            LOG.debug("history database unavailable for {}: {}", what, e.toString());
        }
        return new HistoryUnavailableException("the history database does not answer: " + e.getMessage(), e);
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P (the server shuts down), 57014 (the query timed
     * out), or none (the pool found no connection in time).
     */
    private static boolean lostConnection(final SQLException e) {
        final String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P") || "57014".equals(state);
    }
}
