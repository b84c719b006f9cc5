package dev.pdm.iiot.dashboard.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.dashboard.config.DashboardConfig;
import dev.pdm.iiot.dashboard.stats.PlantStatistics;
import dev.pdm.iiot.dashboard.stats.StatisticsService;
import dev.pdm.iiot.dashboard.view.AlertEntry;
import dev.pdm.iiot.dashboard.view.MachineEntry;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Severity;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.security.quarkus.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The prototype's REST endpoints, at their paths ({@code /api/data}, {@code /api/machines},
 * {@code /api/alerts}, {@code /api/statistics}), served from the dashboard's own view of the plant
 * to viewers (and every role above).
 */
@Path("/api")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class PlantResource {

    private final PlantView view;
    private final StatisticsService statistics;
    private final DashboardConfig config;

    @Inject
    public PlantResource(final PlantView view, final StatisticsService statistics, final DashboardConfig config) {
        this.view = view;
        this.statistics = statistics;
        this.config = config;
    }

    /** Everything at once: the last reading of every machine, the recent alerts, the statistics. */
    @GET
    @Path("data")
    public PlantData data() {
        final Map<String, TelemetryReading> latest = new TreeMap<>();
        for (final MachineEntry machine : view.machines()) {
            if (machine.status() != null && machine.status().lastReading() != null) {
                latest.put(machine.machineId(), machine.status().lastReading());
            }
        }
        return new PlantData(latest, view.alerts().recent(config.alerts().recent()), statistics.current());
    }

    /** Every machine known, by id. */
    @GET
    @Path("machines")
    public List<MachineSummary> machines() {
        return summaries();
    }

    /** One machine and its open alerts. */
    @GET
    @Path("machines/{id}")
    public MachineDetail machine(@PathParam("id") final String machineId) {
        final MachineEntry machine = view.machine(machineId).filter(m -> m.status() != null)
                .orElseThrow(() -> new NotFoundException("no machine " + machineId));
        final MachineSummary summary = MachineSummary.of(machine);
        final List<Alert> open = new ArrayList<>();
        for (final String alertId : summary.openAlerts().values()) {
            view.alerts().find(alertId).map(AlertEntry::alert).ifPresent(open::add);
        }
        final Alert first = summary.openAlertId() == null ? null
                : view.alerts().find(summary.openAlertId()).map(AlertEntry::alert).orElse(null);
        return new MachineDetail(summary, first != null || open.isEmpty() ? first : open.get(0), open);
    }

    /**
     * The last alerts (the prototype's last 20), oldest first; optionally only those of a status
     * ({@code ACTIVE_UNACK}, {@code ACTIVE_ACK}, {@code CLEARED}, or {@code open}) and a severity.
     */
    @GET
    @Path("alerts")
    public List<Alert> alerts(@QueryParam("status") final String status, @QueryParam("severity") final String severity,
                              @QueryParam("limit") final Integer limit) {
        final int n = limit == null ? config.alerts().recent() : Math.max(0, limit);
        final Set<AlertStatus> statuses = statuses(status);
        final Severity wanted = severity == null || severity.isBlank() ? null : parse(Severity.class, severity, "severity");
        final List<Alert> matching = new ArrayList<>();
        for (final Alert alert : view.alerts().recent(Integer.MAX_VALUE)) {
            if (statuses.contains(alert.status()) && (wanted == null || alert.severity() == wanted)) {
                matching.add(alert);
            }
        }
        return matching.subList(Math.max(0, matching.size() - n), matching.size());
    }

    @GET
    @Path("statistics")
    public PlantStatistics statistics() {
        return statistics.current();
    }

    private List<MachineSummary> summaries() {
        final List<MachineSummary> summaries = new ArrayList<>();
        for (final MachineEntry machine : view.machines()) {
            if (machine.status() != null) {
                summaries.add(MachineSummary.of(machine));
            }
        }
        summaries.sort(Comparator.comparing(MachineSummary::machineId));
        return summaries;
    }

    private static Set<AlertStatus> statuses(final String status) {
        if (status == null || status.isBlank() || "all".equalsIgnoreCase(status)) {
            return Set.of(AlertStatus.values());
        }
        if ("open".equalsIgnoreCase(status)) {
            return Set.of(AlertStatus.ACTIVE_UNACK, AlertStatus.ACTIVE_ACK);
        }
        return Set.of(parse(AlertStatus.class, status, "status"));
    }

    private static <E extends Enum<E>> E parse(final Class<E> type, final String value, final String name) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("unknown " + name + ": " + value);
        }
    }

    /**
     * {@code GET /api/data}.
     *
     * @param machines   machine id to its last reading (from its status), in the prototype's reading JSON
     * @param alerts     the last alerts, oldest first
     * @param statistics the statistics panel
     */
    public record PlantData(
            @JsonProperty("machines") Map<String, TelemetryReading> machines,
            @JsonProperty("alerts") List<Alert> alerts,
            @JsonProperty("statistics") PlantStatistics statistics) {
    }

    /**
     * {@code GET /api/machines/{id}}.
     *
     * @param machine    the machine
     * @param openAlert  its open alert ({@code open_alert_id}'s, else the first of its open alerts), or null
     * @param openAlerts every open alert of the machine that the dashboard holds, one per type
     */
    public record MachineDetail(
            @JsonProperty("machine") MachineSummary machine,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("open_alert") Alert openAlert,
            @JsonProperty("open_alerts") List<Alert> openAlerts) {
    }
}
