package dev.pdm.iiot.dashboard.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.pdm.iiot.dashboard.alerting.ActionOutcome;
import dev.pdm.iiot.dashboard.alerting.AlertActions;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.AlertCommand;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.concurrent.CompletionStage;

/**
 * Ack and clear of an alert from the page or a script: {@code POST /api/alerts/{id}/ack} and
 * {@code POST /api/alerts/{id}/clear}, with an optional body {@code {"by":"name"}} (or
 * {@code ?by=name}). Answers 202 once the command is on {@code alert-commands}, 404 for an unknown
 * alert, 409 for a cleared one, 503 when it could not be recorded.
 */
@Path("/api/alerts/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class AlertCommandResource {

    private static final ObjectReader JSON = EventJson.newMapper().reader();

    private final AlertActions actions;

    @Inject
    public AlertCommandResource(final AlertActions actions) {
        this.actions = actions;
    }

    @POST
    @Path("ack")
    public CompletionStage<RestResponse<ActionOutcome>> ack(@PathParam("id") final String alertId,
                                                            @QueryParam("by") final String by, final String body) {
        return act(alertId, AlertCommand.Action.ACK, by, body);
    }

    @POST
    @Path("clear")
    public CompletionStage<RestResponse<ActionOutcome>> clear(@PathParam("id") final String alertId,
                                                              @QueryParam("by") final String by, final String body) {
        return act(alertId, AlertCommand.Action.CLEAR, by, body);
    }

    private CompletionStage<RestResponse<ActionOutcome>> act(final String alertId, final AlertCommand.Action action,
                                                             final String by, final String body) {
        final String who = by != null ? by : byOf(body);
        return actions.act(alertId, action, who)
                .thenApply(outcome -> RestResponse.status(RestResponse.Status.fromStatusCode(
                        outcome.result().httpStatus()), outcome));
    }

    static String byOf(final String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        final JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (Exception e) {
            throw new BadRequestException("the body must be {\"by\":\"name\"} or empty");
        }
        final JsonNode by = node == null ? null : node.get("by");
        return by == null || !by.isTextual() ? null : by.asText();
    }
}
