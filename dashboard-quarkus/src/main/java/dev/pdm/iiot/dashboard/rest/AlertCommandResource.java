package dev.pdm.iiot.dashboard.rest;

import dev.pdm.iiot.dashboard.alerting.ActionOutcome;
import dev.pdm.iiot.dashboard.alerting.AlertActions;
import dev.pdm.iiot.security.quarkus.Roles;
import dev.pdm.iiot.events.model.AlertCommand;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.concurrent.CompletionStage;

/**
 * Ack and clear of an alert from the page or a script (role operator):
 * {@code POST /api/alerts/{id}/ack} and {@code POST /api/alerts/{id}/clear}. The command records
 * the signed-in user; a {@code by} in the body or the query, as older clients send it, is ignored.
 * Answers 202 once the command is on {@code alert-commands}, 404 for an unknown alert, 409 for a
 * cleared one, 503 when it could not be recorded. A browser session also needs its CSRF token
 * (see {@code CsrfGuard}).
 */
@Path("/api/alerts/{id}")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class AlertCommandResource {

    private final AlertActions actions;
    private final SecurityIdentity user;

    @Inject
    public AlertCommandResource(final AlertActions actions, final SecurityIdentity user) {
        this.actions = actions;
        this.user = user;
    }

    @POST
    @Path("ack")
    public CompletionStage<RestResponse<ActionOutcome>> ack(@PathParam("id") final String alertId) {
        return act(alertId, AlertCommand.Action.ACK);
    }

    @POST
    @Path("clear")
    public CompletionStage<RestResponse<ActionOutcome>> clear(@PathParam("id") final String alertId) {
        return act(alertId, AlertCommand.Action.CLEAR);
    }

    private CompletionStage<RestResponse<ActionOutcome>> act(final String alertId, final AlertCommand.Action action) {
        return actions.act(alertId, action, user.getPrincipal().getName())
                .thenApply(outcome -> RestResponse.status(RestResponse.Status.fromStatusCode(
                        outcome.result().httpStatus()), outcome));
    }
}
