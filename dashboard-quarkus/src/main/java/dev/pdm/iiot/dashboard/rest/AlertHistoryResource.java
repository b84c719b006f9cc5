package dev.pdm.iiot.dashboard.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.dashboard.config.DashboardConfig;
import dev.pdm.iiot.dashboard.history.AlertHistoryQueries;
import dev.pdm.iiot.dashboard.history.AlertRecord;
import dev.pdm.iiot.dashboard.history.InvalidQueryException;
import dev.pdm.iiot.dashboard.history.Period;
import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.security.quarkus.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The alert history from the database: {@code GET /api/alerts/history} (viewers), the latest state
 * of every alert open during the period, with when it was raised, acknowledged and cleared and by
 * whom, the latest raised first. Filters: {@code machine}, {@code alert} (one alert's id),
 * {@code type}, {@code severity} (the peak severity), {@code status}, {@code from}, {@code to}
 * (default: the last 30 days), {@code limit} (default 1,000 for JSON; a CSV export gets up to
 * {@code dashboard.history.max-alerts}). JSON, or CSV with {@code Accept: text/csv} or
 * {@code format=csv} (a download).
 */
@Path("/api/alerts/history")
@RolesAllowed(Roles.VIEWER)
@Blocking
public class AlertHistoryResource {

    static final MediaType CSV = new MediaType("text", "csv", "UTF-8");
    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    static final int DEFAULT_LIMIT = 1_000;
    static final Set<String> TYPES = Set.of(Alert.TYPE_ANOMALY, Alert.TYPE_DEGRADATION, Alert.TYPE_PEER_DEVIATION,
            Alert.TYPE_STUCK_SENSOR, Alert.TYPE_SENSOR_DROPOUT, Alert.TYPE_SILENT);

    private final AlertHistoryQueries queries;
    private final DashboardConfig config;

    @Inject
    public AlertHistoryResource(final AlertHistoryQueries queries, final DashboardConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response history(@QueryParam("machine") final String machine, @QueryParam("alert") final String alert,
                            @QueryParam("type") final String type, @QueryParam("severity") final String severity,
                            @QueryParam("status") final String status, @QueryParam("from") final String from,
                            @QueryParam("to") final String to, @QueryParam("limit") final Integer limit,
                            @QueryParam("format") final String format, @Context final HttpHeaders headers) {
        final boolean csv = wantsCsv(format, headers);
        final Period period = Period.parse(from, to, DEFAULT_PERIOD, config.history().maxRange(), Instant.now());
        final int max = config.history().maxAlerts();
        if (limit != null && (limit < 1 || limit > max)) {
            throw new InvalidQueryException("limit must be 1 to " + max + ": " + limit);
        }
        final AlertHistoryQueries.Filter filter = new AlertHistoryQueries.Filter(period, machine(machine),
                blank(alert) ? null : alert.strip(), oneOf("type", type, TYPES),
                oneOf("severity", severity, names(Severity.values())), oneOf("status", status, names(AlertStatus.values())),
                limit != null ? limit : csv ? max : Math.min(DEFAULT_LIMIT, max));
        final List<AlertRecord> alerts = queries.alerts(filter);
        if (csv) {
            return Response.ok(AlertCsv.of(alerts), CSV)
                    .header("Content-Disposition", "attachment; filename=\"alert-history.csv\"").build();
        }
        return Response.ok(new AlertHistory(period.from(), period.to(), alerts.size(), alerts),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code format} wins; without it CSV when the client prefers {@code text/csv} to JSON. */
    static boolean wantsCsv(final String format, final HttpHeaders headers) {
        if (!blank(format)) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new InvalidQueryException("format must be csv or json: " + format);
            };
        }
        for (final MediaType accepted : headers.getAcceptableMediaTypes()) {
            if ("text".equalsIgnoreCase(accepted.getType()) && "csv".equalsIgnoreCase(accepted.getSubtype())) {
                return true;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    static String machine(final String machine) {
        if (blank(machine)) {
            return null;
        }
        if (!MqttTopics.MACHINE_ID.matcher(machine.strip()).matches()) {
            throw new InvalidQueryException("not a machine id: " + machine);
        }
        return machine.strip();
    }

    static String oneOf(final String name, final String value, final Set<String> allowed) {
        if (blank(value)) {
            return null;
        }
        final String v = value.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new InvalidQueryException("unknown " + name + ": " + value + " (one of " + allowed.stream().sorted()
                    .toList() + ")");
        }
        return v;
    }

    private static Set<String> names(final Enum<?>[] values) {
        return Set.copyOf(Arrays.stream(values).map(Enum::name).toList());
    }

    private static boolean blank(final String value) {
        return value == null || value.isBlank();
    }

    /**
     * The JSON answer.
     *
     * @param from   start of the period
     * @param to     end of the period
     * @param count  alerts in the answer (at most the limit)
     * @param alerts the alerts, the latest raised first
     */
    public record AlertHistory(
            @JsonProperty("from") Instant from,
            @JsonProperty("to") Instant to,
            @JsonProperty("count") int count,
            @JsonProperty("alerts") List<AlertRecord> alerts) {
    }
}
