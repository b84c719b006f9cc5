package dev.pdm.iiot.history;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Objects;

/**
 * The schema of the platform's history database, as Flyway migrations under
 * {@code classpath:db/history}: the minute and hour aggregates, the alert audit trail, the model
 * versions, and the rollup and retention functions ({@code docs/HISTORY.md}). Every component that
 * owns the database (the launcher, the compose file's migration step, tests) calls {@link #migrate}
 * before the JDBC sink connectors start: they write into these tables and never create their own.
 */
public final class HistorySchema {

    /** Where the migrations are, on the classpath. */
    public static final String LOCATION = "classpath:db/history";
    /** Flyway's own table in the history database. */
    public static final String HISTORY_TABLE = "flyway_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(HistorySchema.class);

    private HistorySchema() {
    }

    /**
     * Brings the database to the latest schema; a database already there is left as it is.
     *
     * @return the schema version after the migration, e.g. {@code "2"}
     */
    public static String migrate(final DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return migrate(Flyway.configure().dataSource(dataSource));
    }

    /** {@link #migrate(DataSource)} on a JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres}. */
    public static String migrate(final String jdbcUrl, final String user, final String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return migrate(Flyway.configure().dataSource(jdbcUrl, user, password));
    }

    private static String migrate(final org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        final Flyway flyway = configuration
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .load();
        final MigrateResult result = flyway.migrate();
        final String version = result.targetSchemaVersion != null
                ? result.targetSchemaVersion : flyway.info().current().getVersion().getVersion();
        LOG.info("History schema at version {} ({} migrations applied)", version, result.migrationsExecuted);
        return version;
    }
}
