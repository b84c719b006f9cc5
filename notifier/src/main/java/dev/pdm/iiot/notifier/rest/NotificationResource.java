package dev.pdm.iiot.notifier.rest;

import dev.pdm.iiot.notifier.store.DeliveryQueue;
import dev.pdm.iiot.notifier.store.DeliveryStatus;
import dev.pdm.iiot.security.quarkus.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The notification log, read-only: {@code GET /notifications?status=failed} (the failures, newest
 * first, with their last error), any status, or {@code ?alert_id=} for one alert's notifications.
 */
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
@Blocking
public class NotificationResource {

    private static final int MAX_LIMIT = 1000;

    private final DeliveryQueue queue;

    public NotificationResource(final DeliveryQueue queue) {
        this.queue = queue;
    }

    @GET
    public List<NotificationView> list(@QueryParam("status") @DefaultValue("failed") final String status,
                                       @QueryParam("alert_id") final String alertId,
                                       @QueryParam("limit") @DefaultValue("100") final int limit) throws SQLException {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit is 1 to " + MAX_LIMIT);
        }
        if (alertId != null && !alertId.isBlank()) {
            return queue.ofAlert(alertId).stream().limit(limit).map(NotificationView::of).toList();
        }
        final DeliveryStatus wanted;
        try {
            wanted = DeliveryStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status is one of " + List.of(DeliveryStatus.values()));
        }
        return queue.byStatus(wanted, limit).stream().map(NotificationView::of).toList();
    }
}
